import type { Person, PersonHistoryItem, PersonIdentification, PersonSummary } from '@caliu/common';
import type { SearchRow } from './search/repository';
import type { HistoryRow, IdentificationRow, PersonRow } from './repository';

/** Rows → what leaves the server (the response schemas strip anything else). */

const iso = (value: Date | string) => new Date(value).toISOString();
const named = (id: string | null, name: string | null) =>
  id && name !== null ? { id, name } : null;

export function presentSummary(row: SearchRow): PersonSummary {
  return {
    id: row.id,
    givenName: row.given_name,
    firstSurname: row.first_surname,
    secondSurname: row.second_surname,
    sex: row.sex,
    birthDate: row.birth_date,
    documentType: row.document_type,
    documentNumber: row.document_number,
    municipality: { id: row.municipality_id, name: row.municipality_name },
    status: row.status,
    deceasedOn: row.deceased_on,
  };
}

export function presentPerson(row: PersonRow, can: Person['can']): Person {
  return {
    ...presentSummary(row),
    nationality: row.nationality,
    mobilePhone: row.mobile_phone,
    otherPhone: row.other_phone,
    email: row.email,
    preferredLanguage: row.preferred_language,
    consentSms: row.consent_sms,
    consentEmail: row.consent_email,
    address: row.address,
    postalCode: row.postal_code,
    sector: named(row.sector_id, row.sector_name),
    housingType: row.housing_type,
    housingTenure: row.housing_tenure,
    referent: named(row.referent_id, row.referent_name),
    team: named(row.team_id, row.team_name),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    mergedInto: named(row.merged_into_id, row.merged_into_name),
    can,
  };
}

export function presentHistory(row: HistoryRow): PersonHistoryItem {
  return {
    id: row.id,
    at: iso(row.created_at),
    field: row.field,
    from: named(row.old_id, row.old_name),
    to: named(row.new_id, row.new_name),
    detail: row.detail,
    by: named(row.changed_by, row.changed_by_name),
  };
}

export function presentIdentification(row: IdentificationRow): PersonIdentification {
  return {
    id: row.id,
    givenName: row.given_name,
    firstSurname: row.first_surname,
    secondSurname: row.second_surname,
    birthDate: row.birth_date,
    documentType: row.document_type,
    documentNumber: row.document_number,
    status: row.status,
  };
}
