import {
  ALERT_KINDS,
  type AlertCounts,
  type AlertKind,
  type AlertPreference,
  type AlertRecordPage,
  formatCaseFileNumber,
  type RecentCaseFiles,
} from '@caliu/common';
import { viewerOf } from '../case-files/service';
import type { Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import {
  actorOf,
  type AppDeps,
  type AuthContext,
  type RequestContext,
} from '../../platform/context';
import { decodeKeyCursor, encodeCursor } from '../../platform/pagination';
import { catalogueLabel, presentSummary } from '../case-files/present';
import { todayIn } from '../persons/rules';
import * as repo from './repository';

type Deps = Pick<AppDeps, 'database' | 'clock'>;

/**
 * How long a professional's alert counts are served from memory: the issue allows counts a minute
 * old, and a home page opened again and again within that time costs one query, not one each.
 * Each API process keeps its own; a preference change clears the professional's entry.
 */
export const COUNTS_TTL_MS = 30_000;
const COUNTS_CACHE_MAX = 10_000;
const countsCache = new Map<string, { at: number; counts: AlertCounts }>();

// The covers held today are part of the key: a cover starting or ending changes the counts.
const cacheKey = (auth: AuthContext) =>
  `${auth.entity.id}:${auth.professionalId}:${[...auth.roles].sort().join(',')}:${auth.covers
    .map((c) => `${c.teamId}/${c.absentId}`)
    .sort()
    .join(',')}`;

/** `iso` (YYYY-MM-DD) moved back by months, the day kept or clamped to the month's last. */
function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function datesFor(deps: Deps, auth: AuthContext): repo.AlertDates {
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return { today, monthAgo: monthsBefore(today, 1), yearAgo: monthsBefore(today, 12) };
}

async function computeCounts(deps: Deps, tx: Tx, auth: AuthContext): Promise<AlertCounts> {
  const stored = await repo.preferences(tx, auth.entity.id, auth.professionalId);
  const off = new Set(stored.filter((p) => !p.enabled).map((p) => p.kind));
  const enabled = ALERT_KINDS.filter((kind) => !off.has(kind));
  const counts = await repo.alertCounts(
    tx,
    auth.entity.id,
    viewerOf(auth),
    enabled,
    datesFor(deps, auth),
  );
  return {
    items: ALERT_KINDS.map((code) => ({
      code,
      enabled: !off.has(code),
      count: off.has(code) ? null : (counts[code] ?? 0),
    })),
  };
}

function remember(key: string, at: number, counts: AlertCounts) {
  if (countsCache.size >= COUNTS_CACHE_MAX) {
    const oldest = countsCache.keys().next().value;
    if (oldest !== undefined) countsCache.delete(oldest);
  }
  countsCache.set(key, { at, counts });
}

/** Each kind of alert: its count among the records within the viewer's scope, and whether on. */
export async function counts(deps: Deps, ctx: RequestContext): Promise<AlertCounts> {
  const { auth } = ctx;
  const key = cacheKey(auth);
  const now = deps.clock.now().getTime();
  const cached = countsCache.get(key);
  if (cached && now - cached.at >= 0 && now - cached.at < COUNTS_TTL_MS) return cached.counts;
  const result = await deps.database.tenant(auth.entity.id, (tx) => computeCounts(deps, tx, auth));
  remember(key, now, result);
  return result;
}

/** Switches a kind on or off; answers the counts as they are now. */
export async function setPreference(
  deps: Deps,
  ctx: RequestContext,
  preference: AlertPreference,
): Promise<AlertCounts> {
  const { auth } = ctx;
  const result = await deps.database.tenant(auth.entity.id, async (tx) => {
    await repo.setPreference(
      tx,
      auth.entity.id,
      auth.professionalId,
      preference.kind,
      preference.enabled,
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'home.alert_preference',
      details: { kind: preference.kind, enabled: preference.enabled },
    });
    return computeCounts(deps, tx, auth);
  });
  remember(cacheKey(auth), deps.clock.now().getTime(), result);
  return result;
}

/** The records behind one kind of alert, a page at a time; each page read is audited. */
export async function records(
  deps: Deps,
  ctx: RequestContext,
  kind: AlertKind,
  page: { limit: number; cursor?: string | undefined },
): Promise<AlertRecordPage> {
  const { auth } = ctx;
  const after = decodeKeyCursor(page.cursor);
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const rows = await repo.alertRecords(
      tx,
      auth.entity.id,
      viewerOf(auth),
      kind,
      datesFor(deps, auth),
      after,
      page.limit + 1,
    );
    const shown = rows.slice(0, page.limit);
    await writeAudit(tx, actorOf(ctx), {
      action: 'home.alert_list',
      details: { kind, shown: shown.length, page: after ? 'next' : 'first' },
      subjects: shown.flatMap((row) => (row.person_id ? [row.person_id] : [])),
    });
    const last = shown.at(-1);
    return {
      items: shown.map((row) => ({
        id: row.row_id,
        caseFile:
          row.case_file_id && row.year !== null && row.seq !== null
            ? { id: row.case_file_id, number: formatCaseFileNumber(row.year, row.seq) }
            : null,
        person: row.person_id ? { id: row.person_id, name: row.person_name ?? '' } : null,
        date: row.date,
        type: row.type_code
          ? catalogueLabel('resource', row.type_code, row.type_labels, ctx.language)
          : null,
        municipalities:
          row.person_municipality !== null && row.case_file_municipality !== null
            ? { person: row.person_municipality, caseFile: row.case_file_municipality }
            : null,
      })),
      nextCursor:
        rows.length > page.limit && last ? encodeCursor(last.sort_key, last.row_id) : null,
    };
  });
}

/** The case files the professional opened last that they still see; the read is audited. */
export async function recentCaseFiles(
  deps: Deps,
  ctx: RequestContext,
  limit: number,
): Promise<RecentCaseFiles> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const rows = await repo.recentCaseFiles(tx, auth.entity.id, viewerOf(auth), limit);
    await writeAudit(tx, actorOf(ctx), {
      action: 'home.recent_case_files',
      details: { shown: rows.length },
      subjects: rows.flatMap((row) => (row.holder_id ? [row.holder_id] : [])),
    });
    return { items: rows.map(presentSummary) };
  });
}
