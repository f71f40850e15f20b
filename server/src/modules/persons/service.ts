import {
  creatableScopes,
  type CreatePerson,
  normalizeDocument,
  type Person,
  type TeamForPlace,
  type TeamForPlaceQuery,
} from '@caliu/common';
import type { Database, Tx } from '../../db/connect';
import { assertReassignment } from '../../platform/access/reassignment';
import { noticeAssignments } from '../caseload/notices';
import { writeAudit } from '../../platform/audit';
import { actorOf, type AuthContext, type Clock, type RequestContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import * as repo from './repository';
import { ofPerson as caseFilesOf, viewerOf as caseFileViewer } from '../case-files/service';
import { personActive } from '../case-files/content/person-active';
import { presentHistory, presentPerson } from './present';
import { assertDates, clean, conflictOnDuplicateDocument, todayIn } from './rules';

export type Deps = { database: Database; clock: Clock };

/** What the viewer may do with a record, decided in SQL from the scopes of their grants. */
function abilities(auth: AuthContext, row: repo.PersonRow): Person['can'] {
  // A tombstone (merged into another record by support) changes no more: its page goes on to
  // the record it was merged into.
  if (row.merged_into_id) {
    return {
      edit: false,
      viewFullRecord: false,
      changeReferent: false,
      changeTeam: false,
      delete: false,
      reactivate: false,
      openCaseFile: false,
    };
  }
  const reassign = row.may_edit && row.may_reassign;
  return {
    edit: row.may_edit,
    viewFullRecord: row.full_record,
    changeReferent: reassign,
    changeTeam: reassign,
    delete: row.may_delete,
    reactivate: row.may_reactivate && row.status === 'deceased',
    openCaseFile:
      Boolean(auth.grants['case_files.create']) && creatableScopes(auth.roles).length > 0,
  };
}

/** The viewer as the person queries need them: their id and the scopes of their grants. */
export function personViewer(auth: AuthContext): repo.PersonViewer {
  return {
    id: auth.professionalId,
    fullRecordScope: auth.grants['case_files.view'],
    reassignScope: auth.grants['persons.change_referent'],
    editScope: auth.grants['persons.edit_basic'],
    deleteScope: auth.grants['persons.delete'],
    reactivateScope: auth.grants['persons.reactivate'],
    caseFiles: caseFileViewer(auth),
  };
}

/** How the reassignment rule (platform/access/reassignment.ts) refuses, for person records. */
export const PERSON_REASSIGNMENT_REFUSALS = {
  referentAtCreation: 'persons.referent_self_or_none',
  referentChange: 'persons.referent_change_coordinator_only',
  teamChange: 'persons.team_change_coordinator_only',
};

/** Refuses changing a tombstone: a record merged into another by support changes no more. */
export function assertNotMerged(mergedIntoId: string | null) {
  if (mergedIntoId) throw new AppError('persons.merged', 409);
}

/** The record as presented to this viewer (inside the caller's transaction). */
export async function loadPerson(tx: Tx, auth: AuthContext, id: string): Promise<Person> {
  const row = await repo.findPerson(tx, auth.entity.id, id, personViewer(auth));
  if (!row) throw notFound('person');
  return presentPerson(row, abilities(auth, row));
}

/** Basic data (identification, contact, housing): entity-wide for the roles that see persons. */
export async function get(deps: Deps, ctx: RequestContext, id: string) {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const person = await loadPerson(tx, auth, id);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.read_basic',
      recordType: 'person',
      recordId: id,
    });
    return person;
  });
}

/**
 * A person's page in one read, recorded once: the basic data and, when the viewer may see the
 * full record, the first page of its history (`person.read_full`); else `person.read_basic`.
 */
