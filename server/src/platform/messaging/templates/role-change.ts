import { z } from 'zod';
import { ROLES } from '@caliu/common';
import { defineEmailTemplate } from './define';

/**
 * Tells an entity's other administrators that a professional's roles changed, and who changed
 * them: a grant of power never goes unnoticed.
 */
export const roleChange = defineEmailTemplate({
  name: 'role_change',
  data: z.object({
    givenName: z.string().min(1),
    professionalName: z.string().min(1),
    username: z.string().min(1),
    changedBy: z.string().min(1),
    before: z.array(z.enum(ROLES)),
    after: z.array(z.enum(ROLES)),
  }),
  example: {
    givenName: 'Laia',
    professionalName: 'Marta Puig Serra',
    username: 'marta.puig',
    changedBy: 'Jordi Vidal',
    before: ['tech_ssb'],
    after: ['tech_ssb', 'administrator'],
  },
  compose: ({ data, t, entityName }) => {
    const list = (roles: readonly string[]) =>
      roles.length ? roles.map((role) => t(`roles.${role}`)).join(', ') : t('no_roles');
    return {
      subject: t('subject', { professionalName: data.professionalName }),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        {
          kind: 'paragraph',
          text: t('intro', {
            changedBy: data.changedBy,
            professionalName: data.professionalName,
            username: data.username,
            entityName,
          }),
        },
        { kind: 'paragraph', text: t('before', { roles: list(data.before) }) },
        { kind: 'paragraph', text: t('after', { roles: list(data.after) }) },
        { kind: 'small', text: t('why', { entityName }) },
      ],
    };
  },
});
