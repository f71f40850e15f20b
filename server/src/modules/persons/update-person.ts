import { normalizeDocument, type Person, type UpdatePerson } from '@caliu/common';
import { assertReassignment } from '../../platform/access/reassignment';
import { noticeAssignments } from '../caseload/notices';
import { writeAudit } from '../../platform/audit';
import { actorOf, type RequestContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as repo from './repository';
import { assertDates, clean, conflictOnDuplicateDocument, todayIn } from './rules';
import {
  assertNotMerged,
  assertRefs,
  type Deps,
  loadPerson,
  PERSON_REASSIGNMENT_REFUSALS,
  personViewer,
} from './service';

type Stored = NonNullable<Awaited<ReturnType<typeof repo.lockPerson>>>;

/** The stored value each field of the request becomes ('' and null clear optional text). */
function requested(input: UpdatePerson): repo.PersonChanges {
  const out: repo.PersonChanges = {};
  const text = ['secondSurname', 'mobilePhone', 'otherPhone', 'email', 'address', 'postalCode'];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'version' || key === 'teamId') continue;
    if (text.includes(key)) (out as Record<string, unknown>)[key] = clean(value as string | null);
    else (out as Record<string, unknown>)[key] = value;
  }
  if (input.documentType !== undefined) {
    out.documentNumber = input.documentType ? normalizeDocument(input.documentNumber ?? '') : null;
  }
  return out;
}

/** Only what differs from the stored record. */
function differences(stored: Stored, wanted: repo.PersonChanges): repo.PersonChanges {
  const out: repo.PersonChanges = {};
  for (const [key, value] of Object.entries(wanted)) {
    if ((stored as Record<string, unknown>)[key] !== value) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/**
 * Edits a person's basic data. The referent and the team change only by a coordinator of the
 * person's team (platform/access/reassignment.ts): for them a change of municipality or sector
 * also moves the person to the team serving the new place; anyone else's leaves the team as it is
 * (a transfer is that coordinator's decision). Changes of referent, municipality and team are kept
 * in the person's history and the audit log, in the same transaction.
 */
export async function update(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: UpdatePerson,
): Promise<Person> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return deps.database.tenant(entityId, async (tx) => {
    const stored = await repo.lockPerson(tx, entityId, id, personViewer(auth));
    if (!stored) throw notFound('person');
    assertNotMerged(stored.mergedIntoId);
    if (input.version !== undefined && input.version !== stored.version) {
      throw new AppError('persons.stale', 409);
    }
    const changes = differences(stored, requested(input));
    const next = { ...stored, ...changes };
    const placeChanged = 'municipalityId' in changes || 'sectorId' in changes;
    if (placeChanged && !('sectorId' in input) && next.sectorId !== null) {
      // The old sector may not cover the new municipality: the place is then the whole municipality.
      const fits = await repo.checkRefs(tx, entityId, { ...next, teamId: null, referentId: null });
      if (!fits.sector_covers) changes.sectorId = next.sectorId = null;
    }
    let teamId = stored.teamId;
    const teamChanged = input.teamId !== undefined && input.teamId !== stored.teamId;
    const referentChanged = 'referentId' in changes;
    const may =
      (teamChanged || referentChanged || placeChanged) &&
      (await repo.mayReassignIn(tx, personViewer(auth), stored.teamId));
    assertReassignment(auth, PERSON_REASSIGNMENT_REFUSALS, {
      creating: false,
      referentId: referentChanged ? next.referentId : undefined,
      teamChanged,
      mayReassign: may,
    });
    if (teamChanged) {
      teamId = input.teamId ?? null;
    } else if (placeChanged && may) {
      teamId = (await repo.defaultTeam(tx, entityId, next.municipalityId, next.sectorId)) ?? teamId;
    }
    if (teamId !== stored.teamId) changes.teamId = teamId;
    await assertRefs(tx, entityId, {
      municipalityId: next.municipalityId,
      sectorId: next.sectorId,
      teamId: 'teamId' in changes ? teamId : null,
      referentId: 'referentId' in changes ? next.referentId : null,
    });
    assertDates(next.birthDate, next.deceasedOn, today);
    if (next.consentSms && !next.mobilePhone) {
      throw new AppError('persons.consent_sms_needs_mobile', 400);
    }
    if (next.consentEmail && !next.email) {
      throw new AppError('persons.consent_email_needs_email', 400);
    }
    if (
      changes.documentNumber &&
      (await repo.documentHolder(tx, entityId, changes.documentNumber, id))
    ) {
      throw new AppError('persons.duplicate_document', 409);
    }
    const fields = Object.keys(changes);
    if (fields.length > 0) {
      await conflictOnDuplicateDocument(() => repo.updatePerson(tx, entityId, id, changes));
      await repo.insertHistory(tx, entityId, id, auth.professionalId, [
        ...('referentId' in changes
          ? [{ field: 'referent' as const, oldId: stored.referentId, newId: next.referentId }]
          : []),
        ...('municipalityId' in changes
          ? [
              {
                field: 'municipality' as const,
                oldId: stored.municipalityId,
                newId: next.municipalityId,
              },
            ]
          : []),
        ...('teamId' in changes
          ? [{ field: 'team' as const, oldId: stored.teamId, newId: teamId }]
          : []),
      ]);
      // Which fields changed, never their values; who attends the person, before and after.
      await writeAudit(tx, actorOf(ctx), {
        action: 'person.update',
        recordType: 'person',
        recordId: id,
        details: {
          fields,
          ...(referentChanged
            ? { referent: { from: stored.referentId, to: next.referentId ?? null } }
            : {}),
          ...('teamId' in changes ? { team: { from: stored.teamId, to: teamId } } : {}),
        },
      });
      if (referentChanged && next.referentId) {
        await noticeAssignments(tx, ctx, [
          { professionalId: next.referentId, recordType: 'person', recordId: id, role: 'referent' },
        ]);
      }
    }
    return loadPerson(tx, auth, id);
  });
}
