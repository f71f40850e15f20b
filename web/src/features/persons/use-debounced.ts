import { useEffect, useState } from 'react';

/** `value`, once it has stayed the same for `delay` ms (what a search box asks the server). */
export function useDebounced<T>(value: T, delay: number): [T, (now: T) => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  // The second element settles at once (a cleared box should not wait).
  return [settled, setSettled];
}
