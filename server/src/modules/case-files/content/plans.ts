import type { CreatePlan, Plan, UpdatePlan } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../../db/connect';
import type { RequestContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import { todayIn } from '../../persons/rules';
import { type Deps, lockFor } from '../service';
import { assertEditable, auditChange } from './guard';
import { assertNotFuture } from './rules';

/**
 * Intervention plans: objectives agreed with the person, the actions (who does what by when)
 * and the review dates. Started and edited by the roles with `plans.edit` on the file (its
 * technicians, its team's coordinators); read like the rest of the content.
 */

export type PlanRow = {
  id: string;
  case_file_id: string;
  started_on: string;
  objectives: string;
  signed_by_person: boolean;
  state: 'active' | 'closed';
  author_id: string | null;
  author_name: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  actions:
    { description: string; responsible: string; dueOn: string | null; done: boolean }[] | null;
  reviews: { dueOn: string; heldOn: string | null; notes: string }[] | null;
};

const PLAN_SELECT = sql`SELECT p.id, p.case_file_id, p.started_on::text AS started_on, p.objectives,
    p.signed_by_person, p.state, p.author_id, au.given_name || ' ' || au.surnames AS author_name,
    p.version, p.created_at, p.updated_at,
    (SELECT json_agg(json_build_object('description', a.description, 'responsible', a.responsible,
          'dueOn', a.due_on::text, 'done', a.done) ORDER BY a.position)
      FROM plan_actions a WHERE a.entity_id = p.entity_id AND a.plan_id = p.id) AS actions,
    (SELECT json_agg(json_build_object('dueOn', r.due_on::text, 'heldOn', r.held_on::text,
          'notes', r.notes) ORDER BY r.due_on, r.position)
      FROM plan_reviews r WHERE r.entity_id = p.entity_id AND r.plan_id = p.id) AS reviews
  FROM intervention_plans p
  LEFT JOIN professionals au ON au.entity_id = p.entity_id AND au.id = p.author_id`;

export async function plansByIds(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return rowsOf<PlanRow>(
    tx,
    sql`${PLAN_SELECT}
      WHERE p.entity_id = ${entityId} AND p.case_file_id = ${caseFileId}
        AND p.id IN (${uuidList(ids)})`,
  );
}

export function presentPlan(row: PlanRow, canEdit: boolean): Plan {
  const reviews = row.reviews ?? [];
  return {
    id: row.id,
    caseFileId: row.case_file_id,
    startedOn: row.started_on,
    objectives: row.objectives,
    actions: row.actions ?? [],
    reviews,
    nextReviewOn: reviews.find((r) => r.heldOn === null)?.dueOn ?? null,
    signedByPerson: row.signed_by_person,
    state: row.state,
    author: row.author_id && row.author_name ? { id: row.author_id, name: row.author_name } : null,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    can: { edit: canEdit },
  };
}

/** The lists given replace the stored ones, each in one statement. */
async function replaceLists(tx: Tx, entityId: string, planId: string, input: UpdatePlan) {
  if (input.actions) {
    await tx.execute(
      sql`DELETE FROM plan_actions WHERE entity_id = ${entityId} AND plan_id = ${planId}`,
    );
    if (input.actions.length > 0) {
      await tx.execute(sql`INSERT INTO plan_actions
          (entity_id, plan_id, position, description, responsible, due_on, done)
        VALUES ${sql.join(
          input.actions.map(
            (a, position) => sql`(${entityId}, ${planId}, ${position}, ${a.description},
              ${a.responsible}, ${a.dueOn ?? null}::date, ${a.done ?? false})`,
          ),
          sql`, `,
        )}`);
    }
  }
  if (input.reviews) {
    await tx.execute(
      sql`DELETE FROM plan_reviews WHERE entity_id = ${entityId} AND plan_id = ${planId}`,
    );
    if (input.reviews.length > 0) {
      await tx.execute(sql`INSERT INTO plan_reviews (entity_id, plan_id, position, due_on, held_on, notes)
        VALUES ${sql.join(
          input.reviews.map(
            (r, position) => sql`(${entityId}, ${planId}, ${position}, ${r.dueOn}::date,
              ${r.heldOn ?? null}::date, ${r.notes ?? ''})`,
          ),
          sql`, `,
        )}`);
    }
  }
}

/** Starts a plan (`id` null) or changes one; the lists given replace the stored ones. */
export async function save(
  deps: Deps,
  ctx: RequestContext,
  caseFileId: string,
  id: string | null,
  input: CreatePlan | UpdatePlan,
): Promise<Plan> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return deps.database.tenant(entityId, async (tx) => {
    const file = await lockFor(tx, auth, caseFileId, 'can_edit_plans');
    let planId = id;
    const [stored] = id
      ? await rowsOf<{ author_id: string | null; version: number }>(
          tx,
          sql`SELECT author_id, version FROM intervention_plans
            WHERE entity_id = ${entityId} AND case_file_id = ${caseFileId} AND id = ${id}
            FOR UPDATE`,
        )
      : [];
    if (id && !stored) throw notFound('plan');
    assertEditable(auth, file, stored ?? null, (input as UpdatePlan).version, 'plans.edit');
    assertNotFuture(ctx, input.startedOn, today, 'startedOn');
    (input.reviews ?? []).forEach((r, i) =>
      assertNotFuture(ctx, r.heldOn, today, `reviews.${i}.heldOn`),
    );
    if (!planId) {
      const [row] = await rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO intervention_plans
            (entity_id, case_file_id, started_on, objectives, signed_by_person, state, author_id)
          VALUES (${entityId}, ${caseFileId}, ${input.startedOn!}, ${input.objectives!},
            ${input.signedByPerson ?? false}, ${input.state ?? 'active'}, ${auth.professionalId})
          RETURNING id`,
      );
      planId = row!.id;
    } else {
      await tx.execute(sql`UPDATE intervention_plans SET
          started_on = coalesce(${input.startedOn ?? null}::date, started_on),
          objectives = coalesce(${input.objectives ?? null}::text, objectives),
          signed_by_person = coalesce(${input.signedByPerson ?? null}::boolean, signed_by_person),
          state = coalesce(${input.state ?? null}::text, state),
          version = version + 1, updated_at = now()
        WHERE entity_id = ${entityId} AND id = ${planId}`);
    }
    await replaceLists(tx, entityId, planId, input);
    await auditChange(tx, ctx, caseFileId, { kind: 'plan', id: planId }, id ? 'update' : 'create');
    const [row] = await plansByIds(tx, entityId, caseFileId, [planId]);
    return presentPlan(row!, true);
  });
}
