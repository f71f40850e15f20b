import { z } from 'zod';
import { defineEmailTemplate, expiryText } from './define';

/** A new professional's first access: the link opens the page where they choose a password. */
export const professionalActivation = defineEmailTemplate({
  name: 'professional_activation',
  linkPath: '/activate',
  data: z.object({
    givenName: z.string().min(1),
    username: z.string().min(1),
    entityName: z.string().min(1).optional(),
  }),
  example: { givenName: 'Marta', username: 'marta.puig', entityName: 'Ajuntament de Vilanova' },
  compose: ({ data, t, entityName, entityCode, link, hours }) => {
    const entity = data.entityName ?? entityName;
    return {
      subject: t('subject', { entityName: entity }),
      blocks: [
        { kind: 'paragraph', text: t('common.greeting', { givenName: data.givenName }) },
        {
          kind: 'paragraph',
          text: t('intro', { entityName: entity, username: data.username }),
        },
        { kind: 'action', label: t('action'), url: link! },
        { kind: 'paragraph', text: t('common.sign_in', { entityCode, entityName: entity }) },
        { kind: 'small', text: expiryText(t, hours) },
        { kind: 'small', text: t('ignore') },
      ],
    };
  },
});