export async function view(deps: Deps, ctx: RequestContext, id: string, limit: number) {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const person = await loadPerson(tx, auth, id);
    const history = person.can.viewFullRecord
      ? await historyPage(tx, auth.entity.id, id, undefined, limit)
      : null;
    // Only the case files the viewer sees: nothing hints at the others (SIAD above all).
    const caseFiles = auth.grants['case_files.view'] ? await caseFilesOf(tx, auth, id) : [];
    // What is active for them, from the case files whose content the viewer reads.
    const content = auth.grants['content.view']
      ? await personActive(tx, auth, ctx.language, id)
      : null;
    await writeAudit(tx, actorOf(ctx), {
      action: history ? 'person.read_full' : 'person.read_basic',
      recordType: 'person',
      recordId: id,
      ...(content?.caseFileIds.length ? { details: { contentOf: content.caseFileIds } } : {}),
    });
    return { ...person, history, caseFiles, active: content?.active ?? null };
  });
}

/** The full record's history: the referent, the team's coordinators, entity-wide case-file viewers. */
export async function history(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    if (!(await repo.fullRecordVisible(tx, auth.entity.id, id, personViewer(auth)))) {
      throw notFound('person');
    }
    const result = await historyPage(tx, auth.entity.id, id, page.cursor, page.limit);
    // Every page read is recorded, a further one too: a cursor is no proof of an earlier read.
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.read_full',
      recordType: 'person',
      recordId: id,
    });
    return result;
  });
}

async function historyPage(
  tx: Tx,
  entityId: string,
  id: string,
  cursor: string | undefined,
  limit: number,
) {
  const rows = await repo.historyPage(tx, entityId, id, decodeCursor(cursor), limit + 1);
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1] : undefined;
  return {
    items: items.map(presentHistory),
    nextCursor: last ? encodeCursor(new Date(last.created_at), last.id) : null,
  };
}

/** The stored columns of a new record, cleaned. */
function newRow(input: CreatePerson) {
  return {
    givenName: input.givenName,
    firstSurname: input.firstSurname,
    secondSurname: clean(input.secondSurname),
    sex: input.sex ?? null,
    birthDate: input.birthDate ?? null,
    nationality: input.nationality ?? null,
    documentType: input.documentType ?? null,
    documentNumber: input.documentType ? normalizeDocument(input.documentNumber ?? '') : null,
    mobilePhone: clean(input.mobilePhone),
    otherPhone: clean(input.otherPhone),
    email: clean(input.email),
    preferredLanguage: input.preferredLanguage ?? null,
    consentSms: input.consentSms ?? false,
    consentEmail: input.consentEmail ?? false,
    address: clean(input.address),
    postalCode: clean(input.postalCode),
    municipalityId: input.municipalityId,
    sectorId: input.sectorId ?? null,
    housingType: input.housingType ?? null,
    housingTenure: input.housingTenure ?? null,
    referentId: input.referentId ?? null,
  };
}

/** Refuses references that are not the entity's (in words, naming the field). */
export async function assertRefs(tx: Tx, entityId: string, refs: repo.Refs) {
  const found = await repo.checkRefs(tx, entityId, refs);
  if (!found.municipality) throw new AppError('persons.municipality_not_found', 404);
  if (!found.sector) throw new AppError('persons.sector_not_found', 404);
  if (!found.sector_covers) throw new AppError('persons.sector_outside_municipality', 400);
  if (!found.team) throw new AppError('persons.team_not_found', 404);
  if (!found.referent) throw new AppError('persons.referent_not_found', 404);
}

