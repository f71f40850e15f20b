import type { HOUSING_TENURES, HOUSING_TYPES, PERSON_DOCUMENT_TYPES, SEXES } from '@caliu/common';
import type { CreatePerson, DuplicateCheck, Language, Person, UpdatePerson } from '@caliu/common';

type Sex = (typeof SEXES)[number];
type DocumentType = (typeof PERSON_DOCUMENT_TYPES)[number];
type HousingType = (typeof HOUSING_TYPES)[number];
type HousingTenure = (typeof HOUSING_TENURES)[number];

/** The person form's values, as typed ('' for "none"). */
export type PersonValues = {
  givenName: string;
  firstSurname: string;
  secondSurname: string;
  sex: Sex | '';
  birthDate: string;
  nationality: string;
  documentType: DocumentType | '';
  documentNumber: string;
  mobilePhone: string;
  otherPhone: string;
  email: string;
  preferredLanguage: Language | '';
  consentSms: boolean;
  consentEmail: boolean;
  address: string;
  postalCode: string;
  municipalityId: string;
  sectorId: string;
  housingType: HousingType | '';
  housingTenure: HousingTenure | '';
  referentId: string;
  /** '' : the team serving the person's place (the server decides). */
  teamId: string;
};

/** The fields in the order the form shows them (the first with a problem takes the focus). */
export const FIELD_ORDER = [
  'givenName',
  'firstSurname',
  'secondSurname',
  'sex',
  'birthDate',
  'nationality',
  'documentType',
  'documentNumber',
  'mobilePhone',
  'otherPhone',
  'email',
  'preferredLanguage',
  'consentSms',
  'consentEmail',
  'address',
  'postalCode',
  'municipalityId',
  'sectorId',
  'housingType',
  'housingTenure',
  'referentId',
  'teamId',
] as const satisfies readonly (keyof PersonValues)[];
export type PersonField = (typeof FIELD_ORDER)[number];

export function isPersonField(value: string): value is PersonField {
  return (FIELD_ORDER as readonly string[]).includes(value);
}

export const EMPTY_VALUES: PersonValues = {
  givenName: '',
  firstSurname: '',
  secondSurname: '',
  sex: '',
  birthDate: '',
  nationality: '',
  documentType: '',
  documentNumber: '',
  mobilePhone: '',
  otherPhone: '',
  email: '',
  preferredLanguage: '',
  consentSms: false,
  consentEmail: false,
  address: '',
  postalCode: '',
  municipalityId: '',
  sectorId: '',
  housingType: '',
  housingTenure: '',
  referentId: '',
  teamId: '',
};

/** The form filled in with a person's record. */
export function valuesOf(person: Person): PersonValues {
  return {
    givenName: person.givenName,
    firstSurname: person.firstSurname,
    secondSurname: person.secondSurname ?? '',
    sex: person.sex ?? '',
    birthDate: person.birthDate ?? '',
    nationality: person.nationality ?? '',
    documentType: person.documentType ?? '',
    documentNumber: person.documentNumber ?? '',
    mobilePhone: person.mobilePhone ?? '',
    otherPhone: person.otherPhone ?? '',
    email: person.email ?? '',
    preferredLanguage: person.preferredLanguage ?? '',
    consentSms: person.consentSms,
    consentEmail: person.consentEmail,
    address: person.address ?? '',
    postalCode: person.postalCode ?? '',
    municipalityId: person.municipality.id,
    sectorId: person.sector?.id ?? '',
    housingType: person.housingType ?? '',
    housingTenure: person.housingTenure ?? '',
    referentId: person.referent?.id ?? '',
    teamId: person.team?.id ?? '',
  };
}

/** Words that belong to the surname after them ("de la Fuente", "i Vidal", "Dalla Costa"). */
const PARTICLES = new Set([
  'de', 'del', 'dels', 'la', 'las', 'les', 'los', 'el', 'i', 'y', 'e', 'di', 'da', 'dal',
  'dalla', 'della', 'van', 'von', 'du', 'des', 'do', 'dos', 'das',
]); // prettier-ignore

