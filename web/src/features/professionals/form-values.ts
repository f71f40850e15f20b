import type {
  CostCategory,
  DocumentType,
  Language,
  Professional,
  ProfessionalCreate,
  ProfessionalPatch,
  Role,
} from '@caliu/common';

/** A team membership as the form holds it. */
export type Membership = { teamId: string; isCoordinator: boolean };

/** The professional form's values, as typed ('' for "none"). */
export type ProfessionalValues = {
  givenName: string;
  surnames: string;
  documentType: DocumentType;
  documentNumber: string;
  email: string;
  /** Only when creating: empty, the server makes one from the email. */
  username: string;
  roles: Role[];
  costCategory: CostCategory | '';
  sectorId: string;
  language: Language | '';
  teams: Membership[];
  /** Only when creating: the activation link goes by SMS; never stored. */
  mobile: string;
};

/** The fields in the order the form shows them (the first with a problem takes the focus). */
export const FIELD_ORDER = [
  'givenName',
  'surnames',
  'documentType',
  'documentNumber',
  'email',
  'username',
  'language',
  'roles',
  'costCategory',
  'teams',
  'sectorId',
  'mobile',
] as const;
export type ProfessionalField = (typeof FIELD_ORDER)[number];

export const EMPTY_VALUES: ProfessionalValues = {
  givenName: '',
  surnames: '',
  documentType: 'dni',
  documentNumber: '',
  email: '',
  username: '',
  roles: [],
  costCategory: '',
  sectorId: '',
  language: '',
  teams: [],
  mobile: '',
};

/** The form filled in with a professional's record. */
export function valuesOf(professional: Professional): ProfessionalValues {
  return {
    ...EMPTY_VALUES,
    givenName: professional.givenName,
    surnames: professional.surnames,
    documentType: professional.document?.type ?? 'dni',
    documentNumber: professional.document?.number ?? '',
    email: professional.email,
    username: professional.username,
    roles: professional.roles,
    costCategory: professional.costCategory ?? '',
    sectorId: professional.sectorId ?? '',
    language: professional.language ?? '',
    teams: professional.teams,
  };
}

function common(values: ProfessionalValues) {
  return {
    givenName: values.givenName.trim(),
    surnames: values.surnames.trim(),
    documentType: values.documentType,
    documentNumber: values.documentNumber.trim(),
    email: values.email.trim().toLowerCase(),
    roles: values.roles,
    // Only the immigration technician has one; the server refuses it for anyone else.
    costCategory:
      values.roles.includes('tech_immigration') && values.costCategory ? values.costCategory : null,
    sectorId: values.sectorId || null,
    language: values.language || null,
    teams: values.teams,
  };
}

/** The body of POST /api/professionals. */
export function createBody(values: ProfessionalValues): ProfessionalCreate {
  const username = values.username.trim().toLowerCase();
  const mobile = values.mobile.trim();
  return {
    ...common(values),
    ...(username ? { username } : {}),
    ...(mobile ? { mobile } : {}),
  };
}

/**
 * The body of PATCH /api/professionals/:id: every field of the form (teams replace), but the
 * document only when there is one (a record may have none).
 */
export function patchBody(values: ProfessionalValues): ProfessionalPatch {
  const { documentType, documentNumber, ...rest } = common(values);
  return documentNumber ? { documentType, documentNumber, ...rest } : rest;
}
