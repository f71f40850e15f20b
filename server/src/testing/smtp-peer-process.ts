import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PEER = path.join(ROOT, 'server/src/testing/smtp-peer.ts');

/** A message as the SMTP peer received and parsed it. */
export type ReceivedMail = {
  /** Whether the message came over TLS (smtps:// or STARTTLS). */
  secure: boolean;
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string | null;
  fromName: string | null;
  fromAddress: string | null;
  replyTo: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  autoSubmitted: string | null;
};

export type SmtpPeer = {
  port: number;
  /** SMTP_URL for Caliu. */
  url: string;
  received: ReceivedMail[];
  refused: () => number;
  /** How many connections clients reset mid-conversation (a killed worker's). */
  connectionErrors: () => number;
  /** Resolves once at least `count` messages have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** Starts server/src/testing/smtp-peer.ts in its own process and collects what it receives. */
export async function startSmtpPeer(
  options: {
    refuseRate?: number;
    seed?: number;
    delayMs?: number;
    tls?: 'none' | 'implicit' | 'starttls';
  } = {},
): Promise<SmtpPeer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      PEER,
      '--refuse-rate',
      String(options.refuseRate ?? 0),
      '--seed',
      String(options.seed ?? 1),
      '--delay-ms',
      String(options.delayMs ?? 0),
      '--tls',
      options.tls ?? 'none',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const received: ReceivedMail[] = [];
  let refused = 0;
  let connectionErrors = 0;
  let exitCode: number | null | undefined;
  const waiters = new Set<() => void>();
  let resolvePort: (port: number) => void;
  const port = new Promise<number>((resolve, reject) => {
    resolvePort = resolve;
    child.once('exit', (code) => reject(new Error(`SMTP peer exited early (${code})`)));
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const event = JSON.parse(line) as { event: string; port?: number } & ReceivedMail;
    if (event.event === 'listening') resolvePort(event.port!);
    else if (event.event === 'refused') refused++;
    else if (event.event === 'connection-error') connectionErrors++;
    else if (event.event === 'message') {
      const { event: _event, ...mail } = event;
      received.push(mail);
      for (const wake of waiters) wake();
    }
  });
  const listening = await port;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      for (const wake of waiters) wake();
      resolve();
    }),
  );
  return {
    port: listening,
    url: `${options.tls === 'implicit' ? 'smtps' : 'smtp'}://127.0.0.1:${listening}`,
    received,
    refused: () => refused,
    connectionErrors: () => connectionErrors,
    waitFor(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count && exitCode === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          if (received.length >= count) resolve();
          // A dead peer refuses every later delivery: say so now rather than time out later.
          else
            reject(new Error(`SMTP peer exited (${exitCode}) after ${received.length} messages`));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`SMTP peer: ${received.length} of ${count} messages after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
