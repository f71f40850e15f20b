import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type HelpRequestForm,
  helpRequestFormSchema,
  type Language,
  type PowChallenge,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import type { AppDeps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import {
  caughtByHoneypot,
  challengeKeyOf,
  countFormRequest,
  formLimits,
  type FormLimits,
  useOnce,
  verifyProof,
} from '../../platform/public-forms';
import { findEntityByCode } from '../auth/repository';
import { pruneNowAndThen } from '../auth/throttle';
import * as throttleStore from '../auth/throttle-repository';
import { checkFormToken } from './form-token';
import { helpReference, submitHelpRequest } from './submissions';

/**
 * The public help form's intake (issue 22): the abuse rules of the platform's public forms
 * (platform/public-forms) in order — a loose per-address limit on every post (`countHelpPost`,
 * before anything is read), the proof of work (with JavaScript) or the signed form token
 * (without), the honeypot, the fields, the per-address limits — then the submission, which uses
 * the form token up.
 */

/** The form's name in the throttle keys; the path without JavaScript has a stricter key too. */
const FORM = 'help';
const FORM_BASIC = 'help_basic';
/** Every post, valid or not, either path. */
const FORM_POST = 'help_post';

/**
 * Per IP address: 10 requests an hour with the proof of work, 5 without it (counted on both
 * keys); per email address, 5 a day. A person asks once; a council's shared connection a few
 * times; a robot is stopped after these.
 */
export const HELP_FORM_LIMITS: FormLimits = {
  email: { max: 5, windowMs: 24 * 3600_000 },
  address: { max: 10, windowMs: 3600_000 },
};
export const HELP_FORM_BASIC_LIMITS: FormLimits = {
  email: { max: 5, windowMs: 24 * 3600_000 },
  address: { max: 5, windowMs: 3600_000 },
};

/**
 * Every post to the form from one IP address (its /64 for IPv6), valid or not, counted before its
 * token, proof or fields are looked at: 60 an hour. Looser than the limits of accepted requests,
 * it only stops a stream of posts refused one after the other.
 */
export const HELP_FORM_POST_LIMITS: FormLimits = {
  // Not counted: the post is counted before it is read, so with no email (`formLimits(…, null, …)`).
  email: { max: 5, windowMs: 24 * 3600_000 },
  address: { max: 60, windowMs: 3600_000 },
};

export type HelpEntity = {
  id: string;
  code: string;
  name: string;
  defaultLanguage: Language;
  timeZone: string;
  frameOrigins: string[];
  municipalities: { id: string; name: string }[];
  /** Whether anyone would read a request: the entity has an active operator. */
  hasOperators: boolean;
};

/**
 * The entity a form's address names, with what its page needs; null when there is none, or when
 * it is a provider (the support desk: it has no community help). The form itself is open only
 * when `hasOperators` (`acceptsHelpRequests`); the status page of a request sent before stays.
 */
export async function findHelpEntity(deps: AppDeps, code: string): Promise<HelpEntity | null> {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(code)) return null;
  const entity = await deps.database.anonymous((tx) => findEntityByCode(tx, code));
  if (!entity || entity.kind !== 'council') return null;
  return deps.database.tenant(entity.id, async (tx) => {
    const [row] = await rowsOf<{ help_frame_origins: string[] | null; has_operators: boolean }>(
      tx,
      sql`SELECT help_frame_origins,
          EXISTS (SELECT 1 FROM professionals
                   WHERE entity_id = ${entity.id} AND active AND 'operator' = ANY (roles))
            AS has_operators
        FROM entities WHERE id = ${entity.id}`,
    );
    const municipalities = await rowsOf<{ id: string; name: string }>(
      tx,
      sql`SELECT id, name FROM municipalities ORDER BY name, id`,
    );
    return {
      id: entity.id,
      code: entity.code,
      name: entity.name,
      defaultLanguage: entity.defaultLanguage,
      timeZone: entity.timeZone,
      frameOrigins: row?.help_frame_origins ?? [],
      municipalities,
      hasOperators: Boolean(row?.has_operators),
    };
  });
}

/** Whether the entity's form takes requests: one that nobody would read answers "not found". */
export function acceptsHelpRequests(entity: HelpEntity | null): entity is HelpEntity {
  return Boolean(entity?.hasOperators);
}

