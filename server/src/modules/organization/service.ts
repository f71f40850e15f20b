import type {
  EntitySettings,
  EntitySettingsPatch,
  Municipality,
  MunicipalityInput,
  Sector,
  SectorInput,
  SectorPatch,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { type Refusals, withRefusals } from '../../platform/db-errors';
import { AppError, notFound } from '../../platform/errors';
import { decodeKeyCursor, toKeyPage } from '../../platform/pagination';
import * as repo from './repository';

/** Runs a change behind the tenant wall; a name already used answers 409 instead of a crash. */
export async function change<T>(
  deps: AppDeps,
  ctx: RequestContext,
  name: string | undefined,
  fn: (tx: Tx) => Promise<T>,
) {
  return withRefusals(() => deps.database.tenant(ctx.auth.entity.id, fn), {
    unique: () =>
      name === undefined ? null : new AppError('organization.name_taken', 409, { name }),
  });
}

/** A record that another still refers to stays (foreign keys). */
const IN_USE: Refusals = { foreign_key: () => new AppError('organization.in_use', 409) };

/** Every id must name a record of the entity (the tenant wall hides the others). */
export async function requireAll(
  found: Promise<string[]>,
  ids: string[],
  code:
    | 'organization.unknown_municipalities'
    | 'organization.unknown_sectors'
    | 'organization.unknown_teams'
    | 'organization.unknown_professionals',
) {
  const present = new Set(await found);
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length) throw new AppError(code, 400);
}

// ─── Entity settings ─────────────────────────────────────────────────────────────────────────

function presentEntity(
  row: NonNullable<Awaited<ReturnType<typeof repo.findEntity>>>,
): EntitySettings {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    emailDomains: row.emailDomains,
    timeZone: row.timeZone,
    defaultLanguage: row.defaultLanguage,
    requiresSecondFactor: row.requiresSecondFactor,
    isDemo: row.isDemo,
    appointmentReminderHours: row.appointmentReminderHours,
  };
}

export async function getEntity(deps: AppDeps, ctx: RequestContext): Promise<EntitySettings> {
  const row = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.findEntity(tx, ctx.auth.entity.id),
  );
  if (!row) throw notFound('entity');
  return presentEntity(row);
}

export async function updateEntity(
  deps: AppDeps,
  ctx: RequestContext,
  patch: EntitySettingsPatch,
): Promise<EntitySettings> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const before = await repo.findEntity(tx, entityId);
    if (!before) throw notFound('entity');
    await repo.updateEntity(tx, entityId, patch);
    const changed = Object.fromEntries(
      Object.entries(patch).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'entity.update',
      recordType: 'entity',
      recordId: entityId,
      details: { changed },
    });
    return presentEntity((await repo.findEntity(tx, entityId))!);
  });
}

// ─── Municipalities ──────────────────────────────────────────────────────────────────────────

export async function listMunicipalities(
  deps: AppDeps,
  ctx: RequestContext,
  limit: number,
  cursor?: string,
) {
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.listMunicipalities(tx, limit, decodeKeyCursor(cursor)),
  );
  return toKeyPage(rows, limit, ({ id, name, ineCode }): Municipality => ({ id, name, ineCode }));
}

export async function createMunicipality(
  deps: AppDeps,
  ctx: RequestContext,
  input: MunicipalityInput,
): Promise<Municipality> {
  return change(deps, ctx, input.name, async (tx) => {
    const ineCode = input.ineCode ?? null;
    const id = await repo.insertMunicipality(tx, ctx.auth.entity.id, { name: input.name, ineCode });
    await writeAudit(tx, actorOf(ctx), {
      action: 'municipality.create',
      recordType: 'municipality',
      recordId: id,
      details: { name: input.name },
    });
    return { id, name: input.name, ineCode };
  });
}

