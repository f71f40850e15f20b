import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';

/**
 * The API in a process of its own, on the PostgreSQL server of DATABASE_URL, listening on a free
 * port of 127.0.0.1 (api-server-process.ts starts it), so that a test can measure what
 * this process holds while files go through it. Over the IPC channel it answers `measure` with
 * its live memory: garbage is collected first, else the figures would be V8's appetite rather
 * than what the server holds (the buffers of finished chunks wait for a collection that external
 * memory triggers only past some 64 MiB, whatever the file's size).
 */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const database = await openDatabase({
  kind: 'postgres',
  url: process.env.DATABASE_URL!,
  poolSize: 4,
});
const config = loadConfig({ CALIU_DEMO: '1', LOG_LEVEL: 'warn' });
const app = await buildApp({ database, config }, { logger: false, serveConsole: false });
await app.listen({ port: 0, host: '127.0.0.1' });

process.on('message', (message: string) => {
  if (message === 'measure') {
    gc();
    gc();
    const m = process.memoryUsage();
    process.send!({ rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers });
  } else if (message === 'stop') {
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  }
});
// The test that started it is gone: so is this process.
process.on('disconnect', () => process.exit(0));
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
