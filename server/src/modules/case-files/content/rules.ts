import type { Catalogue } from '@caliu/common';
import type { Tx } from '../../../db/connect';
import type { RequestContext } from '../../../platform/context';
import { fieldError } from '../../../platform/errors';
import * as repo from '../repository';

/**
 * The rules every kind of content shares: its type comes from the entity's catalogue, its dates
 * are not in the future, and the persons it concerns are members of the case file living in
 * the case file's municipality — the municipality rule (DESIGN.md; seed 000: "la
 * localitat/municipi que consta a la fitxa personal ha de ser el mateix de l'expedient"). One
 * rule, here, for interventions, demands, problems, resources and procedures.
 */

export type ContentFile = { id: string; municipality_id: string };

/** Refuses persons who are not members of the file or live in another municipality. */
export async function assertMunicipalityRule(
  tx: Tx,
  ctx: RequestContext,
  file: ContentFile,
  personIds: readonly string[],
  field: string,
) {
  if (personIds.length === 0) return;
  const entityId = ctx.auth.entity.id;
  const places = await repo.membersPlaces(tx, entityId, file.id, [...personIds]);
  if (places.length !== personIds.length) {
    throw fieldError(ctx, 400, 'case_files.not_a_member', field);
  }
  const elsewhere = places.find((p) => p.municipality_id !== file.municipality_id);
  if (elsewhere) {
    const caseFileMunicipality = (await repo.municipalityName(tx, entityId, file.municipality_id))!;
    throw fieldError(ctx, 400, 'case_files.municipality_mismatch', field, {
      person: elsewhere.name,
      personMunicipality: elsewhere.municipality_name,
      caseFileMunicipality,
    });
  }
}

/**
 * Refuses an id that is not an active entry of the catalogue. `kept`: the record's type as
 * stored, which an edit may keep even if it has been retired since (old records keep theirs).
 */
export async function assertCatalogueEntry(
  tx: Tx,
  ctx: RequestContext,
  catalogue: Catalogue,
  id: string | undefined,
  field: string,
  kept: string | null = null,
) {
  if (id === undefined || id === kept) return;
  if (!(await repo.catalogueEntry(tx, ctx.auth.entity.id, catalogue, id))) {
    throw fieldError(ctx, 400, 'case_files.unknown_catalogue_entry', field);
  }
}

/** Refuses a date after today (entity time): what is recorded has happened. */
export function assertNotFuture(
  ctx: RequestContext,
  date: string | null | undefined,
  today: string,
  field: string,
) {
  if (date && date > today) throw fieldError(ctx, 400, 'case_files.date_in_future', field);
}

/** Refuses an end before its start. */
export function assertOrder(
  ctx: RequestContext,
  start: string | null | undefined,
  end: string | null | undefined,
  field: string,
) {
  if (start && end && end < start) throw fieldError(ctx, 400, 'case_files.end_before_start', field);
}