/** Creates a person; the team is the one serving their place unless a coordinator chose one. */
export async function create(
  deps: Deps,
  ctx: RequestContext,
  input: CreatePerson,
): Promise<Person> {
  const { auth } = ctx;
  const row = newRow(input);
  assertDates(row.birthDate, null, todayIn(auth.entity.timeZone, deps.clock.now()));
  const entityId = auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const teamId = input.teamId ?? null;
    await assertRefs(tx, entityId, { ...row, teamId });
    const byDefault = await repo.defaultTeam(tx, entityId, row.municipalityId, row.sectorId);
    const viewer = personViewer(auth);
    // Another team than the place's: a coordinator of either (a new record takes nothing away).
    if (teamId && teamId !== byDefault) {
      const may =
        (await repo.mayReassignIn(tx, viewer, byDefault)) ||
        (await repo.mayReassignIn(tx, viewer, teamId));
      if (!may) throw new AppError('persons.team_change_coordinator_only', 403);
    }
    // The creator names themself or no one; someone else only where they may assign referents.
    const named = row.referentId !== null && row.referentId !== auth.professionalId;
    assertReassignment(auth, PERSON_REASSIGNMENT_REFUSALS, {
      creating: true,
      referentId: row.referentId,
      mayReassign: named && (await repo.mayReassignIn(tx, viewer, teamId ?? byDefault)),
    });
    if (row.documentNumber && (await repo.documentHolder(tx, entityId, row.documentNumber, null))) {
      throw new AppError('persons.duplicate_document', 409);
    }
    const id = await conflictOnDuplicateDocument(() =>
      repo.insertPerson(tx, {
        ...row,
        entityId,
        teamId: teamId ?? byDefault,
        createdBy: auth.professionalId,
      }),
    );
    await repo.insertHistory(tx, entityId, id, auth.professionalId, [
      { field: 'municipality', newId: row.municipalityId },
      ...((teamId ?? byDefault) ? [{ field: 'team' as const, newId: teamId ?? byDefault }] : []),
      ...(row.referentId ? [{ field: 'referent' as const, newId: row.referentId }] : []),
    ]);
    if (row.referentId) {
      await noticeAssignments(tx, ctx, [
        { professionalId: row.referentId, recordType: 'person', recordId: id, role: 'referent' },
      ]);
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.create',
      recordType: 'person',
      recordId: id,
    });
    return loadPerson(tx, auth, id);
  });
}

/** Marks a person deceased on a date; reminders to them stop (consents withdrawn). */
export async function markDeceased(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  deceasedOn: string,
): Promise<Person> {
  const { auth } = ctx;
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const current = await repo.lockPerson(tx, auth.entity.id, id, personViewer(auth));
    if (!current) throw notFound('person');
    assertNotMerged(current.mergedIntoId);
    if (current.status === 'deceased') throw new AppError('persons.already_deceased', 409);
    assertDates(current.birthDate, deceasedOn, today);
    await repo.updatePerson(tx, auth.entity.id, id, {
      status: 'deceased',
      deceasedOn,
      consentSms: false,
      consentEmail: false,
    });
    await repo.insertHistory(tx, auth.entity.id, id, auth.professionalId, [
      { field: 'status', detail: deceasedOn },
    ]);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.deceased',
      recordType: 'person',
      recordId: id,
    });
    return loadPerson(tx, auth, id);
  });
}

/**
 * A coordinator of the person's team reactivates a person recorded as deceased by mistake: the
 * status and date are cleared, the history says so, the change is audited. Consents to SMS and
 * email withdrawn at the death stay withdrawn: the person is asked again.
 */
export async function reactivate(deps: Deps, ctx: RequestContext, id: string): Promise<Person> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const current = await repo.lockForReactivation(tx, auth.entity.id, id, personViewer(auth));
    if (!current) throw notFound('person');
    assertNotMerged(current.merged_into_id);
    if (current.status !== 'deceased') throw new AppError('persons.not_deceased', 409);
    await repo.updatePerson(tx, auth.entity.id, id, { status: 'active', deceasedOn: null });
    await repo.insertHistory(tx, auth.entity.id, id, auth.professionalId, [
      { field: 'status', detail: null },
    ]);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.reactivate',
      recordType: 'person',
      recordId: id,
    });
    return loadPerson(tx, auth, id);
  });
}

/** The choices of the referent field in the person forms. */
/** The team a record in this place would get, as creating one would choose it. */
export async function teamForPlace(
  deps: Deps,
  { auth }: RequestContext,
  { municipalityId, sectorId }: TeamForPlaceQuery,
): Promise<TeamForPlace> {
  const entityId = auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const id = await repo.defaultTeam(tx, entityId, municipalityId, sectorId ?? null);
    return { team: id ? await repo.teamName(tx, entityId, id) : null };
  });
}

export async function referents(deps: Deps, { auth }: RequestContext) {
  const rows = await deps.database.tenant(auth.entity.id, (tx) =>
    repo.referentOptions(tx, auth.entity.id),
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, teamIds: r.team_ids ?? [] })) };
}
