import { listeningNote, loadConfig } from './config';
import { buildApp } from './app';
import { openDatabase, type Database } from './db/connect';
import { DataDirLockedError } from './db/pglite-lock';
import { DEMO_ENTITY_CODE, DEMO_LOGINS, seedDemo } from './demo/seed';
import { startOutboxWorker } from './platform/messaging/worker';
import { reminderCheck } from './modules/agenda/messages';
import { activationCheck } from './modules/professionals/activation';
import { abandonedUploadsChore } from './modules/attachments/abandoned';
import { publicFormsChore } from './platform/public-forms';
import { helpIntakeChore } from './modules/community-help/watcher';
import { helpRetentionChore } from './modules/community-help/retention';

/** `npm start`: the API and the console on one port, on PGlite unless DATABASE_URL is set. */
async function main() {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'pglite', dataDir: config.dataDir },
    );
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const seeded = config.demo ? await seedDemo(database, config.demoPassword) : false;
  const app = await buildApp({ database, config });
  const worker = config.runWorker
    ? startOutboxWorker({
        database,
        config,
        log: app.log,
        chores: [
          abandonedUploadsChore(database, config),
          publicFormsChore(database, config),
          helpIntakeChore(database, config),
          helpRetentionChore(database, config),
        ],
        checks: [reminderCheck, activationCheck],
      })
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await worker?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const where = config.databaseUrl
    ? 'PostgreSQL server (DATABASE_URL)'
    : `PGlite in ${config.dataDir}`;
  const lines = [
    '',
    `Caliu is running at ${url}  (database: ${where})`,
    `API documentation: ${url}/api/docs`,
    listeningNote(config),
  ];
  if (config.demo) {
    const pw = process.env.CALIU_DEMO_PASSWORD ? '(CALIU_DEMO_PASSWORD)' : config.demoPassword;
    lines.push(
      seeded ? 'Demo data created.' : 'Demo data present.',
      `Demo logins — entity "${DEMO_ENTITY_CODE}", password ${pw}:`,
      ...DEMO_LOGINS.map((l) => `  ${l.username.padEnd(20)} ${l.roles.join(', ')}`),
      `Support agent — entity "support", username "support", password ${pw}`,
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
