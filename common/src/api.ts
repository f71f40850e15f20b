import { z } from 'zod';
import { textField } from './text';
import { LANGUAGES } from './languages';
import { ROLES } from './roles';
import { PERMISSIONS } from './permissions';

/**
 * The API contract shared by the server (route schemas, OpenAPI) and the console (typed fetchers).
 * Types are inferred from these schemas; response schemas decide what leaves the server.
 */

export const languageSchema = z.enum(LANGUAGES);
export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(PERMISSIONS);

/** The one error shape of the whole API. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const loginRequestSchema = z.object({
  /** The entity's code, or its name (up to 200 characters, as entities.name). */
  entity: textField().trim().min(1).max(200),
  username: textField().trim().min(1).max(128),
  password: textField().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionInfoSchema = z.object({
  idleExpiresAt: z.iso.datetime(),
  absoluteExpiresAt: z.iso.datetime(),
});

/**
 * The keys that encrypt the signed-in user's form drafts in their browser: one per day (`epoch`,
 * days since 1970 UTC), the current and the previous, so that a draft is readable for a day at
 * most and only by this user after signing in. Raw AES-256 keys, base64url.
 */
export const draftKeysSchema = z.object({
  current: z.object({ epoch: z.number().int(), key: z.string() }),
  previous: z.object({ epoch: z.number().int(), key: z.string() }),
});
export type DraftKeys = z.infer<typeof draftKeysSchema>;

export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  givenName: z.string(),
  surnames: z.string(),
  language: languageSchema.nullable(),
  roles: z.array(roleSchema),
  permissions: z.array(permissionSchema),
  entity: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    timeZone: z.string(),
    defaultLanguage: languageSchema,
  }),
  session: sessionInfoSchema,
  csrfToken: z.string(),
  /**
   * The second factor. `enrolmentRequired`: the entity requires one of this user and
   * none is enrolled yet; until it is, the session may only enrol, read the profile, change the
   * password and sign out (anything else answers 403 `auth.second_factor_enrolment_required`).
   */
  secondFactor: z
    .object({ enrolled: z.boolean(), required: z.boolean(), enrolmentRequired: z.boolean() })
    .optional(),
});
export type Me = z.infer<typeof meSchema>;

/** The user's preferences; a null language means "follow the browser". */
export const preferencesSchema = z.object({ language: languageSchema.nullable() });

export const TICKET_STATUSES = [
  'new',
  'in_progress',
  'waiting_requester',
  'resolved',
  'rejected',
] as const;

export const TICKET_KINDS = [
  'new_professional',
  'merge_persons',
  'merge_case_files',
  'mass_transfer',
  'delete_case_files',
  'connection_error',
  'export_error',
  'other',
] as const;

export const ticketSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(TICKET_KINDS),
  status: z.enum(TICKET_STATUSES),
  subject: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/** Lists paginate with `?limit=&cursor=` and answer `{ items, nextCursor }`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: textField().max(200).optional(),
});

/** Headers the console and server agree on. */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_EXPIRY_HEADER = 'x-session-idle-expires-at';
export const SESSION_COOKIE = 'caliu_session';
