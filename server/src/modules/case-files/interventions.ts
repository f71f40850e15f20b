import type {
  CreateIntervention,
  Intervention,
  InterventionPage,
  UpdateIntervention,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import type { RequestContext } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { assertEditable, auditChange, auditRead, mayEdit, readable } from './content/guard';
import { decodeKeyCursor, encodeCursor } from '../../platform/pagination';
import { todayIn } from '../persons/rules';
import {
  type ContentFile,
  assertCatalogueEntry,
  assertMunicipalityRule,
  assertNotFuture,
} from './content/rules';
import { presentIntervention } from './present';
import * as repo from './repository';
import { type Deps, lockFor } from './service';

/**
 * Interventions: the confidential content of a case file. Reading them needs `content.view` on
 * the case file (its technicians, its team's coordinators; never the technical administrator,
 * who sees headers only) and every read is audited for each member of the file, so that a data
 * subject's access report lists it. Recording one needs `content.edit`, an open case file, and
 * every person present a member living in the case file's municipality (the municipality rule).
 */

export async function list(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<InterventionPage> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const file = await readable(tx, auth, caseFileId);
    const after = decodeKeyCursor(page.cursor);
    const rows = await repo.interventionPage(tx, auth.entity.id, caseFileId, after, page.limit + 1);
    await auditRead(tx, ctx, caseFileId);
    const items = rows.slice(0, page.limit);
    const last = rows.length > page.limit ? items[items.length - 1] : undefined;
    return {
      items: items.map((row) =>
        presentIntervention(row, ctx.language, mayEdit(auth, file, row.author_id)),
      ),
      nextCursor: last ? encodeCursor(last.sort_key, last.id) : null,
    };
  });
}

export async function get(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  id: string,
): Promise<Intervention> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const file = await readable(tx, auth, caseFileId);
    const row = await repo.findIntervention(tx, auth.entity.id, caseFileId, id);
    if (!row) throw notFound('intervention');
    await auditRead(tx, ctx, caseFileId, { kind: 'intervention', id });
    return presentIntervention(row, ctx.language, mayEdit(auth, file, row.author_id));
  });
}

/** Checks type, date, professionals and persons present (the municipality rule among them). */
async function assertContent(
  tx: Tx,
  ctx: RequestContext,
  file: ContentFile,
  input: UpdateIntervention,
  today: string,
  keptTypeId: string | null = null,
) {
  await assertCatalogueEntry(tx, ctx, 'intervention_type', input.typeId, 'typeId', keptTypeId);
  assertNotFuture(ctx, input.occurredOn, today, 'occurredOn');
  if (input.professionalIds !== undefined && input.professionalIds.length > 0) {
    const found = await repo.activeProfessionals(tx, ctx.auth.entity.id, input.professionalIds);
    if (input.professionalIds.some((id) => !found.has(id))) {
      throw fieldError(ctx, 400, 'case_files.professional_not_found', 'professionalIds');
    }
  }
  await assertMunicipalityRule(tx, ctx, file, input.personIds ?? [], 'personIds');
}

/** Records an intervention on an open case file; its author took part. */
export async function create(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  input: CreateIntervention,
): Promise<Intervention> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return deps.database.tenant(entityId, async (tx) => {
    const file = await lockFor(tx, auth, caseFileId, 'can_add_content');
    assertEditable(auth, file, null, undefined);
    await assertContent(tx, ctx, file, input, today);
    const professionals = [
      auth.professionalId,
      ...(input.professionalIds ?? []).filter((p) => p !== auth.professionalId),
    ];
    const id = await repo.insertIntervention(
      tx,
      {
        entityId,
        caseFileId,
        typeId: input.typeId,
        occurredOn: input.occurredOn,
        durationMinutes: input.durationMinutes ?? null,
        place: input.place ?? null,
        notes: input.notes ?? '',
        authorId: auth.professionalId,
      },
      professionals,
      input.personIds ?? [],
    );
    await auditChange(tx, ctx, caseFileId, { kind: 'intervention', id }, 'create');
    const row = (await repo.findIntervention(tx, entityId, caseFileId, id))!;
    return presentIntervention(row, ctx.language, true);
  });
}

/** Edits an intervention: its author, or a coordinator of the case file's team. */
export async function update(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  id: string,
  input: UpdateIntervention,
): Promise<Intervention> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return deps.database.tenant(entityId, async (tx) => {
    const file = await lockFor(tx, auth, caseFileId, 'can_add_content');
    const stored = await repo.lockIntervention(tx, entityId, caseFileId, id);
    if (!stored) throw notFound('intervention');
    if (stored.event !== null) throw new AppError('case_files.automatic_intervention', 409);
    assertEditable(auth, file, stored, input.version);
    await assertContent(tx, ctx, file, input, today, stored.type_id);
    await repo.updateIntervention(tx, entityId, id, {
      ...(input.typeId !== undefined ? { typeId: input.typeId } : {}),
      ...(input.occurredOn !== undefined ? { occurredOn: input.occurredOn } : {}),
      ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
    const professionals =
      input.professionalIds === undefined
        ? undefined
        : [
            stored.author_id ?? auth.professionalId,
            ...input.professionalIds.filter((p) => p !== (stored.author_id ?? auth.professionalId)),
          ];
    await repo.setParticipants(tx, entityId, id, professionals, input.personIds);
    await auditChange(tx, ctx, caseFileId, { kind: 'intervention', id }, 'update');
    const row = (await repo.findIntervention(tx, entityId, caseFileId, id))!;
    return presentIntervention(row, ctx.language, true);
  });
}
