import { sql } from 'drizzle-orm';
import type {
  HelpRequest,
  HelpRequestDelete,
  HelpRequestEdit,
  HelpRequestEntryResult,
  HelpRequestForm,
  HelpRequestImportResult,
  HelpRequestItem,
  HelpRequestLink,
  HelpRequestListQuery,
  HelpRequestPage,
} from '@caliu/common';
import type { Tx } from '../../../db/connect';
import { writeAudit, writeAuditPerRecord } from '../../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../../platform/context';
import { AppError, conflict, fieldError, notFound } from '../../../platform/errors';
import { decodeKeyCursor, encodeCursor } from '../../../platform/pagination';
import { submitHelpRequest } from '../submissions';
import * as repo from './repository';

/**
 * The operators' help requests (issue 22 item 5, docs/decisions/0012; `help_requests.manage`):
 * the import of every pending submission, the table, a request's page with the person records it
 * may be (the operator sees their basic data for this only), its verification by editing, the
 * link to a person, and its deletion with a reason (its personal data erased later: retention.ts).
 */

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d == null ? null : iso(d));

/**
 * "Import requests": every pending submission becomes a help request, in one transaction; those
 * whose municipality was removed cannot, and are counted (the console says so).
 */
export async function importRequests(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<HelpRequestImportResult> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const ids = await repo.importPending(tx, entityId, ctx.auth.professionalId, deps.clock.now());
    await writeAuditPerRecord(
      tx,
      actorOf(ctx),
      { action: 'help_request.import', recordType: 'help_request' },
      ids,
      sql`SELECT NULL::uuid AS record_id, NULL::uuid AS person_id WHERE false`,
    );
    const municipalityRemoved = await repo.countUnimportable(tx, entityId);
    return { imported: ids.length, skipped: { municipalityRemoved } };
  });
}

function itemOf(row: repo.ListRow | repo.RequestRow, suggestedPersons: number): HelpRequestItem {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    name: row.name,
    municipality: { id: row.municipality_id, name: row.municipality_name },
    helpType: row.help_type as HelpRequestItem['helpType'],
    urgency: row.urgency,
    neededOn: row.needed_on,
    neededPart: row.needed_part as HelpRequestItem['neededPart'],
    submittedAt: iso(row.submitted_at),
    importedAt: iso(row.imported_at),
    personId: row.person_id,
    suggestedPersons,
    enteredByStaff: row.entered_by !== null,
  };
}

/** A page of the operators' table, with its filters and sort. */
export async function list(
  deps: AppDeps,
  ctx: RequestContext,
  query: HelpRequestListQuery,
): Promise<HelpRequestPage> {
  const after = decodeKeyCursor(query.cursor);
  if (after && !/^[0-9a-c|:.T-]{1,60}$/.test(after.key)) {
    throw new AppError('common.invalid_cursor', 400);
  }
  const entityId = ctx.auth.entity.id;
  const { rows, suggested } = await deps.database.tenant(entityId, async (tx) => {
    const rows = await repo.listRequests(tx, entityId, query, after, deps.clock.now());
    // The table says which requests have person records to look at (a count: the records
    // themselves, their names, are read on the request's page, audited there).
    const suggested: number[] = [];
    for (const row of rows.slice(0, query.limit)) {
      suggested.push(
        suggestable(row) && !row.person_id ? (await suggestionsOf(tx, entityId, row)).length : 0,
      );
    }
    return { rows, suggested };
  });
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((row, i) => itemOf(row, suggested[i]!)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

/** Whether the system looks for person records like it: not erased, deleted or linked yet. */
const suggestable = (row: repo.ListRow | repo.RequestRow) =>
  row.erased_at === null && row.name !== null && row.status !== 'deleted';

const suggestionsOf = (tx: Tx, entityId: string, row: repo.ListRow | repo.RequestRow) =>
  repo.suggestedPersons(tx, entityId, { name: row.name!, phone: row.phone, email: row.email });

async function present(tx: Tx, entityId: string, row: repo.RequestRow): Promise<HelpRequest> {
  const suggestions = suggestable(row) ? await suggestionsOf(tx, entityId, row) : [];
  return {
    ...itemOf(row, row.person_id ? 0 : suggestions.length),
    phone: row.phone,
    email: row.email,
    address: row.address,
    description: row.description,
    language: row.language as HelpRequest['language'],
    consentAt: iso(row.consent_at),
    updatedAt: iso(row.updated_at),
    enteredBy: row.entered_by_name,
    importedBy: row.imported_by_name,
    person: row.person_id && row.person_name ? { id: row.person_id, name: row.person_name } : null,
    deletedAt: isoOrNull(row.deleted_at),
    deletedBy: row.deleted_by_name,
    deleteReason: row.delete_reason,
    erasedAt: isoOrNull(row.erased_at),
    suggestions: suggestions.map((s) => ({
      id: s.id,
      name: s.name,
      birthDate: s.birth_date,
      municipality: s.municipality,
      samePhone: s.same_phone,
      sameEmail: s.same_email,
    })),
  };
}

async function found(tx: Tx, entityId: string, id: string, lock = false) {
  const row = await repo.findRequest(tx, entityId, id, lock);
  if (!row) throw notFound('help_request');
  return row;
}

/**
 * The persons whose data a request's page shows: its linked person, and each suggested person
 * record (their basic data is read to be shown) — the audit row's subjects, for their access
 * reports.
 */
function subjectsShown(shown: HelpRequest, ...others: (string | null)[]): string[] {
  const ids = [shown.person?.id ?? null, ...others, ...shown.suggestions.map((s) => s.id)];
  return [...new Set(ids.filter((p): p is string => Boolean(p)))];
}

/** A request's page (an audited read), with the suggested person records. */
export async function read(deps: AppDeps, ctx: RequestContext, id: string): Promise<HelpRequest> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const row = await found(tx, entityId, id);
    const shown = await present(tx, entityId, row);
    await writeAudit(tx, actorOf(ctx), {
      action: 'help_request.read',
      recordType: 'help_request',
      recordId: id,
      details: { suggestions: shown.suggestions.length },
      subjects: subjectsShown(shown, row.person_id),
    });
    return shown;
  });
}

