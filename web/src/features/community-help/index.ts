export { HelpRequestsPage } from './components/help-requests-page';
export { HelpRequestPage } from './components/help-request-page';
export { NewHelpRequestPage } from './components/new-help-request-page';
