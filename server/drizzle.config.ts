import { defineConfig } from 'drizzle-kit';

/**
 * `npm run db:generate`: drizzle-kit's SQL for the Drizzle schema, as a draft to copy from when
 * writing a migration by hand. It goes to .tmp/, never to server/src/db/migrations/: migrations are
 * hand-written SQL (docs/decisions/0002-sql-migrations.md). drizzle-kit demands a default export.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema/index.ts',
  out: './.tmp/drizzle-draft',
});
