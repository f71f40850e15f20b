import { sql } from 'drizzle-orm';
import {
  formatCaseFileNumber,
  normalizeDocument,
  parseCaseFileNumber,
  type TicketCreate,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import type { RequestContext } from '../../platform/context';
import { AppError, type ErrorDetail } from '../../platform/errors';
import { visible as caseFileVisible } from '../case-files/access';
import { viewerOf as caseFileViewerOf } from '../case-files/service';
import { existingSectors, findEntity } from '../organization/repository';
import { existingTeams } from '../organization/team-repository';
import { personScope } from '../persons/repository';

/**
 * The checks of a new ticket that need the database (decision 0009): the schema has checked the
 * shape; these answer, as field errors at paths inside the body (`fields.email`), what only the
 * entity's data can say. They also compose the ticket's subject from the records found (names
 * and numbers), in the requester's language.
 */

type Problem = { field: string; code: string; params?: Record<string, string | number> };

/** What hangs from a case file, in the order the refusal lists it. */
export const ATTACHED_KINDS = [
  'interventions',
  'demands',
  'problems',
  'resources',
  'procedures',
  'plans',
  'attachments',
  'merged',
] as const;
export type AttachedCounts = Record<(typeof ATTACHED_KINDS)[number], number>;

/**
 * The SQL counting what hangs from the case file `cf` (a column each): what a professional
 * recorded. The interventions the system records at opening, closing and reopening (`event`) do
 * not count: every case file has one, and deleting it takes them along. A case file merged into it
 * counts: its number resolves through this one.
 */
export const attachedCountsSql = sql`
  (SELECT count(*) FROM interventions x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id
    AND x.event IS NULL)::int AS interventions,
  (SELECT count(*) FROM demands x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id)::int AS demands,
  (SELECT count(*) FROM problems x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id)::int AS problems,
  (SELECT count(*) FROM resources x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id)::int AS resources,
  (SELECT count(*) FROM procedures x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id)::int AS procedures,
  (SELECT count(*) FROM intervention_plans x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id)::int AS plans,
  (SELECT count(*) FROM attachments x WHERE x.entity_id = cf.entity_id AND x.case_file_id = cf.id
    AND x.state = 'ready')::int AS attachments,
  (SELECT count(*) FROM case_files x WHERE x.entity_id = cf.entity_id
    AND x.merged_into_id = cf.id)::int AS merged`;

export function countsOf(row: Record<string, unknown>): AttachedCounts {
  return Object.fromEntries(ATTACHED_KINDS.map((k) => [k, Number(row[k] ?? 0)])) as AttachedCounts;
}

/** "3 interventions, 1 resource": what is attached, in words. */
export function attachedInWords(ctx: { t: RequestContext['t'] }, counts: AttachedCounts): string {
  return ATTACHED_KINDS.filter((k) => counts[k] > 0)
    .map((k) => ctx.t(`support.attached.${k}`, { count: counts[k] }))
    .join(', ');
}

type CaseFileFound = { id: string; number: string; counts: AttachedCounts };

/** A case file by its typed number, if the requester sees it (their `case_files.view` scope). */
async function findCaseFile(
  tx: Tx,
  ctx: RequestContext,
  typed: string,
): Promise<CaseFileFound | 'invalid' | null> {
  const parsed = parseCaseFileNumber(typed);
  if (!parsed || parsed.year === null) return 'invalid';
  const [row] = await rowsOf<Record<string, unknown> & { id: string }>(
    tx,
    sql`SELECT cf.id, ${attachedCountsSql} FROM case_files cf
      WHERE cf.entity_id = ${ctx.auth.entity.id} AND cf.year = ${parsed.year}
        AND cf.seq = ${parsed.seq} AND ${caseFileVisible(caseFileViewerOf(ctx.auth))}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    number: formatCaseFileNumber(parsed.year, parsed.seq),
    counts: countsOf(row),
  };
}

const fullName = sql`trim(given_name || ' ' || surnames)`;

async function professionalOf(tx: Tx, entityId: string, id: string) {
  const [row] = await rowsOf<{ name: string; active: boolean }>(
    tx,
    sql`SELECT ${fullName} AS name, active FROM professionals
      WHERE entity_id = ${entityId} AND id = ${id}`,
  );
  return row ?? null;
}

/** Checks a ticket against the entity; answers the subject, or throws the field errors. */
export async function checkTicket(
  tx: Tx,
  ctx: RequestContext,
  input: TicketCreate,
): Promise<{ subject: string }> {
  const t = ctx.t;
  const entityId = ctx.auth.entity.id;
  const problems: Problem[] = [];
  let subject: string;
  switch (input.kind) {
    case 'new_professional': {
      const f = input.fields;
      const entity = (await findEntity(tx, entityId))!;
      const domain = f.email.split('@').pop()!.toLowerCase();
      if (!entity.emailDomains.includes(domain)) {
        problems.push({
          field: 'fields.email',
          code: 'support.email_domain',
          params: { domains: entity.emailDomains.join(', ') },
        });
      } else {
        const [taken] = await rowsOf<{ name: string }>(
          tx,
          sql`SELECT ${fullName} AS name FROM professionals
            WHERE entity_id = ${entityId} AND lower(email) = ${f.email.toLowerCase()}`,
        );
        if (taken)
          problems.push({
            field: 'fields.email',
            code: 'support.email_taken',
            params: { name: taken.name },
          });
      }
      if (!(await existingTeams(tx, [f.teamId])).length)
        problems.push({ field: 'fields.teamId', code: 'support.unknown_team' });
      if (!(await existingSectors(tx, [f.sectorId])).length)
        problems.push({ field: 'fields.sectorId', code: 'support.unknown_sector' });
      const [holder] = await rowsOf<{ name: string; active: boolean }>(
        tx,
        sql`SELECT ${fullName} AS name, active FROM professionals
          WHERE entity_id = ${entityId} AND document_type = ${f.documentType}
            AND document_number = ${normalizeDocument(f.documentNumber)}`,
      );
      if (holder)
        problems.push({
          field: 'fields.documentNumber',
          code: holder.active ? 'support.document_taken' : 'support.document_taken_inactive',
          params: { name: holder.name },
        });
      subject = t('support.subjects.new_professional', {
        name: `${f.givenName} ${f.surnames}`,
      });
      break;
    }
    case 'merge_persons': {
      const f = input.fields;
      const names: string[] = [];
      const scope = ctx.auth.grants['persons.view_basic'];
      for (const [i, id] of f.personIds.entries()) {
        const [row] = scope
          ? await rowsOf<{ name: string }>(
              tx,
              sql`SELECT trim(p.given_name || ' ' || p.first_surname || ' ' ||
                  coalesce(p.second_surname, '')) AS name
                FROM persons p WHERE p.entity_id = ${entityId} AND p.id = ${id}
                  AND coalesce(${personScope('persons.view_basic', scope, ctx.auth.professionalId)}, false)`,
            )
          : [];
        if (!row)
          problems.push({ field: `fields.personIds.${i}`, code: 'support.person_not_found' });
        else names.push(row.name);
      }
      subject = t('support.subjects.merge_persons', { names: names.join(' · ') });
      break;
    }
    case 'merge_case_files':
    case 'delete_case_files': {
      const numbers = input.fields.numbers;
      const found: CaseFileFound[] = [];
      for (const [i, typed] of numbers.entries()) {
        const field = `fields.numbers.${i}`;
        const cf = await findCaseFile(tx, ctx, typed);
        if (cf === 'invalid') problems.push({ field, code: 'support.case_file_number' });
        else if (!cf)
          problems.push({ field, code: 'support.case_file_not_found', params: { number: typed } });
        else {
          if (found.some((other) => other.id === cf.id))
            problems.push({
              field,
              code: 'support.case_file_twice',
              params: { number: cf.number },
            });
          found.push(cf);
          if (input.kind === 'delete_case_files') {
            const list = attachedInWords(ctx, cf.counts);
            if (list)
              problems.push({
                field,
                code: 'support.case_file_attached',
                params: { number: cf.number, list },
              });
          }
        }
      }
      subject = t(`support.subjects.${input.kind}`, {
        numbers: (found.length ? found.map((c) => c.number) : numbers).join(', '),
      });
      break;
    }
    case 'mass_transfer': {
      const f = input.fields;
      const names: string[] = [];
      for (const key of ['fromProfessionalId', 'toProfessionalId'] as const) {
        const row = await professionalOf(tx, entityId, f[key]);
        if (!row) problems.push({ field: `fields.${key}`, code: 'support.professional_not_found' });
        else if (!row.active)
          problems.push({
            field: `fields.${key}`,
            code: 'support.professional_inactive',
            params: { name: row.name },
          });
        names.push(row?.name ?? '?');
      }
      subject = t('support.subjects.mass_transfer', { from: names[0], to: names[1] });
      break;
    }
    case 'connection_error':
      subject = t('support.subjects.connection_error');
      break;
    case 'export_error':
      subject = t('support.subjects.export_error', { what: input.fields.what });
      break;
    case 'other':
      subject = input.fields.text.split('\n')[0]!.slice(0, 120);
      break;
  }
  if (problems.length) throw refusal(ctx, problems);
  return { subject: subject.slice(0, 300) };
}

function refusal(ctx: RequestContext, problems: Problem[]): AppError {
  const details: ErrorDetail[] = problems.map((p) => ({
    field: p.field,
    message: ctx.t(`errors.${p.code}`, p.params ?? {}),
  }));
  if (details.length === 1) {
    return new AppError(problems[0]!.code, 400, problems[0]!.params ?? {}, details);
  }
  const fields = [
    ...new Set(
      problems.map((p) => {
        const key = p.field
          .split('.')
          .reverse()
          .find((s) => !/^\d+$/.test(s))!;
        return ctx.t(`fields.${key}`, { defaultValue: key });
      }),
    ),
  ].join(', ');
  return new AppError('support.checks', 400, { fields }, details);
}
