import { formatCaseFileNumber } from '@caliu/common';
import { writeAudit } from '../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../platform/context';
import { withRefusals } from '../platform/db-errors';
import { AppError, notFound } from '../platform/errors';
import { membershipsOf } from '../modules/case-files/repository';
import { viewerOf as caseFileViewer } from '../modules/case-files/service';
import * as persons from '../modules/persons/repository';
import { personViewer } from '../modules/persons/service';
import * as agenda from '../modules/agenda/repository';
import * as attachments from '../modules/attachments/removal-repository';
import { auditDeletions } from '../modules/attachments/trace';

export type DeletePersonProps = { personId: string };

/**
 * A coordinator deletes a person record of their teams, in one transaction: the record locked
 * first (a case file linking the person meanwhile waits, then finds it gone), refused while the
 * person is a member of any case file — naming those the coordinator sees, or, when only case
 * files out of their sight hold the person (another team's, a SIAD file), saying only that
 * support must do it (the one hint DESIGN.md allows). Anything else pointing at the person keeps
 * it (foreign keys: a clear refusal, never half a deletion). Its attachments are deleted with it,
 * each audited.
 */
export async function deletePerson(
  deps: AppDeps,
  ctx: RequestContext,
  { personId: id }: DeletePersonProps,
): Promise<void> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  await deps.database.tenant(entityId, async (tx) => {
    if (!(await persons.lockDeletable(tx, entityId, id, personViewer(auth)))) {
      throw notFound('person');
    }
    const held = await membershipsOf(tx, entityId, id, caseFileViewer(auth));
    if (held.total > 0) {
      if (held.visible.length < held.total) throw new AppError('persons.held_elsewhere', 409);
      throw new AppError('persons.in_case_files', 409, {
        numbers: held.visible.map((n) => formatCaseFileNumber(n.year, n.seq)).join(', '),
      });
    }
    // Persons expect it at appointments to come: those are cancelled first (the persons told).
    const upcoming = await agenda.upcomingOfPerson(tx, id, deps.clock.now(), caseFileViewer(auth));
    // Some the coordinator cannot see (another team's agenda, behind the SIAD wall): support's.
    if (upcoming.seen < upcoming.total) throw new AppError('persons.held_elsewhere', 409);
    if (upcoming.total > 0) {
      throw new AppError('persons.has_appointments', 409, { count: upcoming.total });
    }
    const appointments = await agenda.removePersonFromAppointments(tx, id);
    // The record's attachments go with it, each with its audit trace (their foreign key does
    // not cascade: a path that forgot them would fail here, not lose them silently).
    const gone = await attachments.deleteOfPerson(tx, entityId, id);
    await auditDeletions(tx, actorOf(ctx), gone, 'person_deleted');
    const deleted = await withRefusals(
      () => persons.deleteInScope(tx, entityId, id, personViewer(auth)),
      { foreign_key: () => new AppError('persons.in_use', 409) },
    );
    if (!deleted) throw notFound('person');
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.delete',
      recordType: 'person',
      recordId: id,
      ...(gone.length || appointments
        ? { details: { attachments: gone.length, appointments } }
        : {}),
    });
  });
}
