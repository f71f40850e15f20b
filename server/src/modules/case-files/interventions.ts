import type {
  CreateIntervention,
  Intervention,
  InterventionPage,
  UpdateIntervention,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { actorOf, type AuthContext, type RequestContext } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { decodeKeyCursor, encodeCursor } from '../../platform/pagination';
import { todayIn } from '../persons/rules';
import { presentIntervention } from './present';
import * as repo from './repository';
import { type Deps, lockFor, viewerOf } from './service';

/**
 * Interventions: the confidential content of a case file. Reading them needs `content.view` on
 * the case file (its technicians, its team's coordinators; never the technical administrator,
 * who sees headers only) and every read is audited for each member of the file, so that a data
 * subject's access report lists it. Recording one needs `content.edit`, an open case file, and
 * every person present a member living in the case file's municipality (the municipality rule).
 */

/** The case file's header row if the viewer may read its content; 404 / 403 otherwise. */
async function readable(tx: Tx, auth: AuthContext, caseFileId: string) {
  const row = await repo.findCaseFile(tx, auth.entity.id, caseFileId, viewerOf(auth));
  if (!row) throw notFound('case_file');
  if (!row.can_view_content) throw new AppError('case_files.content_not_allowed', 403);
  return row;
}

/** May the viewer edit this entry: its author, or a coordinator (team scope) of the file. */
function mayEdit(
  auth: AuthContext,
  file: { can_add_content: boolean; state: string },
  row: { author_id: string | null; event: string | null },
) {
  if (!file.can_add_content || file.state !== 'open' || row.event !== null) return false;
  const scope = auth.grants['content.edit'];
  return row.author_id === auth.professionalId || scope === 'team' || scope === 'entity';
}

async function auditRead(tx: Tx, ctx: RequestContext, caseFileId: string, interventionId?: string) {
  await writeAudit(tx, actorOf(ctx), {
    action: 'case_file.read_content',
    recordType: interventionId ? 'intervention' : 'case_file',
    recordId: interventionId ?? caseFileId,
    subjects: await repo.memberIds(tx, ctx.auth.entity.id, caseFileId),
    ...(interventionId ? { details: { caseFileId } } : {}),
  });
}

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
      items: items.map((row) => presentIntervention(row, ctx.language, mayEdit(auth, file, row))),
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
    await auditRead(tx, ctx, caseFileId, id);
    return presentIntervention(row, ctx.language, mayEdit(auth, file, row));
  });
}

/** Checks type, date, professionals and persons present (the municipality rule among them). */
async function assertContent(
  tx: Tx,
  ctx: RequestContext,
  file: { id: string; municipality_id: string; opened_on: string },
  input: UpdateIntervention,
  today: string,
) {
  const entityId = ctx.auth.entity.id;
  if (input.typeId !== undefined) {
    if (!(await repo.catalogueEntry(tx, entityId, 'intervention_type', input.typeId))) {
      throw fieldError(ctx, 400, 'case_files.unknown_intervention_type', 'typeId');
    }
  }
  if (input.occurredOn !== undefined && input.occurredOn > today) {
    throw fieldError(ctx, 400, 'case_files.intervention_in_future', 'occurredOn');
  }
  if (input.professionalIds !== undefined && input.professionalIds.length > 0) {
    const found = await repo.activeProfessionals(tx, entityId, input.professionalIds);
    if (input.professionalIds.some((id) => !found.has(id))) {
      throw fieldError(ctx, 400, 'case_files.professional_not_found', 'professionalIds');
    }
  }
  if (input.personIds !== undefined && input.personIds.length > 0) {
    const places = await repo.membersPlaces(tx, entityId, file.id, input.personIds);
    if (places.length !== input.personIds.length) {
      throw fieldError(ctx, 400, 'case_files.not_a_member', 'personIds');
    }
    const elsewhere = places.find((p) => p.municipality_id !== file.municipality_id);
    if (elsewhere) {
      const caseFileMunicipality = (await repo.municipalityName(
        tx,
        entityId,
        file.municipality_id,
      ))!;
      throw fieldError(ctx, 400, 'case_files.municipality_mismatch', 'personIds', {
        person: elsewhere.name,
        personMunicipality: elsewhere.municipality_name,
        caseFileMunicipality,
      });
    }
  }
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
    if (file.state !== 'open') throw new AppError('case_files.closed', 409);
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
    await writeAudit(tx, actorOf(ctx), {
      action: 'intervention.create',
      recordType: 'intervention',
      recordId: id,
      subjects: await repo.memberIds(tx, entityId, caseFileId),
      details: { caseFileId },
    });
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
    if (file.state !== 'open') throw new AppError('case_files.closed', 409);
    if (stored.event !== null) throw new AppError('case_files.automatic_intervention', 409);
    if (!mayEdit(auth, file, stored)) throw new AppError('case_files.not_your_entry', 403);
    if (input.version !== undefined && input.version !== stored.version) {
      throw new AppError('case_files.intervention_stale', 409);
    }
    await assertContent(tx, ctx, file, input, today);
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
    await writeAudit(tx, actorOf(ctx), {
      action: 'intervention.update',
      recordType: 'intervention',
      recordId: id,
      subjects: await repo.memberIds(tx, entityId, caseFileId),
      details: { caseFileId },
    });
    const row = (await repo.findIntervention(tx, entityId, caseFileId, id))!;
    return presentIntervention(row, ctx.language, true);
  });
}