/** A word typed all in small letters gets its capital ("garcia" → "Garcia"), not a particle. */
function capitalised(word: string): string {
  if (word !== word.toLowerCase() || PARTICLES.has(word)) return word;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The parts of a name, each particle kept with the word after it. */
function nameParts(words: string[]): string[] {
  const parts: string[] = [];
  let pending: string[] = [];
  for (const word of words) {
    if (PARTICLES.has(word.toLowerCase())) {
      pending.push(word);
    } else {
      parts.push([...pending, capitalised(word)].join(' '));
      pending = [];
    }
  }
  if (pending.length > 0) {
    if (parts.length > 0) parts[parts.length - 1] += ` ${pending.join(' ')}`;
    else parts.push(pending.join(' '));
  }
  return parts;
}

/**
 * A new form started from what was typed in the search box: a document number when it holds a
 * digit, else a name read as "given name, first surname, second surname" (the usual order here;
 * the user corrects it when it is not).
 */
export function prefilledValues(typed: string): PersonValues {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (!text) return EMPTY_VALUES;
  if (/\d/.test(text)) {
    const number = text.replace(/[\s.-]/g, '').toUpperCase();
    const documentType = /^[XYZ]/.test(number) ? 'nie' : /^\d/.test(number) ? 'dni' : 'passport';
    return { ...EMPTY_VALUES, documentType, documentNumber: number };
  }
  const [givenName = '', firstSurname = '', ...rest] = nameParts(text.split(' '));
  return { ...EMPTY_VALUES, givenName, firstSurname, secondSurname: rest.join(' ') };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The body of POST /api/persons; the team only when the user may choose it and did. */
export function createBody(values: PersonValues, { withTeam }: { withTeam: boolean }) {
  const body: CreatePerson = {
    givenName: values.givenName.trim(),
    firstSurname: values.firstSurname.trim(),
    secondSurname: orNull(values.secondSurname),
    sex: values.sex || null,
    birthDate: values.birthDate || null,
    nationality: values.nationality || null,
    documentType: values.documentType || null,
    documentNumber: orNull(values.documentNumber),
    mobilePhone: orNull(values.mobilePhone),
    otherPhone: orNull(values.otherPhone),
    email: orNull(values.email),
    preferredLanguage: values.preferredLanguage || null,
    consentSms: values.consentSms,
    consentEmail: values.consentEmail,
    address: orNull(values.address),
    postalCode: orNull(values.postalCode),
    municipalityId: values.municipalityId,
    sectorId: values.sectorId || null,
    housingType: values.housingType || null,
    housingTenure: values.housingTenure || null,
    referentId: values.referentId || null,
  };
  if (withTeam && values.teamId) body.teamId = values.teamId;
  return body;
}

/**
 * The body of PATCH /api/persons/:id: only what the user changed from the record they started
 * from (so that someone else's change to another field is not undone), with that record's
 * version. A document's type and number always travel together.
 */
export function updateBody(
  values: PersonValues,
  base: Person,
  { withTeam }: { withTeam: boolean },
): UpdatePerson {
  const full = createBody(values, { withTeam: false }) as Record<string, unknown>;
  const before = valuesOf(base);
  const changed = FIELD_ORDER.filter((field) => values[field] !== before[field]);
  const body: Record<string, unknown> = { version: base.version };
  for (const field of changed) {
    if (field === 'teamId') {
      if (withTeam) body.teamId = values.teamId || null;
    } else {
      body[field] = full[field];
    }
  }
  if ('documentType' in body || 'documentNumber' in body) {
    body.documentType = full.documentType;
    body.documentNumber = full.documentNumber;
  }
  return body as UpdatePerson;
}

/** What the duplicate check looks at: the name, the birth date and the document. */
export function identityOf(values: PersonValues, excludeId?: string): DuplicateCheck {
  return {
    givenName: values.givenName.trim(),
    firstSurname: values.firstSurname.trim(),
    secondSurname: orNull(values.secondSurname),
    birthDate: values.birthDate || null,
    documentType: values.documentType || null,
    documentNumber: orNull(values.documentNumber),
    ...(excludeId ? { excludeId } : {}),
  };
}

/** Whether the name, birth date or document differ from the record's (an edit worth checking). */
export function identityChanged(values: PersonValues, person: Person): boolean {
  const before = valuesOf(person);
  return (
    (['givenName', 'firstSurname', 'secondSurname', 'birthDate', 'documentType'] as const).some(
      (field) => values[field].trim() !== before[field].trim(),
    ) ||
    values.documentNumber.replace(/[\s.-]/g, '').toUpperCase() !==
      before.documentNumber.replace(/[\s.-]/g, '').toUpperCase()
  );
}

/**
 * After someone else's change: the fields the user had not touched take the newly saved values,
 * the ones they typed keep what they typed. Answers the merged values and the fields the other
 * change touched.
 */
export function mergeAfterReload(values: PersonValues, base: Person, latest: Person) {
  const before = valuesOf(base);
  const now = valuesOf(latest);
  const merged = { ...values };
  const changedElsewhere: PersonField[] = [];
  for (const field of FIELD_ORDER) {
    if (before[field] === now[field]) continue;
    changedElsewhere.push(field);
    if (values[field] === before[field]) (merged as Record<string, unknown>)[field] = now[field];
  }
  return { values: merged, changedElsewhere };
}
