import {
  CONTENT_KINDS,
  type ContentKind,
  type TimelineEntry,
  type TimelinePage,
  type TimelineQuery,
} from '@caliu/common';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../../db/connect';
import type { RequestContext } from '../../../platform/context';
import { decodeKeyCursor, encodeCursor } from '../../../platform/pagination';
import { presentIntervention } from '../present';
import * as repo from '../repository';
import type { Deps } from '../service';
import { entriesByIds, presentEntry } from './entries';
import { auditRead, type FileAbilities, mayEdit, readable } from './guard';
import { ENTRY_KINDS } from './kinds';
import { plansByIds, presentPlan } from './plans';

/**
 * The timeline of a case file: every kind of content in date order (most recent first), filtered
 * by kind, professional (author, or among an intervention's professionals) and period. One page
 * is chosen by a UNION over the kinds' tables, then each kind's entries are read by id (one query
 * per kind on the page) and presented as their own endpoints present them. The lists of one kind
 * (`/demands`, `/plans`…) are this timeline with one kind.
 */

/** Each kind's table and date, over alias `e`. */
const SOURCES: Record<ContentKind, { table: string; date: SQL }> = {
  intervention: { table: 'interventions', date: sql`e.occurred_on` },
  demand: { table: 'demands', date: ENTRY_KINDS.demand.date },
  problem: { table: 'problems', date: ENTRY_KINDS.problem.date },
  resource: { table: 'resources', date: ENTRY_KINDS.resource.date },
  procedure: { table: 'procedures', date: ENTRY_KINDS.procedure.date },
  plan: { table: 'intervention_plans', date: sql`e.started_on` },
};

type Filters = Omit<TimelineQuery, 'limit' | 'cursor' | 'kinds'> & {
  kinds: readonly ContentKind[];
};

function sourceOf(kind: ContentKind, entityId: string, caseFileId: string, f: Filters): SQL {
  const { table, date } = SOURCES[kind];
  const by = f.professionalId
    ? kind === 'intervention'
      ? sql`AND (e.author_id = ${f.professionalId} OR EXISTS (SELECT 1 FROM intervention_professionals ip
          WHERE ip.entity_id = e.entity_id AND ip.intervention_id = e.id
            AND ip.professional_id = ${f.professionalId}))`
      : sql`AND e.author_id = ${f.professionalId}`
    : sql``;
  return sql`SELECT ${kind}::text AS kind, e.id, ${date} AS on_date, e.created_at
    FROM ${sql.raw(table)} e
    WHERE e.entity_id = ${entityId} AND e.case_file_id = ${caseFileId}
      ${f.from ? sql`AND ${date} >= ${f.from}::date` : sql``}
      ${f.to ? sql`AND ${date} <= ${f.to}::date` : sql``}
      ${by}`;
}

async function pageOf(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  filters: Filters,
  after: { key: string; id: string } | null,
  limit: number,
) {
  const union = sql.join(
    filters.kinds.map((kind) => sourceOf(kind, entityId, caseFileId, filters)),
    sql` UNION ALL `,
  );
  return rowsOf<{ kind: ContentKind; id: string; date: string; sort_key: string }>(
    tx,
    sql`SELECT t.kind, t.id, t.on_date::text AS date, k.sort_key
      FROM (${union}) t
      CROSS JOIN LATERAL (SELECT t.on_date::text || ' '
        || to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS sort_key) k
      ${after ? sql`WHERE (k.sort_key, t.id) < (${after.key}, ${after.id}::uuid)` : sql``}
      ORDER BY k.sort_key DESC, t.id DESC
      LIMIT ${limit}`,
  );
}

/** The page's entries, read per kind and presented, in the page's order. */
async function entriesOf(
  tx: Tx,
  ctx: RequestContext,
  file: FileAbilities,
  caseFileId: string,
  page: { kind: ContentKind; id: string; date: string }[],
): Promise<TimelineEntry[]> {
  const { auth, language } = ctx;
  const entityId = auth.entity.id;
  const ids = (kind: ContentKind) => page.filter((p) => p.kind === kind).map((p) => p.id);
  const found = new Map<string, TimelineEntry['item']>();
  for (const row of await repo.interventionsByIds(tx, entityId, caseFileId, ids('intervention'))) {
    found.set(row.id, presentIntervention(row, language, mayEdit(auth, file, row.author_id)));
  }
  for (const spec of Object.values(ENTRY_KINDS)) {
    for (const row of await entriesByIds(tx, spec, entityId, caseFileId, ids(spec.kind))) {
      found.set(
        row.id,
        presentEntry(spec, row, language, mayEdit(auth, file, row.authorId)) as never,
      );
    }
  }
  for (const row of await plansByIds(tx, entityId, caseFileId, ids('plan'))) {
    found.set(row.id, presentPlan(row, mayEdit(auth, file, row.author_id, 'plans.edit')));
  }
  return page.map((p) => ({ kind: p.kind, date: p.date, item: found.get(p.id)! }) as TimelineEntry);
}

export async function timeline(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) =>
    timelineIn(tx, ctx, await readable(tx, auth, caseFileId), caseFileId, query),
  );
}

/** A page of the timeline of a file the viewer may read (`readable`), its read audited. */
export async function timelineIn(
  tx: Tx,
  ctx: RequestContext,
  file: FileAbilities,
  caseFileId: string,
  query: Omit<TimelineQuery, 'limit'> & { limit: number },
): Promise<TimelinePage> {
  await auditRead(tx, ctx, caseFileId);
  return timelinePage(tx, ctx, file, caseFileId, query);
}

/** A page of the timeline of a file the viewer may read, for a caller that audits the read. */
export async function timelinePage(
  tx: Tx,
  ctx: RequestContext,
  file: FileAbilities,
  caseFileId: string,
  query: Omit<TimelineQuery, 'limit'> & { limit: number },
): Promise<TimelinePage> {
  const kinds = query.kinds && query.kinds.length > 0 ? query.kinds : CONTENT_KINDS;
  const rows = await pageOf(
    tx,
    ctx.auth.entity.id,
    caseFileId,
    { ...query, kinds },
    decodeKeyCursor(query.cursor),
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? page[page.length - 1] : undefined;
  return {
    items: await entriesOf(tx, ctx, file, caseFileId, page),
    nextCursor: last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

/** The entries of one kind, most recent first (`/demands`, `/problems`…, `/plans`). */
export async function listOf<K extends ContentKind>(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  kind: K,
  page: { limit: number; cursor?: string | undefined },
) {
  const answer = await timeline(deps, ctx, caseFileId, { ...page, kinds: [kind] });
  return {
    items: answer.items.map((entry) => entry.item) as Extract<TimelineEntry, { kind: K }>['item'][],
    nextCursor: answer.nextCursor,
  };
}
