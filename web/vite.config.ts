import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = new URL('.', import.meta.url).pathname;

// The console is served by the API server from web/dist; in development Vite proxies /api to it.
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@/', replacement: new URL('./src/', import.meta.url).pathname },
      // Exactly the package's root: its other exports (the common-password list) resolve as usual.
      {
        find: /^@caliu\/common$/,
        replacement: new URL('../common/src/index.ts', import.meta.url).pathname,
      },
    ],
  },
  // Components and features style themselves with CSS modules (name.module.css), read in
  // TypeScript as styles.camelCase.
  css: { modules: { localsConvention: 'camelCaseOnly' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the console: cache them apart.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // The password estimator's dictionaries (megabytes) stay in the chunk that the pages
            // setting a password load on demand.
            { name: 'vendor', test: /node_modules[\\/](?!@zxcvbn-ts[\\/])/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
