import net from 'node:net';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/**
 * nodemailer options from SMTP_URL: `smtps://user:pass@host:465` is TLS from the first byte;
 * `smtp://host:587` upgrades with STARTTLS when the server offers it; `?requireTLS=true` insists
 * on it, `?ignoreTLS=true` never tries, `?rejectUnauthorized=false` accepts a self-signed
 * certificate (an internal relay).
 */
export function smtpOptionsFromUrl(url: string, maxConnections: number): SMTPPool.Options {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new Error('SMTP_URL must start with smtp:// or smtps://');
  }
  const secure = u.protocol === 'smtps:';
  const flag = (name: string) => u.searchParams.get(name) === 'true';
  return {
    pool: true,
    maxConnections,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username
      ? {
          auth: {
            user: decodeURIComponent(u.username),
            pass: decodeURIComponent(u.password),
          },
        }
      : {}),
    requireTLS: flag('requireTLS'),
    ignoreTLS: flag('ignoreTLS'),
    ...(u.searchParams.get('rejectUnauthorized') === 'false'
      ? { tls: { rejectUnauthorized: false } }
      : {}),
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    getSocket: connectWithoutDelay,
  };
}

const CONNECT_TIMEOUT_MS = 20_000;

/**
 * Opens the TCP connection with Nagle's algorithm off: an SMTP client writes the end of DATA as
 * a small segment, which otherwise waits for the server's delayed ACK (about 40 ms a message).
 * nodemailer upgrades the socket to TLS itself for smtps://.
 */
function connectWithoutDelay(
  options: { host?: string | undefined; port?: number | undefined },
  callback: (error: Error | null, socketOptions?: { connection: net.Socket }) => void,
): void {
  const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? 587 });
  socket.setNoDelay(true);
  const onError = (error: Error) => {
    socket.off('timeout', onTimeout);
    socket.destroy();
    callback(error);
  };
  const onTimeout = () =>
    onError(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' }));
  socket.setTimeout(CONNECT_TIMEOUT_MS);
  socket.once('timeout', onTimeout);
  socket.once('error', onError);
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.off('timeout', onTimeout);
    socket.off('error', onError);
    callback(null, { connection: socket });
  });
}
