import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for tests, run as its own process:
 *   node --import tsx server/src/testing/smtp-peer.ts [--refuse-rate 0.3] [--seed 7] [--delay-ms 0]
 *     [--tls none|implicit|starttls]   (TLS with smtp-server's built-in self-signed certificate)
 * It listens on 127.0.0.1, port 0, and writes one JSON line to stdout per event: `listening`
 * (with the port), `message` (what it received, parsed), `refused` (a seeded share of attempts
 * answered 451, a temporary failure), `connection-error` (a client reset its connection). Test side: smtp-peer-process.ts.
 */
const { values } = parseArgs({
  options: {
    'refuse-rate': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    'delay-ms': { type: 'string', default: '0' },
    tls: { type: 'string', default: 'none' },
  },
});
const refuseRate = Number(values['refuse-rate']);
const delayMs = Number(values['delay-ms']);

/** mulberry32: a small seeded generator, so the refusal pattern repeats from run to run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(Number(values.seed));

const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

const server = new SMTPServer({
  authOptional: true,
  secure: values.tls === 'implicit',
  disabledCommands: values.tls === 'starttls' ? [] : ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      void (async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        if (random() < refuseRate) {
          emit({ event: 'refused' });
          const error = Object.assign(new Error('Try again later (seeded refusal)'), {
            responseCode: 451,
          });
          return callback(error);
        }
        const mail = await simpleParser(Buffer.concat(chunks));
        const header = (name: string) => {
          const value = mail.headers.get(name);
          return typeof value === 'string' ? value : null;
        };
        emit({
          event: 'message',
          secure: session.secure,
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          messageId: mail.messageId ?? null,
          from: mail.from?.text ?? null,
          fromName: mail.from?.value[0]?.name ?? null,
          fromAddress: mail.from?.value[0]?.address ?? null,
          replyTo: mail.replyTo?.text ?? null,
          subject: mail.subject ?? null,
          text: mail.text ?? null,
          html: typeof mail.html === 'string' ? mail.html : null,
          autoSubmitted: header('auto-submitted'),
        });
        callback();
      })().catch((error: unknown) => callback(error as Error));
    });
  },
});

// A client that dies mid-conversation (a worker killed with SIGKILL) resets its connection. A real
// mail server logs that and goes on serving; without this handler the 'error' event would end
// the process, and every later delivery would be refused.
server.on('error', (error: NodeJS.ErrnoException) => {
  emit({ event: 'connection-error', code: error.code ?? error.name });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  emit({ event: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
