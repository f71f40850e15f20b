import type { AuditEntry, AuditQuery } from '@caliu/common';
import type { Tx } from '../../db/connect';
import {
  actorOf,
  type AppDeps,
  type AuthContext,
  type RequestContext,
} from '../../platform/context';
import { writeAudit } from '../../platform/audit';
import * as repo from './repository';

/**
 * An audit entry as the administrator sees it. "From support" marks only the rows of someone
 * from another entity (the support agent, through its audited cross-entity path), never the
 * entity's own staff.
 */
function present(row: repo.AuditRow, entityId: string, recordName: string | null): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actorId
      ? {
          id: row.actorId,
          name: row.actorName,
          fromSupport: row.actorEntityId !== null && row.actorEntityId !== entityId,
        }
      : null,
    action: row.action,
    outcome: row.outcome,
    recordType: row.recordType,
    recordId: row.recordId,
    recordName,
    ticketId: row.ticketId,
    requestId: row.requestId,
    ip: row.ip,
    details: row.details,
  };
}

const NAMED_TYPES: readonly repo.NamedRecordType[] = [
  'person',
  'professional',
  'team',
  'sector',
  'municipality',
];

function isNamedType(type: string | null): type is repo.NamedRecordType {
  return (NAMED_TYPES as readonly (string | null)[]).includes(type);
}

/**
 * The names of the records a page of entries refers to, read now (audit rows stay as written):
 * one query per record type. The entity's own records are named; a person only within the
 * viewer's scope of persons' basic data. Answers a look-up that gives null where not named.
 */
async function namesOf(tx: Tx, auth: AuthContext, rows: repo.AuditRow[]) {
  const idsByType = new Map<repo.NamedRecordType, string[]>();
  for (const row of rows) {
    if (isNamedType(row.recordType) && row.recordId) {
      idsByType.set(row.recordType, [...(idsByType.get(row.recordType) ?? []), row.recordId]);
    }
  }
  const viewer = { id: auth.professionalId, scope: auth.grants['persons.view_basic'] };
  const named = new Map<string, Map<string, string>>();
  for (const [type, ids] of idsByType) {
    named.set(type, await repo.recordNames(tx, auth.entity.id, type, ids, viewer));
  }
  return (row: repo.AuditRow): string | null => {
    if (row.recordType === 'entity' && row.recordId === auth.entity.id) return auth.entity.name;
    if (!row.recordType || !row.recordId) return null;
    return named.get(row.recordType)?.get(row.recordId) ?? null;
  };
}

/**
 * The administrator's search. Reading the audit log is itself recorded — once per search, not
 * for each further page of it (a page with a cursor continues a search already recorded).
 */
export async function search(deps: AppDeps, ctx: RequestContext, query: AuditQuery) {
  const { auth } = ctx;
  const { limit, cursor, ...filters } = query;
  const { rows, names } = await deps.database.tenant(auth.entity.id, async (tx) => {
    if (!cursor) {
      await writeAudit(tx, actorOf(ctx), {
        action: 'audit.search',
        details: {
          filters: Object.keys(filters).filter((k) => filters[k as keyof typeof filters]),
        },
      });
    }
    const found = await repo.searchAudit(
      tx,
      filters,
      auth.entity.timeZone,
      limit + 1,
      cursor ? Number(cursor) : null,
    );
    return { rows: found, names: await namesOf(tx, auth, found.slice(0, limit)) };
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => present(row, auth.entity.id, names(row))),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}

export const CSV_MAX_ROWS = 50_000;
const CSV_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'from_support',
  'action',
  'outcome',
  'record_type',
  'record_id',
  'ticket_id',
  'request_id',
  'ip',
  'details',
] as const;

/** One CSV cell: quoted, and defused when a spreadsheet would read it as a formula. */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The same search as CSV (up to CSV_MAX_ROWS rows), in pages so memory stays flat. */
export async function* exportCsv(deps: AppDeps, ctx: RequestContext, query: AuditQuery) {
  const { auth } = ctx;
  const { limit: _limit, cursor: _cursor, ...filters } = query;
  await deps.database.tenant(auth.entity.id, (tx) =>
    writeAudit(tx, actorOf(ctx), { action: 'audit.export', details: { format: 'csv' } }),
  );
  yield '\uFEFF' + CSV_COLUMNS.join(',') + '\r\n';
  let before: number | null = null;
  let written = 0;
  while (written < CSV_MAX_ROWS) {
    const rows = await deps.database.tenant(auth.entity.id, (tx) =>
      repo.searchAudit(tx, filters, auth.entity.timeZone, 1000, before),
    );
    if (!rows.length) break;
    let chunk = '';
    for (const row of rows) {
      const e = present(row, auth.entity.id, null);
      chunk +=
        [
          e.id,
          e.at,
          e.actor?.id,
          e.actor?.name,
          e.actor ? String(e.actor.fromSupport) : '',
          e.action,
          e.outcome,
          e.recordType,
          e.recordId,
          e.ticketId,
          e.requestId,
          e.ip,
          e.details,
        ]
          .map(csvCell)
          .join(',') + '\r\n';
    }
    written += rows.length;
    before = rows[rows.length - 1]!.id;
    yield chunk;
    if (rows.length < 1000) break;
  }
}
