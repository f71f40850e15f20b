import { type Catalogue, formatCaseFileNumber } from '@caliu/common';
import type { Tx } from '../../../db/connect';
import type { RequestContext } from '../../../platform/context';
import { fieldError } from '../../../platform/errors';
import * as repo from '../repository';
import * as items from './items-repository';

/**
 * The rules every kind of content shares: its type comes from the entity's catalogue, its dates
 * are not in the future, and the persons it concerns are members of the case file living in
 * the case file's municipality — the municipality rule (DESIGN.md; seed 000: "la
 * localitat/municipi que consta a la fitxa personal ha de ser el mateix de l'expedient"). One
 * rule, here, for interventions, demands, problems, resources and procedures, whether recorded
 * in a case file or moved to another (commands/transfer-content.ts).
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
  const places = await repo.membersPlaces(tx, ctx.auth.entity.id, file.id, [...personIds]);
  if (places.length !== personIds.length) {
    throw fieldError(ctx, 400, 'case_files.not_a_member', field);
  }
  await assertSameMunicipality(tx, ctx, file, places, 400, field);
}

/**
 * The municipality rule for content moving to another case file (a conflict with the target, so
 * a 409): the refusal names the persons to link to the target first.
 */
export async function assertMembersOfTarget(
  tx: Tx,
  ctx: RequestContext,
  target: ContentFile & { year: number; seq: number },
  personIds: readonly string[],
  field: string,
) {
  const entityId = ctx.auth.entity.id;
  const places = await repo.membersPlaces(tx, entityId, target.id, [...personIds]);
  const missing = personIds.filter((id) => !places.some((p) => p.person_id === id));
  if (missing.length > 0) {
    const names = await items.personNames(tx, entityId, missing);
    throw fieldError(ctx, 409, 'case_files.transfer_not_members', field, {
      persons: names.map((n) => n.name).join(', '),
      number: formatCaseFileNumber(target.year, target.seq),
    });
  }
  await assertSameMunicipality(tx, ctx, target, places, 409, field);
}

/** Refuses the first member (of `places`) who lives outside the file's municipality. */
async function assertSameMunicipality(
  tx: Tx,
  ctx: RequestContext,
  file: ContentFile,
  places: Awaited<ReturnType<typeof repo.membersPlaces>>,
  status: 400 | 409,
  field: string,
) {
  const elsewhere = places.find((p) => p.municipality_id !== file.municipality_id);
  if (!elsewhere) return;
  const entityId = ctx.auth.entity.id;
  const caseFileMunicipality = (await repo.municipalityName(tx, entityId, file.municipality_id))!;
  throw fieldError(ctx, status, 'case_files.municipality_mismatch', field, {
    person: elsewhere.name,
    personMunicipality: elsewhere.municipality_name,
    caseFileMunicipality,
  });
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
