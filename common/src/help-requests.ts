import { z } from 'zod';
import { LANGUAGES } from './languages';
import { textField } from './text';

/**
 * Community help (issues 22–23, docs/decisions/0012): a citizen's help request, typed on the
 * public form of an entity (`/help/<entity code>`) or by a professional after a phone call, held
 * apart as an untrusted submission until an operator imports it as a help request.
 * DESIGN.md's "Help-request workflow": submitted → imported → dispatched | deleted → completed.
 */

/** What help is asked for (the seed's kinds). */
export const HELP_TYPES = [
  'shopping',
  'medicines',
  'accompaniment',
  'phone_company',
  'transport',
  'paperwork',
  'other',
] as const;
export type HelpType = (typeof HELP_TYPES)[number];

/** When it is needed: as soon as possible, or on a date in a part of the day. */
export const HELP_WHEN = ['asap', 'date'] as const;
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

export const HELP_URGENCIES = ['low', 'medium', 'high'] as const;
export type HelpUrgency = (typeof HELP_URGENCIES)[number];

/** A help request's states (a submission not yet imported reads as `submitted`). */
export const HELP_REQUEST_STATUSES = ['imported', 'dispatched', 'deleted', 'completed'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** What the status page shows a citizen: the state only, nothing personal. */
export const HELP_PUBLIC_STATES = ['received', 'in_review', 'sent', 'closed', 'completed'] as const;
export type HelpPublicState = (typeof HELP_PUBLIC_STATES)[number];

const PHONE_CHARACTERS = /^[+0-9 ().-]*$/;
const filled = (value: string | null | undefined) =>
  typeof value === 'string' && value.trim() !== '';
const isoDate = z.iso.date().refine((date) => /^(20\d\d|2100)-/.test(date));

/**
 * The form's fields, the same on the public page and in the console (a professional typing a
 * request after a call). Phone and/or email; a date and a part of the day when `when` is `date`;
 * consent to the processing of the data is required. Message keys: `validation.<key>`.
 */
export const helpRequestFormSchema = z
  .object({
    name: textField().trim().min(1).max(200),
    phone: textField().trim().max(30).regex(PHONE_CHARACTERS).optional().default(''),
    email: textField()
      .trim()
      .pipe(z.email().max(254).or(z.literal('')))
      .optional()
      .default(''),
    address: textField({ multiline: true }).trim().min(1).max(300),
    municipalityId: z.uuid(),
    helpType: z.enum(HELP_TYPES),
    when: z.enum(HELP_WHEN),
    neededOn: isoDate.optional(),
    neededPart: z.enum(PARTS_OF_DAY).optional(),
    urgency: z.enum(HELP_URGENCIES),
    description: textField({ multiline: true }).trim().min(1).max(2000),
    language: z.enum(LANGUAGES),
    consent: z.literal(true, { error: () => ({ message: 'consent_required' }) }),
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, i18n: string) =>
      ctx.addIssue({ code: 'custom', path: [path], params: { i18n }, message: i18n });
    if (!filled(value.phone) && !filled(value.email)) {
      issue('phone', 'phone_or_email');
      issue('email', 'phone_or_email');
    }
    if (value.when === 'date') {
      if (!value.neededOn) issue('neededOn', 'required');
      if (!value.neededPart) issue('neededPart', 'required');
    }
  });
export type HelpRequestForm = z.infer<typeof helpRequestFormSchema>;
