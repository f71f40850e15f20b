import {
  CATALOGUE_MAX_ENTRIES,
  CATALOGUE_USES_MASK,
  type Catalogue,
  type CatalogueAdminEntry,
  type CatalogueAdminList,
  type CatalogueEntryInput,
  type CatalogueEntryPatch,
  type CatalogueLabels,
  type Language,
  LANGUAGES,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { withRefusals } from '../../platform/db-errors';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { hasKey, translator } from '../../platform/i18n';
import * as repo from './repository';

/**
 * Catalogue administration (issue 16): the administrator adds entries, edits their labels in the
 * four languages, official code and position, retires and reinstates them, and deletes those no
 * record uses. Codes never change once chosen. Every change locks the entry (a retirement or a
 * deletion, the whole catalogue) and is audited in its transaction.
 */

// ─── Labels ──────────────────────────────────────────────────────────────────────────────────

/** Caliu's standard wording of an entry (the translation files'), or null for the entity's own codes. */
function standardLabel(catalogue: Catalogue, code: string, language: Language): string | null {
  const key = `catalogues.${catalogue}.${code}`;
  return hasKey(language, key) ? translator(language)(key) : null;
}

/** The label in each language as the console shows it: the entity's own, else the standard one. */
function shownLabels(catalogue: Catalogue, code: string, own: repo.Labels | null) {
  const anyOwn = own ? LANGUAGES.map((l) => own[l]).find(Boolean) : undefined;
  return Object.fromEntries(
    LANGUAGES.map((l) => [l, own?.[l] ?? standardLabel(catalogue, code, l) ?? anyOwn ?? code]),
  ) as CatalogueLabels;
}

/**
 * What is stored of the labels the administrator gave: only those that differ from the standard
 * wording (null when none does), so that a standard entry keeps following Caliu's translations
 * wherever the entity did not word it its own way.
 */
function ownLabels(catalogue: Catalogue, code: string, labels: CatalogueLabels) {
  const own = Object.fromEntries(
    LANGUAGES.filter((l) => labels[l] !== standardLabel(catalogue, code, l)).map((l) => [
      l,
      labels[l],
    ]),
  ) as repo.Labels;
  return Object.keys(own).length ? own : null;
}

/** Whether two sets of own labels say the same (PostgreSQL keeps jsonb keys in its own order). */
const sameLabels = (a: repo.Labels | null, b: repo.Labels | null) =>
  LANGUAGES.every((l) => a?.[l] === b?.[l]);

// ─── Presenting ──────────────────────────────────────────────────────────────────────────────

function present(row: repo.EntryRow, activeEntries: number): CatalogueAdminEntry {
  const masked = row.uses > 0 && row.uses < CATALOGUE_USES_MASK;
  // The last active entry stays: the pickers (and closing a case file) need one to choose.
  const keepsCatalogueUsable = !row.active || activeEntries > 1;
  return {
    id: row.id,
    catalogue: row.catalogue,
    code: row.code,
    labels: shownLabels(row.catalogue, row.code, row.labels),
    ownLabels: LANGUAGES.filter((l) => row.labels?.[l] !== undefined),
    officialCode: row.officialCode,
    position: row.position,
    active: row.active,
    inUse: row.uses > 0,
    uses: masked ? null : row.uses,
    can: {
      delete: row.uses === 0 && keepsCatalogueUsable,
      retire: row.active && keepsCatalogueUsable,
    },
  };
}

/** The entry as it now stands, for the answer of a change (inside its transaction). */
async function presentEntry(tx: Tx, entityId: string, catalogue: Catalogue, id: string) {
  const rows = await repo.listEntries(tx, entityId, catalogue);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('catalogue_entry');
  return present(row, rows.filter((r) => r.active).length);
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────

/** Every entry of a catalogue, retired ones included, in order, with their uses. */
export async function list(
  deps: AppDeps,
  ctx: RequestContext,
  catalogue: Catalogue,
): Promise<CatalogueAdminList> {
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.listEntries(tx, ctx.auth.entity.id, catalogue),
  );
  const active = rows.filter((r) => r.active).length;
  return { items: rows.map((row) => present(row, active)) };
}

// ─── Changing ────────────────────────────────────────────────────────────────────────────────

const audited = (
  tx: Tx,
  ctx: RequestContext,
  action: 'create' | 'update' | 'retire' | 'reinstate' | 'delete',
  id: string,
  details: Record<string, unknown>,
) =>
  writeAudit(tx, actorOf(ctx), {
    action: `catalogue_entry.${action}`,
    recordType: 'catalogue_entry',
    recordId: id,
    details,
  });

/** A code already used in the catalogue: said next to the code. */
const codeTaken = (ctx: RequestContext, code: string) => () =>
  fieldError(ctx, 409, 'catalogues.code_taken', 'code', { code });

/** Adds an entry at the end of the catalogue (or at the position given). */
export async function create(
  deps: AppDeps,
  ctx: RequestContext,
  catalogue: Catalogue,
  input: CatalogueEntryInput,
): Promise<CatalogueAdminEntry> {
  const entityId = ctx.auth.entity.id;
  const work = () =>
    deps.database.tenant(entityId, async (tx) => {
      // Two additions at once wait for each other, so the cap holds.
      await repo.lockCatalogue(tx, entityId, catalogue);
      const size = await repo.catalogueSize(tx, entityId, catalogue);
      if (size.entries >= CATALOGUE_MAX_ENTRIES) {
        throw new AppError('catalogues.full', 409, { max: CATALOGUE_MAX_ENTRIES });
      }
      const values = {
        catalogue,
        code: input.code,
        labels: ownLabels(catalogue, input.code, input.labels),
        officialCode: input.officialCode ?? null,
        position: input.position ?? size.nextPosition,
      };
      const id = await repo.insertEntry(tx, entityId, values);
      await audited(tx, ctx, 'create', id, values);
      return presentEntry(tx, entityId, catalogue, id);
    });
  return withRefusals(work, { unique: codeTaken(ctx, input.code) });
}

/** Changes the labels given (the others stay), the official code or the position. */
export async function update(
  deps: AppDeps,
  ctx: RequestContext,
  catalogue: Catalogue,
  id: string,
  patch: CatalogueEntryPatch,
): Promise<CatalogueAdminEntry> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    if (!(await repo.lockEntry(tx, entityId, catalogue, id))) throw notFound('catalogue_entry');
    const before = (await repo.findEntry(tx, entityId, catalogue, id))!;
    const labels = patch.labels
      ? ownLabels(catalogue, before.code, {
          ...shownLabels(catalogue, before.code, before.labels),
          ...patch.labels,
        })
      : before.labels;
    const next = {
      labels,
      officialCode: patch.officialCode === undefined ? before.officialCode : patch.officialCode,
      position: patch.position ?? before.position,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) =>
      key === 'labels' ? !sameLabels(next.labels, before.labels) : next[key] !== before[key],
    );
    if (changed.length) {
      const values = Object.fromEntries(changed.map((key) => [key, next[key]]));
      await repo.updateEntry(tx, entityId, id, values);
      await audited(tx, ctx, 'update', id, {
        catalogue,
        code: before.code,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: values,
      });
    }
    return presentEntry(tx, entityId, catalogue, id);
  });
}

