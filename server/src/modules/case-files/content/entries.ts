import type { Language } from '@caliu/common';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../../db/connect';
import type { RequestContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import { todayIn } from '../../persons/rules';
import { catalogueLabel } from '../present';
import { type Deps, lockFor } from '../service';
import { assertEditable, auditChange } from './guard';
import { type EntrySpec, type Values } from './kinds';
import { assertCatalogueEntry, assertMunicipalityRule } from './rules';

/**
 * Demands, problems, resources and procedures: each concerns one member (`personId`), has a
 * type from its catalogue and an author, and is read and written the same way — only the
 * fields and rules of each kind (kinds.ts) differ.
 */

export type EntryRow = Values & {
  id: string;
  caseFileId: string;
  typeId: string;
  typeCode: string;
  typeLabels: Partial<Record<Language, string>> | null;
  personId: string;
  personName: string;
  authorId: string | null;
  authorName: string | null;
  version: number;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '')}"`);

function selectOf(spec: EntrySpec): SQL {
  const own = Object.entries(spec.fields).map(([name, f]) => {
    const cast =
      f.read === 'text' ? sql.raw('::text') : f.read === 'float' ? sql.raw('::float8') : sql``;
    return sql`e.${ident(f.column)}${cast} AS ${ident(name)}`;
  });
  return sql`SELECT e.id, e.case_file_id AS "caseFileId", e.type_id AS "typeId",
      ci.code AS "typeCode", ci.labels AS "typeLabels", e.person_id AS "personId",
      concat_ws(' ', pe.given_name, pe.first_surname, pe.second_surname) AS "personName",
      e.author_id AS "authorId", au.given_name || ' ' || au.surnames AS "authorName",
      e.version, e.created_at AS "createdAt", e.updated_at AS "updatedAt",
      ${sql.join(own, sql`, `)}
    FROM ${ident(spec.table)} e
    JOIN catalogue_items ci ON ci.entity_id = e.entity_id AND ci.id = e.type_id
    JOIN persons pe ON pe.entity_id = e.entity_id AND pe.id = e.person_id
    LEFT JOIN professionals au ON au.entity_id = e.entity_id AND au.id = e.author_id`;
}

/** Entries of one kind by id (a timeline page), in no particular order. */
export async function entriesByIds(
  tx: Tx,
  spec: EntrySpec,
  entityId: string,
  caseFileId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return rowsOf<EntryRow>(
    tx,
    sql`${selectOf(spec)}
      WHERE e.entity_id = ${entityId} AND e.case_file_id = ${caseFileId} AND e.id IN (${uuidList(ids)})`,
  );
}

async function lockEntry(
  tx: Tx,
  spec: EntrySpec,
  entityId: string,
  caseFileId: string,
  id: string,
) {
  const [row] = await rowsOf<EntryRow>(
    tx,
    sql`${selectOf(spec)}
      WHERE e.entity_id = ${entityId} AND e.case_file_id = ${caseFileId} AND e.id = ${id}
      FOR UPDATE OF e`,
  );
  return row ?? null;
}

/** API names → columns, for the values given (undefined ones are left as they are). */
function columnsOf(spec: EntrySpec, values: Values) {
  const all: Record<string, { column: string }> = {
    typeId: { column: 'type_id' },
    personId: { column: 'person_id' },
    ...spec.fields,
  };
  return Object.entries(values)
    .filter(([name, value]) => value !== undefined && name in all)
    .map(([name, value]) => ({ column: all[name]!.column, value }));
}

export function presentEntry(spec: EntrySpec, row: EntryRow, language: Language, canEdit: boolean) {
  const own = Object.fromEntries(Object.keys(spec.fields).map((name) => [name, row[name]]));
  return {
    ...own,
    ...spec.extra?.(row),
    id: row.id,
    caseFileId: row.caseFileId,
    type: {
      id: row.typeId,
      name: catalogueLabel(spec.catalogue, row.typeCode, row.typeLabels, language),
    },
    person: { id: row.personId, name: row.personName },
    author: row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
    version: row.version,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    can: { edit: canEdit },
  };
}

/** What a creation or a change sends (validated by the kind's schema at the edge). */
export type SaveInput = Values & { typeId?: string; personId?: string; version?: number };

/**
 * Records an entry, or changes one (`id`): the file open and the viewer allowed, the type from
 * the catalogue, the person a member living in the file's municipality (when given or changed),
 * the kind's rules; then audited for every member. Granting a resource records an intervention.
 */
export async function save(
  deps: Deps,
  ctx: RequestContext,
  spec: EntrySpec,
  caseFileId: string,
  id: string | null,
  input: SaveInput,
) {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return deps.database.tenant(entityId, async (tx) => {
    const file = await lockFor(tx, auth, caseFileId, 'can_add_content');
    const stored = id ? await lockEntry(tx, spec, entityId, caseFileId, id) : null;
    if (id && !stored) throw notFound(spec.kind);
    assertEditable(
      auth,
      file,
      stored && { author_id: stored.authorId, version: stored.version },
      input.version,
    );
    const { version: _version, ...changes } = input;
    const next: Values = { ...(stored ?? {}), ...changes };
    const completed = spec.check(ctx, next, stored, today);
    await assertCatalogueEntry(tx, ctx, spec.catalogue, changes.typeId, 'typeId', stored?.typeId);
    if (changes.personId !== undefined && changes.personId !== stored?.personId) {
      await assertMunicipalityRule(tx, ctx, file, [changes.personId], 'personId');
    }
    const columns = columnsOf(spec, { ...changes, ...completed });
    let entryId = id;
    if (!stored) {
      const [inserted] = await rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO ${ident(spec.table)}
            (entity_id, case_file_id, author_id, ${sql.join(
              columns.map((c) => ident(c.column)),
              sql`, `,
            )})
          VALUES (${entityId}, ${caseFileId}, ${auth.professionalId},
            ${sql.join(
              columns.map((c) => sql`${c.value}`),
              sql`, `,
            )})
          RETURNING id`,
      );
      entryId = inserted!.id;
    } else if (columns.length > 0) {
      await tx.execute(sql`UPDATE ${ident(spec.table)} SET
          ${sql.join(
            columns.map((c) => sql`${ident(c.column)} = ${c.value}`),
            sql`, `,
          )},
          version = version + 1, updated_at = now()
        WHERE entity_id = ${entityId} AND id = ${entryId}`);
    }
    const [row] = await entriesByIds(tx, spec, entityId, caseFileId, [entryId!]);
    await spec.afterSave?.({ tx, ctx, caseFileId, row: row!, stored, today });
    await auditChange(
      tx,
      ctx,
      caseFileId,
      { kind: spec.kind, id: entryId! },
      stored ? 'update' : 'create',
    );
    return presentEntry(spec, row!, ctx.language, true);
  });
}
