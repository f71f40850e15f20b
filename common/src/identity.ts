import { z } from 'zod';
import { textField } from './text';
import { isValidDocument } from './documents';
import { LANGUAGES } from './languages';
import { phoneProblem } from './phone';
import { ROLES, type Role } from './roles';

/**
 * The identity API: the entity's settings, its territory and teams, professionals,
 * activation, passwords and the second factor. Validation messages of custom rules are keys under
 * `validation.*` of the server's locales (`params: { i18n }`).
 */

const languageSchema = z.enum(LANGUAGES);
const roleSchema = z.enum(ROLES);
const uuid = z.uuid();
const name = textField().trim().min(1).max(200);

// ─── Passwords ──────────────────────────────────────────────────────────────────────────────

export const PASSWORD_MIN_LENGTH = 12;

/** A new password: at least 12 characters. The server also refuses the 10,000 most common. */
export const newPasswordSchema = textField().min(PASSWORD_MIN_LENGTH).max(1024);

/** A secret link's token: "<entity id>.<random>", from the link's `#token=` fragment. */
export const linkTokenSchema = textField().trim().min(1).max(200);

export const activationQuerySchema = z.object({ token: linkTokenSchema });

/** Who a live activation link is for, shown on the activation page. */
export const activationInfoSchema = z.object({
  givenName: z.string(),
  username: z.string(),
  entityName: z.string(),
  entityCode: z.string(),
});
export type ActivationInfo = z.infer<typeof activationInfoSchema>;

export const activateRequestSchema = z.object({
  token: linkTokenSchema,
  password: newPasswordSchema,
});

/** After activation or a reset: what the login form needs to be filled in. */
export const accountReadySchema = z.object({ entityCode: z.string(), username: z.string() });

export const passwordResetRequestSchema = z.object({
  entity: textField().trim().min(1).max(200),
  email: textField().trim().max(320),
});

export const passwordResetSchema = z.object({
  token: linkTokenSchema,
  password: newPasswordSchema,
});

export const passwordChangeSchema = z.object({
  currentPassword: textField().min(1).max(1024),
  newPassword: newPasswordSchema,
});

// ─── Second factor ──────────────────────────────────────────────────────────────────────────

