import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { isLanguage } from '@caliu/common';
import { loadConfig } from './config';
import { openDatabase, type Database } from './db/connect';
import { DataDirLockedError } from './db/pglite-lock';
import { createEntity, createProfessional } from './commands/create-entity';
import { findEntityByCode } from './modules/auth/repository';
import { purgeAudit } from './commands/purge-audit';

const USAGE = `Usage: npm run caliu -- <command> [options]

Commands:
  purge-audit    Delete audit rows older than AUDIT_RETENTION_DAYS (default 730, at least 183).
  create-admin   Create a new entity (if it does not exist) and its first administrator.
      --entity <code>          login code of the entity (lower case, digits, dashes)
      --entity-name <name>     the entity's name (required when the entity is new)
      --domain <domain>        the entity's corporate email domain (required when new)
      --time-zone <tz>         default Europe/Madrid
      --language <ca|es|it|en> default ca
      --username <username>    the administrator's username
      --given-name <name> --surnames <surnames> --email <email>
    The password is read from the terminal (twice), or from the first line of standard input.

On the embedded database (PGlite) a command cannot run while Caliu is running on the same data
directory: stop it first. On a PostgreSQL server (DATABASE_URL) it can run at any time.`;

const adminSchema = z.object({
  entity: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower case letters, digits and dashes'),
  'entity-name': z.string().min(1).optional(),
  domain: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain like ajuntament.cat')
    .optional(),
  'time-zone': z.string().default('Europe/Madrid'),
  language: z.string().refine(isLanguage, 'one of ca, es, it, en').default('ca'),
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower case letters, digits, . _ -'),
  'given-name': z.string().min(1),
  surnames: z.string().min(1),
  email: z.email(),
});

async function readPassword(): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  try {
    if (!process.stdin.isTTY) {
      for await (const line of rl) return line;
      throw new Error('No password on standard input');
    }
    const first = await rl.question('Password (at least 12 characters): ');
    const second = await rl.question('Repeat the password: ');
    if (first !== second) throw new Error('The two passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

async function createAdmin(database: Database, argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(adminSchema.shape).map((k) => [k, { type: 'string' }])),
  });
  const parsed = adminSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n') +
        `\n\n${USAGE}`,
    );
  }
  const o = parsed.data;
  let entity = await database.anonymous((tx) => findEntityByCode(tx, o.entity));
  let entityId = entity?.id;
  if (!entityId) {
    if (!o['entity-name'] || !o.domain)
      throw new Error('A new entity needs --entity-name and --domain');
    entityId = await createEntity(database, {
      code: o.entity,
      name: o['entity-name'],
      emailDomains: [o.domain.toLowerCase()],
      timeZone: o['time-zone'],
      defaultLanguage: o.language as 'ca',
      requiresSecondFactor: true,
    });
    entity = await database.anonymous((tx) => findEntityByCode(tx, o.entity));
    console.log(`Created the entity "${o.entity}".`);
  }
  const password = await readPassword();
  if (password.length < 12) throw new Error('The password must have at least 12 characters');
  await createProfessional(database, entityId, {
    username: o.username,
    givenName: o['given-name'],
    surnames: o.surnames,
    email: o.email,
    roles: ['administrator'],
    password,
  });
  console.log(`Created the administrator "${o.username}" of "${entity?.name ?? o.entity}".`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (command !== 'create-admin' && command !== 'purge-audit') {
    throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: config.dataDir },
  );
  try {
    if (command === 'purge-audit') {
      const { deleted } = await purgeAudit(database, config.auditRetentionDays);
      console.log(`Purged ${deleted} audit rows older than ${config.auditRetentionDays} days.`);
    } else {
      await createAdmin(database, rest);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(`${error.message}\nStop Caliu first, then run this command again.`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