export async function updateMunicipality(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: Partial<MunicipalityInput>,
): Promise<Municipality> {
  return change(deps, ctx, input.name, async (tx) => {
    const before = await repo.findMunicipality(tx, id);
    if (!before) throw notFound('municipality');
    await repo.updateMunicipality(tx, id, input);
    await writeAudit(tx, actorOf(ctx), {
      action: 'municipality.update',
      recordType: 'municipality',
      recordId: id,
      details: { before: { name: before.name, ineCode: before.ineCode }, after: input },
    });
    return {
      ...before,
      ...input,
      ineCode: input.ineCode === undefined ? before.ineCode : input.ineCode,
    };
  });
}

/** Refused while a sector or team lists it, or any record refers to it. */
export async function deleteMunicipality(deps: AppDeps, ctx: RequestContext, id: string) {
  const deleted = () =>
    deps.database.tenant(ctx.auth.entity.id, async (tx) => {
      const before = await repo.findMunicipality(tx, id);
      if (!before) throw notFound('municipality');
      const use = await repo.municipalityUse(tx, id);
      if (use.sectors || use.teams)
        throw new AppError('organization.municipality_in_use', 409, use);
      await repo.deleteMunicipality(tx, id);
      await writeAudit(tx, actorOf(ctx), {
        action: 'municipality.delete',
        recordType: 'municipality',
        recordId: id,
        details: { name: before.name },
      });
    });
  await withRefusals(deleted, IN_USE);
}

// ─── Sectors ─────────────────────────────────────────────────────────────────────────────────

export async function listSectors(
  deps: AppDeps,
  ctx: RequestContext,
  limit: number,
  cursor?: string,
) {
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.listSectors(tx, limit, decodeKeyCursor(cursor)),
  );
  return toKeyPage(rows, limit, ({ id, name, municipalityIds }): Sector => ({
    id,
    name,
    municipalityIds,
  }));
}

export async function createSector(
  deps: AppDeps,
  ctx: RequestContext,
  input: SectorInput,
): Promise<Sector> {
  const entityId = ctx.auth.entity.id;
  return change(deps, ctx, input.name, async (tx) => {
    await requireAll(
      repo.existingMunicipalities(tx, input.municipalityIds),
      input.municipalityIds,
      'organization.unknown_municipalities',
    );
    const id = await repo.insertSector(tx, entityId, input.name);
    await repo.replaceSectorMunicipalities(tx, entityId, id, input.municipalityIds);
    await writeAudit(tx, actorOf(ctx), {
      action: 'sector.create',
      recordType: 'sector',
      recordId: id,
      details: { name: input.name, municipalityIds: input.municipalityIds },
    });
    return (await repo.findSector(tx, id))!;
  });
}

export async function updateSector(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: SectorPatch,
): Promise<Sector> {
  const entityId = ctx.auth.entity.id;
  return change(deps, ctx, input.name, async (tx) => {
    if (!(await repo.lockSector(tx, id))) throw notFound('sector');
    const before = (await repo.findSector(tx, id))!;
    if (input.name !== undefined) await repo.renameSector(tx, id, input.name);
    if (input.municipalityIds) {
      await requireAll(
        repo.existingMunicipalities(tx, input.municipalityIds),
        input.municipalityIds,
        'organization.unknown_municipalities',
      );
      await repo.replaceSectorMunicipalities(tx, entityId, id, input.municipalityIds);
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'sector.update',
      recordType: 'sector',
      recordId: id,
      details: {
        before: { name: before.name, municipalityIds: before.municipalityIds },
        after: input,
      },
    });
    return (await repo.findSector(tx, id))!;
  });
}

/** Refused while a team serves it or a professional is assigned to it. */
export async function deleteSector(deps: AppDeps, ctx: RequestContext, id: string) {
  const deleted = () =>
    deps.database.tenant(ctx.auth.entity.id, async (tx) => {
      if (!(await repo.lockSector(tx, id))) throw notFound('sector');
      const before = (await repo.findSector(tx, id))!;
      const use = await repo.sectorUse(tx, id);
      if (use.teams || use.professionals)
        throw new AppError('organization.sector_in_use', 409, use);
      await repo.deleteSector(tx, id);
      await writeAudit(tx, actorOf(ctx), {
        action: 'sector.delete',
        recordType: 'sector',
        recordId: id,
        details: { name: before.name },
      });
    });
  await withRefusals(deleted, IN_USE);
}
