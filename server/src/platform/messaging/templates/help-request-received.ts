import { z } from 'zod';
import { defineEmailTemplate } from './define';

/**
 * The acknowledgement of a community help request (issue 22): its reference and a link to the
 * page showing its state (`/help/<entity code>/status/<token>`; the token travels in the path,
 * which the request log masks). Nothing the citizen typed goes into it but the reference.
 */
export const helpRequestReceived = defineEmailTemplate({
  name: 'help_request_received',
  linkPath: '/help/status',
  linkToken: { in: 'path', suffix: '' },
  data: z.object({ reference: z.string().regex(/^A-\d{4}-\d{6}$/) }),
  example: { reference: 'A-2026-000123' },
  compose: ({ data, t, entityName, entityCode, link }) => {
    // The minted link reads `<base>/help/status/<token>`; the page lives under the entity's code.
    const url = link!.replace(
      /\/help\/status\/([^/]+)$/,
      (_all, token: string) => `/help/${encodeURIComponent(entityCode)}/status/${token}`,
    );
    return {
      subject: t('subject', { reference: data.reference }),
      blocks: [
        { kind: 'paragraph', text: t('greeting') },
        { kind: 'paragraph', text: t('intro', { entityName, reference: data.reference }) },
        { kind: 'action', label: t('action'), url },
        { kind: 'small', text: t('keep') },
      ],
    };
  },
});
