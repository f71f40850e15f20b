import { useMutation } from '@tanstack/react-query';
import { keepAlive } from '@/lib/auth';

/** Extends the session's idle expiry (the "stay signed in" of the expiry warning). */
export function useKeepAlive() {
  return useMutation({ mutationFn: keepAlive });
}