/** A deleted request is out of the working lists: it cannot be changed any more. */
function notDeleted(row: repo.RequestRow) {
  if (row.status === 'deleted') throw conflict('help_requests.deleted');
}

/** The operator verifies a request by editing it. */
export async function update(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  edit: HelpRequestEdit,
): Promise<HelpRequest> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const row = await found(tx, entityId, id, true);
    notDeleted(row);
    if (!(await repo.municipalityExists(tx, entityId, edit.municipalityId))) {
      throw fieldError(ctx, 400, 'help_requests.municipality_not_found', 'municipalityId');
    }
    await repo.updateRequest(tx, entityId, id, edit, deps.clock.now());
    const changed = changedFields(row, edit);
    // The answer is the request's page again, its suggestions read afresh.
    const shown = await present(tx, entityId, await found(tx, entityId, id));
    await writeAudit(tx, actorOf(ctx), {
      action: 'help_request.update',
      recordType: 'help_request',
      recordId: id,
      details: { fields: changed },
      subjects: subjectsShown(shown, row.person_id),
    });
    return shown;
  });
}

/** Which fields an edit changed (their names only: the audit holds no content). */
function changedFields(row: repo.RequestRow, edit: HelpRequestEdit): string[] {
  const dated = edit.when === 'date';
  const now: Record<string, unknown> = {
    name: row.name,
    phone: row.phone ?? '',
    email: row.email ?? '',
    address: row.address,
    municipalityId: row.municipality_id,
    helpType: row.help_type,
    neededOn: row.needed_on,
    neededPart: row.needed_part,
    urgency: row.urgency,
    description: row.description,
    language: row.language,
  };
  const next: Record<string, unknown> = {
    ...edit,
    neededOn: dated ? (edit.neededOn ?? null) : null,
    neededPart: dated ? (edit.neededPart ?? null) : null,
  };
  return Object.keys(now).filter((k) => now[k] !== next[k]);
}

/** Links the request to a person record of the entity, or unlinks it. */
export async function link(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: HelpRequestLink,
): Promise<HelpRequest> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const row = await found(tx, entityId, id, true);
    notDeleted(row);
    if (body.personId && !(await repo.personExists(tx, entityId, body.personId))) {
      throw fieldError(ctx, 400, 'help_requests.person_not_found', 'personId');
    }
    await repo.linkPerson(tx, entityId, id, body.personId, deps.clock.now());
    const shown = await present(tx, entityId, await found(tx, entityId, id));
    await writeAudit(tx, actorOf(ctx), {
      action: body.personId ? 'help_request.link_person' : 'help_request.unlink_person',
      recordType: 'help_request',
      recordId: id,
      details: body.personId ? { personId: body.personId } : { personId: row.person_id },
      subjects: subjectsShown(shown, row.person_id, body.personId),
    });
    return shown;
  });
}

/** Deletes a request with a reason: out of the working lists; its data erased after retention. */
export async function remove(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: HelpRequestDelete,
): Promise<HelpRequest> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const row = await found(tx, entityId, id, true);
    notDeleted(row);
    await repo.markDeleted(
      tx,
      entityId,
      id,
      ctx.auth.professionalId,
      body.reason,
      deps.clock.now(),
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'help_request.delete',
      recordType: 'help_request',
      recordId: id,
      ...(row.person_id ? { subjects: [row.person_id] } : {}),
    });
    return present(tx, entityId, await found(tx, entityId, id));
  });
}

/**
 * A request a professional typed after a phone call: the same form, stored as a submission marked
 * as entered by them (imported with the others by "Import requests").
 */
export async function enter(
  deps: AppDeps,
  ctx: RequestContext,
  form: HelpRequestForm,
): Promise<HelpRequestEntryResult> {
  const entityId = ctx.auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    if (!(await repo.municipalityExists(tx, entityId, form.municipalityId))) {
      throw fieldError(ctx, 400, 'help_requests.municipality_not_found', 'municipalityId');
    }
    const submitted = await submitHelpRequest(deps, tx, {
      entityId,
      form,
      language: form.language,
      enteredBy: ctx.auth.professionalId,
      now: deps.clock.now(),
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'help_request.enter',
      recordType: 'help_request_submission',
      recordId: submitted.id,
    });
    return { id: submitted.id, reference: submitted.reference };
  });
}
