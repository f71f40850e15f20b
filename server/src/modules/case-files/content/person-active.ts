import {
  type CaseScope,
  formatCaseFileNumber,
  type Language,
  type PersonActive,
} from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../../db/connect';
import type { AuthContext } from '../../../platform/context';
import { caseFileScope } from '../access';
import { catalogueLabel } from '../present';
import { viewerOf } from '../service';

/**
 * What is active for a person, at a glance on their page: their open case files whose content
 * the user may read (the SIAD wall included), the problems still active and the resources
 * granted to them there, and the next pending review of an active plan. Part of the person's
 * page (persons/service.ts `view`), in its transaction: the page's one audit entry names the case
 * files read (`caseFileIds`).
 */
export async function personActive(
  tx: Tx,
  auth: AuthContext,
  language: Language,
  personId: string,
): Promise<{ active: PersonActive; caseFileIds: string[] }> {
  const entityId = auth.entity.id;
  const files = await rowsOf<{
    id: string;
    year: number;
    seq: number;
    scope: CaseScope;
    referent_id: string | null;
    referent_name: string | null;
  }>(
    tx,
    sql`SELECT cf.id, cf.year, cf.seq, cf.scope, cf.referent_id,
          r.given_name || ' ' || r.surnames AS referent_name
        FROM case_file_members m
        JOIN case_files cf ON cf.entity_id = m.entity_id AND cf.id = m.case_file_id
        LEFT JOIN professionals r ON r.entity_id = cf.entity_id AND r.id = cf.referent_id
        WHERE m.entity_id = ${entityId} AND m.person_id = ${personId} AND cf.state = 'open'
          AND ${caseFileScope(viewerOf(auth), 'content.view')}
        ORDER BY cf.year DESC, cf.seq DESC`,
  );
  if (files.length === 0) {
    return {
      active: { caseFiles: [], problems: [], resources: [], nextReview: null },
      caseFileIds: [],
    };
  }
  const numbers = new Map(files.map((f) => [f.id, formatCaseFileNumber(f.year, f.seq)]));
  const inFiles = uuidList(files.map((f) => f.id));
  type Typed = { id: string; case_file_id: string; type_id: string; code: string; labels: null };
  const problems = await rowsOf<Typed & { started_on: string }>(
    tx,
    sql`SELECT e.id, e.case_file_id, e.type_id, ci.code, ci.labels, e.started_on::text AS started_on
        FROM problems e JOIN catalogue_items ci ON ci.entity_id = e.entity_id AND ci.id = e.type_id
        WHERE e.entity_id = ${entityId} AND e.person_id = ${personId} AND e.active
          AND e.case_file_id IN (${inFiles})
        ORDER BY e.started_on DESC`,
  );
  const resources = await rowsOf<
    Typed & {
      starts_on: string | null;
      ends_on: string | null;
      amount: number | null;
      unit: 'euros' | 'hours_per_week' | null;
    }
  >(
    tx,
    sql`SELECT e.id, e.case_file_id, e.type_id, ci.code, ci.labels, e.starts_on::text AS starts_on,
          e.ends_on::text AS ends_on, e.amount::float8 AS amount, e.unit
        FROM resources e JOIN catalogue_items ci ON ci.entity_id = e.entity_id AND ci.id = e.type_id
        WHERE e.entity_id = ${entityId} AND e.person_id = ${personId} AND e.state = 'granted'
          AND e.case_file_id IN (${inFiles})
        ORDER BY e.starts_on DESC NULLS LAST`,
  );
  const [review] = await rowsOf<{ plan_id: string; case_file_id: string; due_on: string }>(
    tx,
    sql`SELECT p.id AS plan_id, p.case_file_id, r.due_on::text AS due_on
        FROM intervention_plans p
        JOIN plan_reviews r ON r.entity_id = p.entity_id AND r.plan_id = p.id AND r.held_on IS NULL
        WHERE p.entity_id = ${entityId} AND p.state = 'active' AND p.case_file_id IN (${inFiles})
        ORDER BY r.due_on LIMIT 1`,
  );
  const typed = (row: Typed, catalogue: 'problem' | 'resource') => ({
    id: row.id,
    caseFileId: row.case_file_id,
    caseFileNumber: numbers.get(row.case_file_id)!,
    type: { id: row.type_id, name: catalogueLabel(catalogue, row.code, row.labels, language) },
  });
  const active: PersonActive = {
    caseFiles: files.map((f) => ({
      id: f.id,
      number: numbers.get(f.id)!,
      scope: f.scope,
      referent:
        f.referent_id && f.referent_name ? { id: f.referent_id, name: f.referent_name } : null,
    })),
    problems: problems.map((p) => ({ ...typed(p, 'problem'), startedOn: p.started_on })),
    resources: resources.map((r) => ({
      ...typed(r, 'resource'),
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      amount: r.amount,
      unit: r.unit,
    })),
    nextReview: review
      ? {
          planId: review.plan_id,
          caseFileId: review.case_file_id,
          caseFileNumber: numbers.get(review.case_file_id)!,
          dueOn: review.due_on,
        }
      : null,
  };
  return { active, caseFileIds: files.map((f) => f.id) };
}