/**
 * Counts one post to the entity's form, of either path, before anything of it is read (in a
 * transaction of its own). Throws `public_forms.throttled*` (429) while the address waits.
 */
export async function countHelpPost(deps: AppDeps, entity: HelpEntity, ip: string): Promise<void> {
  const now = deps.clock.now();
  await deps.database.tenant(entity.id, async (tx: Tx) => {
    await countFormRequest(
      tx,
      throttleStore,
      entity.id,
      formLimits(FORM_POST, null, ip, HELP_FORM_POST_LIMITS),
      now,
    );
    await pruneNowAndThen(tx, entity.id, now);
  });
}

/** What was typed, as the page sends it (strings) or the script (strings and a boolean). */
export type RawHelpForm = Record<string, unknown>;

/** The field names of the form, in the order of the page. */
export const HELP_FIELDS = [
  'name',
  'phone',
  'email',
  'address',
  'municipalityId',
  'helpType',
  'when',
  'neededOn',
  'neededPart',
  'urgency',
  'description',
  'language',
  'consent',
] as const;
export type HelpField = (typeof HELP_FIELDS)[number];

/** The fields chosen among options (radio groups and lists). */
const CHOICES: readonly HelpField[] = ['helpType', 'when', 'neededPart', 'urgency', 'language'];

/** Field → message key (`community_help.errors.<key>`). */
export type HelpFieldErrors = Partial<Record<HelpField, string>>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The raw fields as the schema reads them: empty optional choices absent, the box a boolean. */
function formInput(raw: RawHelpForm) {
  const optional = (value: unknown) => (text(value).trim() === '' ? undefined : text(value));
  return {
    name: text(raw.name),
    phone: text(raw.phone),
    email: text(raw.email),
    address: text(raw.address),
    municipalityId: text(raw.municipalityId),
    helpType: optional(raw.helpType),
    when: optional(raw.when),
    neededOn: optional(raw.neededOn),
    neededPart: optional(raw.neededPart),
    urgency: optional(raw.urgency),
    description: text(raw.description),
    language: optional(raw.language),
    consent: raw.consent === true || raw.consent === 'on' || raw.consent === 'true',
  };
}

function messageKey(issue: { code: string; message: string; format?: string }): string {
  if (issue.message === 'phone_or_email' || issue.message === 'consent_required') {
    return issue.message;
  }
  if (issue.message === 'required') return 'required';
  switch (issue.code) {
    case 'too_small':
    case 'invalid_type':
      return 'required';
    case 'too_big':
      return 'too_long';
    case 'invalid_value':
      return 'required';
    case 'invalid_format':
      if (issue.format === 'email') return 'email';
      if (issue.format === 'regex') return 'phone';
      if (issue.format === 'date') return 'date';
      if (issue.format === 'uuid') return 'municipality';
      return 'invalid';
    case 'custom':
      return 'date';
    default:
      return 'invalid';
  }
}

/** Validates the fields: the form, or each field's first error. */
export function validateHelpForm(
  raw: RawHelpForm,
  municipalityIds: readonly string[],
): { ok: true; form: HelpRequestForm } | { ok: false; errors: HelpFieldErrors } {
  const parsed = helpRequestFormSchema.safeParse(formInput(raw));
  const errors: HelpFieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as HelpField | undefined;
      if (!field || !HELP_FIELDS.includes(field) || errors[field]) continue;
      // An empty required text reads "fill in"; the email pipe reports an empty string as a format.
      errors[field] = messageKey(issue as { code: string; message: string; format?: string });
    }
  }
  // The schema's checks across fields run only once every field is right: the page shows them
  // at once with the others.
  const input = formInput(raw);
  if (!input.phone.trim() && !input.email.trim()) {
    errors.phone ??= 'phone_or_email';
    errors.email ??= 'phone_or_email';
  }
  if (input.when === 'date') {
    if (!input.neededOn) errors.neededOn ??= 'required';
    if (!input.neededPart) errors.neededPart ??= 'required';
  }
  const municipality = text(raw.municipalityId);
  if (!errors.municipalityId && municipality && !municipalityIds.includes(municipality)) {
    errors.municipalityId = 'municipality';
  }
  if (!errors.municipalityId && !municipality) errors.municipalityId = 'required';
  // A choice left empty reads "choose", not "fill in".
  for (const field of CHOICES) if (errors[field] === 'required') errors[field] = 'choose';
  if (!parsed.success || Object.keys(errors).length) {
    // In the order of the page.
    const ordered: HelpFieldErrors = {};
    for (const field of HELP_FIELDS) if (errors[field]) ordered[field] = errors[field];
    return { ok: false, errors: ordered };
  }
  return { ok: true, form: parsed.data };
}

