import { useEffect, useState } from 'react';

function tokenInFragment(): string | null {
  const fragment = window.location.hash.replace(/^#/, '');
  const token = new URLSearchParams(fragment).get('token');
  return token && token.trim() ? token.trim() : null;
}

/**
 * The secret token of a link from an email or SMS (`…#token=…`: after the `#`, so that it never
 * reaches a server log). It is read once, then taken out of the address bar, so that it stays
 * neither in the browser's history nor on the screen.
 */
export function useLinkToken(): string | null {
  const [token] = useState(tokenInFragment);
  useEffect(() => {
    if (window.location.hash) {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    }
  }, []);
  return token;
}
