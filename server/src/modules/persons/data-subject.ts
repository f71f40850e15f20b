import { type AccessReport, normalizeDocument, type PersonIdentification } from '@caliu/common';
import { writeAudit } from '../../platform/audit';
import { actorOf, type RequestContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import * as repo from './repository';
import * as subjectRepo from './data-subject-repository';
import { presentIdentification } from './present';
import { documentCandidates } from './search/parse';
import { searchPersons } from './search/service';
import type { Deps } from './service';

/**
 * The administrator's data-subject tools (GDPR art. 15). The administrator sees no person data
 * otherwise: here only identification, and every look-up is itself audited.
 */

const LOOKUP_LIMIT = 20;
/** A report longer than this keeps the most recent entries and says so. */
export const REPORT_LIMIT = 5000;

export async function lookup(
  deps: Deps,
  ctx: RequestContext,
  query: { document?: string | undefined; name?: string | undefined },
): Promise<{ items: PersonIdentification[] }> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    let items: PersonIdentification[];
    if (query.document !== undefined) {
      // Exact documents only (with or without the letter): no prefix browsing of identities.
      const rows = await subjectRepo.identificationsByDocument(
        tx,
        auth.entity.id,
        documentCandidates(normalizeDocument(query.document)),
      );
      items = rows.map(presentIdentification);
    } else {
      const found = await searchPersons(tx, auth.entity.id, query.name, {
        limit: LOOKUP_LIMIT,
        offset: 0,
      });
      items = found.page.map((p) => ({
        id: p.id,
        givenName: p.givenName,
        firstSurname: p.firstSurname,
        secondSurname: p.secondSurname,
        birthDate: p.birthDate,
        documentType: p.documentType,
        documentNumber: p.documentNumber,
        status: p.status,
      }));
    }
    // One row for each person found, tagged with them, so that the look-up shows in their access
    // report; a look-up that found no one is recorded once, untagged.
    const details = {
      by: query.document !== undefined ? 'document' : 'name',
      length: (query.document ?? query.name ?? '').length,
      results: items.length,
    };
    const found = items.length ? items.map((item) => item.id) : [null];
    for (const recordId of found) {
      await writeAudit(tx, actorOf(ctx), {
        action: 'person.lookup',
        ...(recordId ? { recordType: 'person', recordId } : {}),
        details,
      });
    }
    return { items };
  });
}

/** Who consulted or changed this person's data, and when: from the audit log. */
export async function accessReport(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
): Promise<AccessReport> {
  const { auth } = ctx;
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const person = await repo.findIdentification(tx, auth.entity.id, personId);
    if (!person) throw notFound('person');
    const rows = await subjectRepo.accessesTo(tx, auth.entity.id, personId, REPORT_LIMIT + 1);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.access_report',
      recordType: 'person',
      recordId: personId,
    });
    return {
      person: presentIdentification(person),
      generatedAt: deps.clock.now().toISOString(),
      entries: rows.slice(0, REPORT_LIMIT).map((r) => ({
        at: new Date(r.at).toISOString(),
        action: r.action,
        outcome: r.outcome,
        actor: r.actor_id
          ? {
              id: r.actor_id,
              name: r.actor_name,
              username: r.actor_username,
              fromSupport: r.actor_entity_id !== null && r.actor_entity_id !== auth.entity.id,
            }
          : null,
      })),
      truncated: rows.length > REPORT_LIMIT,
    };
  });
}