/** Login answers this instead of the signed-in user when a second factor is needed. */
export const secondFactorChallengeSchema = z.object({
  secondFactorRequired: z.literal(true),
  challenge: z.string(),
  expiresAt: z.iso.datetime(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;

const totpCode = textField()
  .trim()
  .refine((v) => /^\d{6}$/.test(v), { params: { i18n: 'totp_code' } });
const recoveryCode = textField().trim().min(8).max(32);

export const secondFactorLoginSchema = z
  .object({
    challenge: textField().min(1).max(200),
    code: totpCode.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    path: ['code'],
    params: { i18n: 'code_or_recovery_code' },
  });

/** Shown once, when enrolment starts: the secret never leaves the server again. */
export const secondFactorEnrolmentSchema = z.object({
  otpauthUri: z.string(),
  /** The QR code of otpauthUri, as a data URL (image/svg+xml). */
  qrCode: z.string(),
  /** The secret in Base32, for typing into an app that cannot scan. */
  secret: z.string(),
  recoveryCodes: z.array(z.string()),
});
export type SecondFactorEnrolment = z.infer<typeof secondFactorEnrolmentSchema>;

export const secondFactorConfirmSchema = z.object({ code: totpCode });
export const secondFactorRemoveSchema = z.object({
  currentPassword: textField().min(1).max(1024),
});

export const secondFactorStatusSchema = z.object({
  /** A confirmed second factor: every login asks for a code. */
  enrolled: z.boolean(),
  /** The entity requires it of this user's roles. */
  required: z.boolean(),
  /** Required but not enrolled: the session may only enrol (and sign out) until it is. */
  enrolmentRequired: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatusSchema>;

/** Roles that must use a second factor wherever the entity requires it. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['administrator', 'support_agent'];

// ─── Entity settings and territory ──────────────────────────────────────────────────────────

export function isValidTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const DOMAIN =
  /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export const emailDomainsSchema = z
  .array(
    textField()
      .trim()
      .toLowerCase()
      .refine((d) => DOMAIN.test(d), { params: { i18n: 'email_domain' } }),
  )
  .min(1)
  .max(20)
  .refine((list) => new Set(list).size === list.length, { params: { i18n: 'duplicates' } });

export const entitySettingsSchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  emailDomains: z.array(z.string()),
  timeZone: z.string(),
  defaultLanguage: languageSchema,
  requiresSecondFactor: z.boolean(),
  isDemo: z.boolean(),
  /** How long before an appointment its reminder leaves, in hours (the agenda). */
  appointmentReminderHours: z.number().int(),
});
export type EntitySettings = z.infer<typeof entitySettingsSchema>;

export const entitySettingsPatchSchema = z
  .object({
    name,
    emailDomains: emailDomainsSchema,
    timeZone: textField()
      .trim()
      .min(1)
      .max(64)
      .refine(isValidTimeZone, { params: { i18n: 'time_zone' } }),
    defaultLanguage: languageSchema,
    requiresSecondFactor: z.boolean(),
    appointmentReminderHours: z.number().int().min(1).max(168),
  })
  .partial()
  .strict();
export type EntitySettingsPatch = z.infer<typeof entitySettingsPatchSchema>;

export const municipalitySchema = z.object({
  id: uuid,
  name: z.string(),
  ineCode: z.string().nullable(),
});
export type Municipality = z.infer<typeof municipalitySchema>;

export const municipalityInputSchema = z
  .object({
    name,
    ineCode: textField()
      .trim()
      .refine((v) => /^\d{5,6}$/.test(v), { params: { i18n: 'ine_code' } })
      .nullable()
      .optional(),
  })
  .strict();
export type MunicipalityInput = z.infer<typeof municipalityInputSchema>;

export const sectorSchema = z.object({
  id: uuid,
  name: z.string(),
  municipalityIds: z.array(uuid),
});
export type Sector = z.infer<typeof sectorSchema>;

const idSet = z
  .array(uuid)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, { params: { i18n: 'duplicates' } });

export const sectorInputSchema = z.object({ name, municipalityIds: idSet.min(1) }).strict();
export const sectorPatchSchema = sectorInputSchema.partial().strict();
export type SectorInput = z.infer<typeof sectorInputSchema>;
export type SectorPatch = z.infer<typeof sectorPatchSchema>;

export const teamSchema = z.object({
  id: uuid,
  name: z.string(),
  active: z.boolean(),
  sectorIds: z.array(uuid),
  municipalityIds: z.array(uuid),
  memberCount: z.number().int(),
  /** What the signed-in user may do with this team (the API enforces it regardless). */
  can: z.object({ edit: z.boolean(), configureMembers: z.boolean() }),
});
export type Team = z.infer<typeof teamSchema>;

export const teamInputSchema = z
  .object({ name, sectorIds: idSet.default([]), municipalityIds: idSet.default([]) })
  .strict();
export const teamPatchSchema = z
  .object({ name, sectorIds: idSet, municipalityIds: idSet, active: z.boolean() })
  .partial()
  .strict();
export type TeamInput = z.infer<typeof teamInputSchema>;
export type TeamPatch = z.infer<typeof teamPatchSchema>;

export const teamMemberSchema = z.object({
  professionalId: uuid,
  username: z.string(),
  givenName: z.string(),
  surnames: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  isCoordinator: z.boolean(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

const membershipInput = z.object({ teamId: uuid, isCoordinator: z.boolean().default(false) });

export const teamMembersPutSchema = z
  .object({
    members: z
      .array(z.object({ professionalId: uuid, isCoordinator: z.boolean().default(false) }))
      .max(500)
      .refine((m) => new Set(m.map((x) => x.professionalId)).size === m.length, {
        params: { i18n: 'duplicates' },
      }),
  })
  .strict();
export type TeamMembersPut = z.infer<typeof teamMembersPutSchema>;

// ─── Professionals ──────────────────────────────────────────────────────────────────────────

export const COST_CATEGORIES = ['A', 'B', 'C'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const DOCUMENT_TYPES = ['dni', 'nie', 'passport'] as const;

/**
 * The European Social Fund cost category: required of the immigration technician, refused for
 * anyone else. Answers the validation key of the problem, or null.
 */
export function costCategoryProblem(
  roles: readonly Role[],
  costCategory: CostCategory | null | undefined,
): 'cost_category_required' | 'cost_category_not_allowed' | null {
  const immigration = roles.includes('tech_immigration');
  if (immigration && !costCategory) return 'cost_category_required';
  if (!immigration && costCategory) return 'cost_category_not_allowed';
  return null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const membershipsSchema = z
  .array(membershipInput)
  .max(50)
  .refine((m) => new Set(m.map((x) => x.teamId)).size === m.length, {
    params: { i18n: 'duplicates' },
  });

/** A mobile number that can receive SMS: Spanish or Italian written nationally, or international. */
const mobileSchema = textField()
  .trim()
  .max(30)
  .refine((v) => phoneProblem(v, { mobile: true }) === null, { params: { i18n: 'mobile' } });

/** The editable fields of a professional (create and update). */
const professionalFields = z.object({
  givenName: textField().trim().min(1).max(100),
  surnames: textField().trim().min(1).max(200),
  documentType: z.enum(DOCUMENT_TYPES),
  documentNumber: textField().trim().min(1).max(30),
  email: textField().trim().toLowerCase().max(320).pipe(z.email()),
  roles: z
    .array(roleSchema)
    .min(1)
    .max(ROLES.length)
    .refine((r) => new Set(r).size === r.length, { params: { i18n: 'duplicates' } }),
  costCategory: z.enum(COST_CATEGORIES).nullable().default(null),
  sectorId: uuid.nullable().default(null),
  language: languageSchema.nullable().default(null),
  teams: membershipsSchema.default([]),
});

type FieldsLike = {
  documentType?: (typeof DOCUMENT_TYPES)[number];
  documentNumber?: string;
  roles?: Role[];
  costCategory?: CostCategory | null;
};

/** The document's check letter and the cost-category rule, on what the body carries. */
function checkProfessional(value: FieldsLike, ctx: z.RefinementCtx) {
  if ((value.documentType === undefined) !== (value.documentNumber === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [value.documentType === undefined ? 'documentType' : 'documentNumber'],
      params: { i18n: 'document_pair' },
    });
  } else if (value.documentType && value.documentNumber !== undefined) {
    if (!isValidDocument(value.documentType, value.documentNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['documentNumber'],
        params: { i18n: `document_${value.documentType}` },
      });
    }
  }
  // On an update that names only one of the two, the server checks the resulting record.
  if (value.roles !== undefined && value.costCategory !== undefined) {
    const problem = costCategoryProblem(value.roles, value.costCategory);
    if (problem)
      ctx.addIssue({ code: 'custom', path: ['costCategory'], params: { i18n: problem } });
  }
}

export const professionalCreateSchema = professionalFields
  .extend({
    /** Chosen from the email when absent. */
    username: textField()
      .trim()
      .toLowerCase()
      .refine((v) => USERNAME.test(v), { params: { i18n: 'username' } })
      .optional(),
    /**
     * A mobile number: the activation link goes by SMS instead of email. Used for that one
     * message and never stored anywhere.
     */
    mobile: mobileSchema.optional(),
  })
  .strict()
  .superRefine(checkProfessional);
export type ProfessionalCreate = z.infer<typeof professionalCreateSchema>;

/** An update names only what changes; `teams`, when present, replaces the memberships. */
export const professionalPatchSchema = z
  .object({
    givenName: professionalFields.shape.givenName,
    surnames: professionalFields.shape.surnames,
    documentType: professionalFields.shape.documentType,
    documentNumber: professionalFields.shape.documentNumber,
    email: professionalFields.shape.email,
    roles: professionalFields.shape.roles,
    costCategory: z.enum(COST_CATEGORIES).nullable(),
    sectorId: uuid.nullable(),
    language: languageSchema.nullable(),
    teams: membershipsSchema,
  })
  .partial()
  .strict()
  .superRefine(checkProfessional);
export type ProfessionalPatch = z.infer<typeof professionalPatchSchema>;

export const professionalSchema = z.object({
  id: uuid,
  username: z.string(),
  givenName: z.string(),
  surnames: z.string(),
  email: z.string(),
  /** Only for those who manage the organization. */
  document: z
    .object({ type: z.enum(DOCUMENT_TYPES), number: z.string() })
    .nullable()
    .optional(),
  roles: z.array(roleSchema),
  costCategory: z.enum(COST_CATEGORIES).nullable(),
  sectorId: uuid.nullable(),
  language: languageSchema.nullable(),
  active: z.boolean(),
  /** Has set a password through the activation link. */
  activated: z.boolean(),
  secondFactorEnrolled: z.boolean(),
  teams: z.array(z.object({ teamId: uuid, isCoordinator: z.boolean() })),
  createdAt: z.iso.datetime(),
  deactivatedAt: z.iso.datetime().nullable(),
  /** What the signed-in user may do with this professional (the API enforces it regardless). */
  can: z.object({
    edit: z.boolean(),
    /** Change their roles: an administrator, never their own. */
    editRoles: z.boolean(),
    /** Deactivate or reactivate them: an administrator, never themself. */
    deactivate: z.boolean(),
    /** Be added (or made coordinator) by this user to the teams they configure. */
    joinTeams: z.boolean(),
  }),
});
export type Professional = z.infer<typeof professionalSchema>;

export const activationSentSchema = z.object({
  /** How the activation link went out. */
  channel: z.enum(['email', 'sms']),
  /** An SMS was asked for but could not be sent: the link went by email instead. */
  smsFailed: z.boolean(),
});

export const professionalCreatedSchema = professionalSchema.extend({
  activation: activationSentSchema,
});

export const resendActivationSchema = z
  .object({
    mobile: mobileSchema.optional(),
  })
  .strict();

export const professionalListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: textField().max(400).optional(),
  q: textField().trim().max(100).optional(),
  teamId: uuid.optional(),
  active: z.enum(['true', 'false']).optional(),
});

/** The refusal to deactivate a referent lists what to transfer first. */
export const referentBlockerSchema = z.object({ what: z.string(), count: z.number().int() });
