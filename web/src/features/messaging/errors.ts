import { ApiError } from '@/lib/api-client';

/** Whether the API said that the demo mailbox does not exist (the server is not in demo mode). */
export function isMailboxUnavailable(error: Error | null): boolean {
  return error instanceof ApiError && error.code === 'messaging.mailbox_unavailable';
}

/** "Try again", unless asking again cannot help (a client error, 4xx). */
export function retryUnlessClientError(error: Error | null, retry: () => unknown) {
  const clientError = error instanceof ApiError && error.status >= 400 && error.status < 500;
  return clientError ? undefined : () => void retry();
}