/** The catalogue locked, and the entry among its entries (404 when not one of them). */
async function lockedEntry(tx: Tx, entityId: string, catalogue: Catalogue, id: string) {
  const entries = await repo.lockCatalogue(tx, entityId, catalogue);
  const entry = entries.find((e) => e.id === id);
  if (!entry) throw notFound('catalogue_entry');
  const othersActive = entries.filter((e) => e.active && e.id !== id).length;
  return { entry, othersActive };
}

/**
 * Retires an entry (no longer offered for new records; the records that use it keep showing
 * it) or reinstates it. The last active entry of a catalogue stays. Already so: nothing to do.
 */
export async function setActive(
  deps: AppDeps,
  ctx: RequestContext,
  catalogue: Catalogue,
  id: string,
  active: boolean,
): Promise<CatalogueAdminEntry> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const { entry, othersActive } = await lockedEntry(tx, entityId, catalogue, id);
    if (entry.active !== active) {
      if (!active && othersActive === 0) throw new AppError('catalogues.last_active', 409);
      await repo.updateEntry(tx, entityId, id, { active });
      const { code } = (await repo.findEntry(tx, entityId, catalogue, id))!;
      await audited(tx, ctx, active ? 'reinstate' : 'retire', id, { catalogue, code });
    }
    return presentEntry(tx, entityId, catalogue, id);
  });
}

/**
 * Deletes an entry no record uses; one in use is refused (409, in words: retire it instead),
 * whether this reading or the foreign key of a record written meanwhile says so.
 */
export async function remove(
  deps: AppDeps,
  ctx: RequestContext,
  catalogue: Catalogue,
  id: string,
): Promise<void> {
  const entityId = ctx.auth.entity.id;
  const inUse = () => new AppError('catalogues.in_use', 409);
  const work = () =>
    deps.database.tenant(entityId, async (tx) => {
      const { entry, othersActive } = await lockedEntry(tx, entityId, catalogue, id);
      const stored = (await repo.findEntry(tx, entityId, catalogue, id))!;
      if (stored.uses > 0) throw inUse();
      if (entry.active && othersActive === 0) throw new AppError('catalogues.last_active', 409);
      await repo.deleteEntry(tx, entityId, id);
      await audited(tx, ctx, 'delete', id, {
        catalogue,
        code: stored.code,
        labels: stored.labels,
        officialCode: stored.officialCode,
      });
    });
  await withRefusals(work, { foreign_key: inUse });
}
