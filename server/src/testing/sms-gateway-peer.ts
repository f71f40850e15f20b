import { createServer, type Server } from 'node:http';

export type ReceivedSms = { authorization: string | null; body: Record<string, unknown> };

/** A real HTTP SMS gateway on 127.0.0.1 (port 0) that records what it receives. */
export async function startSmsGatewayPeer(options: { status?: number } = {}) {
  const received: ReceivedSms[] = [];
  let status = options.status ?? 202;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({
        authorization: request.headers.authorization ?? null,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ echo: 'gateways may echo the number here' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    answerWith: (next: number) => (status = next),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
