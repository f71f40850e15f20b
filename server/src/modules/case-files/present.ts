import {
  type CaseFile,
  type CaseFileSummary,
  type Catalogue,
  type CatalogueItem,
  formatCaseFileNumber,
  type Intervention,
  type Language,
  LANGUAGES,
} from '@caliu/common';
import { translator } from '../../platform/i18n';
import type { CaseFileRow, InterventionRow, MemberRow, SummaryRow } from './repository';

/** Rows → what leaves the server (the response schemas strip anything else). */

const iso = (value: Date | string) => new Date(value).toISOString();
const named = (id: string | null, name: string | null) =>
  id && name !== null ? { id, name } : null;

type Labels = Partial<Record<Language, string>> | null;

/** A catalogue entry's label: the entity's own, else the translation files' default. */
export function catalogueLabel(
  catalogue: Catalogue,
  code: string,
  labels: Labels,
  language: Language,
): string {
  return labels?.[language] ?? translator(language)(`catalogues.${catalogue}.${code}`);
}

export function presentCatalogueItem(
  catalogue: Catalogue,
  row: { id: string; code: string; labels: Labels; official_code: string | null; active: boolean },
  language: Language,
): CatalogueItem {
  const labels = Object.fromEntries(
    LANGUAGES.map((l) => [l, catalogueLabel(catalogue, row.code, row.labels, l)]),
  ) as CatalogueItem['labels'];
  return {
    id: row.id,
    code: row.code,
    label: labels[language],
    labels,
    officialCode: row.official_code,
    active: row.active,
  };
}

export function presentSummary(row: SummaryRow): CaseFileSummary {
  return {
    id: row.id,
    number: formatCaseFileNumber(row.year, row.seq),
    year: row.year,
    seq: row.seq,
    scope: row.scope,
    state: row.state,
    municipality: { id: row.municipality_id, name: row.municipality_name },
    team: named(row.team_id, row.team_name),
    referent: named(row.referent_id, row.referent_name),
    holder: named(row.holder_id, row.holder_name),
    memberCount: row.member_count,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
  };
}

export function presentCaseFile(
  row: CaseFileRow,
  members: MemberRow[],
  assigned: { id: string; name: string }[],
  closingReason: { id: string; name: string } | null,
  mergedInto: { id: string; year: number; seq: number; visible: boolean } | null = null,
): CaseFile {
  // A tombstone of a merge offers nothing: its content moved to the survivor.
  const may = (ability: boolean) => ability && !mergedInto;
  return {
    ...presentSummary(row),
    assigned,
    members: members.map((m) => ({
      person: { id: m.person_id, name: m.name },
      role: m.role,
      birthDate: m.birth_date,
      municipality: { id: m.municipality_id, name: m.municipality_name },
      addedOn: m.added_on,
    })),
    closingReason,
    // The survivor's number only to who sees it (another team's, or a SIAD one, stays unnamed).
    mergedInto: !mergedInto
      ? null
      : mergedInto.visible
        ? { id: mergedInto.id, number: formatCaseFileNumber(mergedInto.year, mergedInto.seq) }
        : { id: null, number: null },
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    can: {
      edit: may(row.can_edit),
      changeReferent: may(row.can_reassign),
      changeTeam: may(row.can_reassign),
      unlinkMember: may(row.can_unlink),
      viewContent: row.can_view_content,
      addContent: row.can_add_content && row.state === 'open',
      editPlans: row.can_edit_plans && row.state === 'open',
      moveContent: may(row.can_move_content),
    },
  };
}

export function presentIntervention(
  row: InterventionRow,
  language: Language,
  canEdit: boolean,
): Intervention {
  return {
    id: row.id,
    caseFileId: row.case_file_id,
    type:
      row.type_id && row.type_code
        ? {
            id: row.type_id,
            name: catalogueLabel('intervention_type', row.type_code, row.type_labels, language),
          }
        : null,
    event: row.event,
    resource:
      row.resource_id && row.resource_code
        ? {
            id: row.resource_id,
            name: catalogueLabel('resource', row.resource_code, row.resource_labels, language),
          }
        : null,
    occurredOn: row.occurred_on,
    durationMinutes: row.duration_minutes,
    place: row.place,
    professionals: row.professionals ?? [],
    persons: row.persons ?? [],
    notes: row.notes,
    author: named(row.author_id, row.author_name),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    can: { edit: canEdit && row.event === null },
  };
}
