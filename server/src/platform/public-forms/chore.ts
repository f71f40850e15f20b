import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import type { Chore } from '../messaging/worker';
import { purgePublicForms } from './challenge';

/** How often the worker forgets expired challenges and day-old public requests. */
export const PUBLIC_FORMS_PURGE_EVERY_MS = 15 * 60 * 1000;

/** The purge as a chore of the outbox worker (entities: those the worker serves). */
export function publicFormsChore(database: Database, config: Config): Chore {
  return {
    name: 'public-forms-purge',
    everyMs: PUBLIC_FORMS_PURGE_EVERY_MS,
    run: () => purgePublicForms(database, config.outbox.entities),
  };
}
