import type { HelpRequestForm } from '@caliu/common';
import type { Config } from '../config';
import type { Database } from '../db/connect';
import { submitHelpRequest } from '../modules/community-help/submissions';
import type { TestEntity } from './factories';

/** Help-form submissions for tests (issue 22): typed as the public form or a professional would. */

export function helpForm(
  entity: TestEntity,
  overrides: Partial<HelpRequestForm> = {},
): HelpRequestForm {
  return {
    name: 'Maria Garcia Puig',
    phone: '600 11 22 33',
    email: '',
    address: 'Carrer Major 1, 2n',
    municipalityId: entity.municipalities.north1,
    helpType: 'shopping',
    when: 'asap',
    urgency: 'medium',
    description: 'I need someone to bring the shopping this week.',
    language: 'ca',
    consent: true,
    ...overrides,
  };
}

/** A submission not yet imported, submitted at `now`. */
export async function createTestSubmission(
  database: Database,
  config: Config,
  entity: TestEntity,
  options: { form?: Partial<HelpRequestForm>; now?: Date; enteredBy?: string } = {},
) {
  const form = helpForm(entity, options.form);
  return database.tenant(entity.id, (tx) =>
    submitHelpRequest({ config }, tx, {
      entityId: entity.id,
      form,
      language: form.language,
      now: options.now ?? new Date(),
      ...(options.enteredBy ? { enteredBy: options.enteredBy } : {}),
    }),
  );
}
