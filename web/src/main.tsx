import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The design tokens, the base and the layout come first: every component's own styles follow them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import { App } from './app/app';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
