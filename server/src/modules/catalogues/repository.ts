import { and, asc, count, eq, max } from 'drizzle-orm';
import { type SQL, sql } from 'drizzle-orm';
import type { Catalogue, Language } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { catalogueItems } from '../../db/schema';

export type Labels = Partial<Record<Language, string>>;

/** An entry as stored, with how many records use it. */
export type EntryRow = {
  id: string;
  catalogue: Catalogue;
  code: string;
  labels: Labels | null;
  officialCode: string | null;
  position: number;
  active: boolean;
  uses: number;
};

/**
 * The records that pick from each catalogue: the table and the column that refers to the entry
 * (each kind of content references its own catalogue; the foreign keys of migrations 0008,
 * 0009 and 0016 are the authority, which a deletion meets whatever this says).
 */
const USED_BY: Record<Catalogue, { table: string; column: string }> = {
  intervention_type: { table: 'interventions', column: 'type_id' },
  closing_reason: { table: 'case_files', column: 'closing_reason_id' },
  demand: { table: 'demands', column: 'type_id' },
  problem: { table: 'problems', column: 'type_id' },
  resource: { table: 'resources', column: 'type_id' },
  procedure: { table: 'procedures', column: 'type_id' },
  document_category: { table: 'attachments', column: 'category_id' },
};

/**
 * How many records use the entry `ci` (a lateral subquery): counted on the (entity_id, type_id)
 * index of the table that uses the catalogue (migration 0011), one entry at a time, so a list
 * never reads the content tables themselves.
 */
function usesOf(catalogue: Catalogue): SQL {
  const { table, column } = USED_BY[catalogue];
  const ref = sql.identifier(column);
  return sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} x
    WHERE x.entity_id = ci.entity_id AND x.${ref} = ci.id`;
}

function selectEntries(entityId: string, catalogue: Catalogue, id?: string): SQL {
  return sql`SELECT ci.id, ci.catalogue, ci.code, ci.labels, ci.official_code AS "officialCode",
      ci.position, ci.active, u.n AS uses
    FROM catalogue_items ci
    CROSS JOIN LATERAL (${usesOf(catalogue)}) u
    WHERE ci.entity_id = ${entityId} AND ci.catalogue = ${catalogue}
      ${id ? sql`AND ci.id = ${id}` : sql``}
    ORDER BY ci.position, ci.code`;
}

/** Every entry of a catalogue, retired ones included, in the pickers' order. */
export async function listEntries(tx: Tx, entityId: string, catalogue: Catalogue) {
  return rowsOf<EntryRow>(tx, selectEntries(entityId, catalogue));
}

/** One entry of the catalogue, with its uses (null when it is not one of that catalogue). */
export async function findEntry(tx: Tx, entityId: string, catalogue: Catalogue, id: string) {
  const [row] = await rowsOf<EntryRow>(tx, selectEntries(entityId, catalogue, id));
  return row ?? null;
}

/**
 * Locks every entry of a catalogue (in id order, so that two administrators queue instead of
 * deadlocking) and answers whether each is active. Retiring or deleting an entry holds them:
 * "at least one active entry" stays true under concurrent changes. NO KEY UPDATE leaves the
 * records that refer to the entries free to be written meanwhile (their foreign-key checks take
 * KEY SHARE).
 */
export async function lockCatalogue(tx: Tx, entityId: string, catalogue: Catalogue) {
  return tx
    .select({ id: catalogueItems.id, active: catalogueItems.active })
    .from(catalogueItems)
    .where(and(eq(catalogueItems.entityId, entityId), eq(catalogueItems.catalogue, catalogue)))
    .orderBy(asc(catalogueItems.id))
    .for('no key update');
}

/** Locks one entry of the catalogue for a change of its labels, official code or position. */
export async function lockEntry(tx: Tx, entityId: string, catalogue: Catalogue, id: string) {
  const [row] = await tx
    .select({ id: catalogueItems.id })
    .from(catalogueItems)
    .where(
      and(
        eq(catalogueItems.entityId, entityId),
        eq(catalogueItems.catalogue, catalogue),
        eq(catalogueItems.id, id),
      ),
    )
    .for('no key update');
  return Boolean(row);
}

/** How many entries the catalogue holds, and the position after the last. */
export async function catalogueSize(tx: Tx, entityId: string, catalogue: Catalogue) {
  const [row] = await tx
    .select({ entries: count(), last: max(catalogueItems.position) })
    .from(catalogueItems)
    .where(and(eq(catalogueItems.entityId, entityId), eq(catalogueItems.catalogue, catalogue)));
  return { entries: row?.entries ?? 0, nextPosition: (row?.last ?? 0) + 1 };
}

export async function insertEntry(
  tx: Tx,
  entityId: string,
  values: {
    catalogue: Catalogue;
    code: string;
    labels: Labels | null;
    officialCode: string | null;
    position: number;
  },
) {
  const [row] = await tx
    .insert(catalogueItems)
    .values({ entityId, ...values })
    .returning({ id: catalogueItems.id });
  return row!.id;
}

export async function updateEntry(
  tx: Tx,
  entityId: string,
  id: string,
  values: Partial<{
    labels: Labels | null;
    officialCode: string | null;
    position: number;
    active: boolean;
  }>,
) {
  await tx
    .update(catalogueItems)
    .set(values)
    .where(and(eq(catalogueItems.entityId, entityId), eq(catalogueItems.id, id)));
}

export async function deleteEntry(tx: Tx, entityId: string, id: string) {
  await tx
    .delete(catalogueItems)
    .where(and(eq(catalogueItems.entityId, entityId), eq(catalogueItems.id, id)));
}
