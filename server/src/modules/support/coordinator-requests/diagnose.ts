import type { Diagnosis } from '@caliu/common';
import type { diagnoseContentSchema } from '@caliu/common';
import type { z } from 'zod';
import { writeAudit } from '../../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../../platform/context';
import { fieldError } from '../../../platform/errors';
import { caseFileScope } from '../../case-files/access';
import { viewerOf } from '../../case-files/service';
import * as repo from './repository';

/**
 * "I cannot add an intervention/demand/resource…" (issue 19): before any ticket, the form asks
 * why, and the answer is every reason the content routes would refuse it for, by the same rules
 * (case-files/content/rules.ts and guard.ts): the person must be a member of the case file and
 * live in its municipality (the municipality rule), the case file must be open, the person
 * alive, and the case file within the scope of the requester's `content.edit`. Each reason
 * carries the names its explanation needs. A case file or person the requester does not see is
 * "not found", as anywhere else. Audited as a read (it names a person and a case file).
 */
export async function diagnoseContent(
  deps: AppDeps,
  ctx: RequestContext,
  input: z.output<typeof diagnoseContentSchema>,
): Promise<Diagnosis> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const viewer = viewerOf(auth);
    const file = await repo.visibleCaseFile(
      tx,
      entityId,
      input.caseFileId,
      viewer,
      caseFileScope(viewer, 'content.edit'),
    );
    if (!file) throw fieldError(ctx, 404, 'coordinator_requests.not_found', 'caseFileId');
    const person = await repo.personForDiagnosis(
      tx,
      entityId,
      input.personId,
      file.id,
      auth.professionalId,
      auth.grants['persons.view_basic'],
    );
    if (!person) throw fieldError(ctx, 404, 'coordinator_requests.not_found', 'personId');

    const reasons: Diagnosis['reasons'] = [];
    const base = { person: person.name, number: file.number };
    if (!person.member) reasons.push({ code: 'not_member', params: base });
    if (!person.municipality_id) {
      reasons.push({ code: 'person_without_municipality', params: base });
    } else if (person.municipality_id !== file.municipality_id) {
      reasons.push({
        code: 'municipality_mismatch',
        params: {
          ...base,
          personMunicipality: person.municipality_name ?? '',
          caseFileMunicipality: file.municipality_name ?? '',
        },
      });
    }
    if (file.state !== 'open') reasons.push({ code: 'case_file_closed', params: base });
    if (person.status === 'deceased') reasons.push({ code: 'person_deceased', params: base });
    if (!file.can_add_content) reasons.push({ code: 'out_of_scope', params: base });

    await writeAudit(tx, actorOf(ctx), {
      action: 'support.diagnose_content',
      recordType: 'case_file',
      recordId: file.id,
      subjects: [person.id],
      details: { kind: input.kind, personId: person.id, reasons: reasons.map((r) => r.code) },
    });
    return { ok: reasons.length === 0, reasons };
  });
}
