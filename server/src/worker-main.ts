import pino from 'pino';
import { loadConfig } from './config';
import { openDatabase } from './db/connect';
import { loggerOptions } from './platform/logging';
import { startOutboxWorker } from './platform/messaging/worker';
import { reminderCheck } from './modules/agenda/messages';
import { activationCheck } from './modules/professionals/activation';
import { abandonedUploadsChore } from './modules/attachments/abandoned';
import { publicFormsChore } from './platform/public-forms';
import { helpIntakeChore } from './modules/community-help/watcher';
import { helpRetentionChore } from './modules/community-help/retention';

/**
 * `npm run worker`: the outbox worker as its own process, on a PostgreSQL server (DATABASE_URL).
 * Any number of these and of `npm start` processes share one database: each claims different
 * messages (FOR UPDATE SKIP LOCKED). On the embedded database it refuses: there the worker runs
 * inside `npm start`, the only process that may open the data directory.
 */
async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.error(
      '\nThe outbox worker runs inside `npm start` on the embedded database (PGlite): a second ' +
        'process cannot open its data directory.\nTo run the worker as its own process, set ' +
        'DATABASE_URL to a PostgreSQL server (and CALIU_WORKER=0 for the API processes if you ' +
        'want them not to send).\n',
    );
    process.exit(1);
  }
  const log = pino(loggerOptions(config.logLevel));
  const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: 4 });
  const worker = startOutboxWorker({
    database,
    config,
    log,
    chores: [
      abandonedUploadsChore(database, config),
      publicFormsChore(database, config),
      helpIntakeChore(database, config),
      helpRetentionChore(database, config),
    ],
    checks: [reminderCheck, activationCheck],
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'outbox worker stopping');
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