export type IntakeResult =
  | { kind: 'accepted'; reference: string; statusToken: string; stored: boolean }
  | { kind: 'invalid'; errors: HelpFieldErrors };

export type IntakeProof =
  | { path: 'script'; proof: PowChallenge & { nonce: string } }
  | { path: 'basic'; formToken: string };

/** Why a post without JavaScript is refused before its fields are read. */
export class FormTokenRefused extends Error {
  constructor(readonly reason: 'invalid' | 'too_young' | 'expired' | 'used') {
    super(`help form token: ${reason}`);
  }
}

/**
 * One post of the form. Throws AppError (400 `public_forms.proof_*`, 429
 * `public_forms.throttled*`) or FormTokenRefused; answers the reference, or each field's error.
 * A post caught by the honeypot answers like a stored one, with a reference that leads nowhere.
 */
export async function receiveHelpRequest(
  deps: AppDeps,
  entity: HelpEntity,
  raw: RawHelpForm,
  check: IntakeProof,
  ctx: { ip: string; language: Language; log: { info(message: string): void } },
): Promise<IntakeResult> {
  const now = deps.clock.now();
  const key = await challengeKeyOf(deps.database);
  let tokenToUse: { id: string; expiresAt: Date } | null = null;
  if (check.path === 'script') {
    const proof = await deps.database.anonymous((tx) =>
      verifyProof(tx, key, check.proof, now, deps.config.powDifficulty),
    );
    if (!proof.ok) throw new AppError(`public_forms.proof_${proof.reason}`, 400);
  } else {
    const token = checkFormToken(
      key,
      entity.id,
      check.formToken,
      now,
      deps.config.helpFormMinAgeMs,
    );
    if (!token.ok) throw new FormTokenRefused(token.reason);
    // Used up only with the submission: a post refused for its fields keeps it for the next.
    tokenToUse = { id: token.id, expiresAt: token.expiresAt };
  }
  // After the proof: a robot must not learn from a different answer that the field is a trap.
  if (caughtByHoneypot({ website: text(raw.website) })) {
    ctx.log.info('community help form: honeypot filled, request dropped');
    return {
      kind: 'accepted',
      reference: helpReference(now.getUTCFullYear(), randomInt(1, 1_000_000)),
      statusToken: randomBytes(32).toString('base64url'),
      stored: false,
    };
  }
  const valid = validateHelpForm(
    raw,
    entity.municipalities.map((m) => m.id),
  );
  if (!valid.ok) return { kind: 'invalid', errors: valid.errors };

  const email = valid.form.email.trim().toLowerCase() || null;
  const limits =
    check.path === 'script'
      ? formLimits(FORM, email, ctx.ip, HELP_FORM_LIMITS)
      : [
          ...formLimits(FORM, email, ctx.ip, HELP_FORM_LIMITS),
          ...formLimits(FORM_BASIC, null, ctx.ip, HELP_FORM_BASIC_LIMITS),
        ];
  // Counted in a transaction of its own: a request refused later still counts.
  await deps.database.tenant(entity.id, async (tx: Tx) => {
    await countFormRequest(tx, throttleStore, entity.id, limits, now);
    await pruneNowAndThen(tx, entity.id, now);
  });
  const submitted = await deps.database.tenant(entity.id, async (tx) => {
    // In the submission's transaction: the same token posted twice at once stores one request.
    if (tokenToUse && !(await useOnce(tx, tokenToUse.id, tokenToUse.expiresAt))) {
      throw new FormTokenRefused('used');
    }
    return submitHelpRequest(deps, tx, {
      entityId: entity.id,
      form: valid.form,
      // The citizen's preferred language (the import copies it into the help request).
      language: valid.form.language,
      now,
    });
  });
  return {
    kind: 'accepted',
    reference: submitted.reference,
    statusToken: submitted.statusToken,
    stored: true,
  };
}
