import type { Config } from '../config';

/**
 * Whether a request came over TLS: its own protocol, which behind a proxy named in TRUST_PROXY is
 * the proxy's X-Forwarded-Proto. COOKIE_SECURE=true says every request does; false, none does.
 */
export function overTls(protocol: string, cookieSecure: Config['cookieSecure']): boolean {
  return cookieSecure === 'auto' ? protocol === 'https' : cookieSecure;
}
