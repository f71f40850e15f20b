import {
  type Catalogue,
  type CreateDemand,
  type CreateProblem,
  type CreateProcedure,
  type CreateResource,
  RESOURCE_TRANSITIONS,
  type ResourceState,
} from '@caliu/common';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/connect';
import type { RequestContext } from '../../../platform/context';
import { AppError, fieldError } from '../../../platform/errors';
import { translator } from '../../../platform/i18n';
import * as repo from '../repository';
import { assertNotFuture, assertOrder } from './rules';

/**
 * The kinds of content that concern one member of a case file — demands, problems, resources,
 * procedures — described once each: their table, catalogue, the date the timeline orders them
 * by, their own fields (API name → column) and their rules. entries.ts reads and writes any of
 * them the same way; what differs is here, in plain sight.
 */

export type EntryKind = 'demand' | 'problem' | 'resource' | 'procedure';

/** An entry's own fields, by API name (dates as `YYYY-MM-DD`, amounts as numbers). */
export type Values = Record<string, unknown>;

export type EntrySpec = {
  kind: EntryKind;
  table: string;
  catalogue: Catalogue;
  /** The timeline's date of a row of alias `e`. */
  date: SQL;
  /** Own fields: API name → column and how it is read back. */
  fields: Record<string, { column: string; read?: 'text' | 'float' }>;
  /**
   * The kind's rules on the entry as it will be (`next`: stored values with the change over
   * them), and what they complete: answers the values to write besides the input's.
   */
  check(ctx: RequestContext, next: Values, stored: Values | null, today: string): Values;
  /** What the API adds to an entry of this kind beyond its fields. */
  extra?(row: Values): Values;
  /** What the kind does besides, in the same transaction, once an entry is saved. */
  afterSave?(saved: {
    tx: Tx;
    ctx: RequestContext;
    caseFileId: string;
    row: Values & { id: string; personId: string };
    stored: Values | null;
    today: string;
  }): Promise<void>;
};

const demand: EntrySpec = {
  kind: 'demand',
  table: 'demands',
  catalogue: 'demand',
  date: sql`e.requested_on`,
  fields: {
    requestedOn: { column: 'requested_on', read: 'text' },
    description: { column: 'description' },
  },
  check(ctx, next, _stored, today) {
    assertNotFuture(ctx, next.requestedOn as string, today, 'requestedOn');
    return {};
  },
};

const problem: EntrySpec = {
  kind: 'problem',
  table: 'problems',
  catalogue: 'problem',
  date: sql`e.started_on`,
  fields: {
    startedOn: { column: 'started_on', read: 'text' },
    active: { column: 'active' },
    endedOn: { column: 'ended_on', read: 'text' },
    notes: { column: 'notes' },
  },
  check(ctx, next, stored, today) {
    assertNotFuture(ctx, next.startedOn as string, today, 'startedOn');
    assertNotFuture(ctx, next.endedOn as string | null, today, 'endedOn');
    assertOrder(ctx, next.startedOn as string, next.endedOn as string | null, 'endedOn');
    // An end date ends it; marking it active again clears the end date.
    if (next.active === true && next.endedOn) {
      if (stored?.active === false && stored.endedOn === next.endedOn) return { endedOn: null };
      throw fieldError(ctx, 400, 'case_files.problem_active_with_end', 'endedOn');
    }
    return next.active === undefined ? { active: true } : {};
  },
};

const resource: EntrySpec = {
  kind: 'resource',
  table: 'resources',
  catalogue: 'resource',
  date: sql`coalesce(e.starts_on, e.recorded_on)`,
  fields: {
    state: { column: 'state' },
    recordedOn: { column: 'recorded_on', read: 'text' },
    startsOn: { column: 'starts_on', read: 'text' },
    endsOn: { column: 'ends_on', read: 'text' },
    amount: { column: 'amount', read: 'float' },
    unit: { column: 'unit' },
    notes: { column: 'notes' },
  },
  check(ctx, next, stored, today) {
    const from = (stored?.state as ResourceState | undefined) ?? null;
    const to = (next.state as ResourceState | undefined) ?? 'pre_assigned';
    const completed: Values = { state: to, ...(stored ? {} : { recordedOn: today }) };
    if (from === null ? to !== 'pre_assigned' && to !== 'granted' : from !== to) {
      if (from === null || !RESOURCE_TRANSITIONS[from].includes(to)) {
        const t = translator(ctx.language);
        throw new AppError('case_files.resource_transition', 409, {
          from: t(`resource_states.${from ?? 'new'}`),
          to: t(`resource_states.${to}`),
        });
      }
    }
    // Granting starts it today unless a date was given; ending ends it today.
    if ((to === 'granted' || to === 'ended') && !next.startsOn) completed.startsOn = today;
    if (to === 'ended' && !next.endsOn) completed.endsOn = today;
    const startsOn = (completed.startsOn ?? next.startsOn) as string | null;
    const endsOn = (completed.endsOn ?? next.endsOn) as string | null;
    assertOrder(ctx, startsOn, endsOn, 'endsOn');
    if (((next.amount ?? null) === null) !== ((next.unit ?? null) === null)) {
      throw fieldError(ctx, 400, 'case_files.amount_needs_unit', next.amount ? 'unit' : 'amount');
    }
    return completed;
  },
  extra: (row) => ({ nextStates: RESOURCE_TRANSITIONS[row.state as ResourceState] }),
  // Granting records an intervention by itself, pointing at the resource.
  async afterSave({ tx, ctx, caseFileId, row, stored, today }) {
    if (row.state !== 'granted' || stored?.state === 'granted') return;
    await repo.insertIntervention(
      tx,
      {
        entityId: ctx.auth.entity.id,
        caseFileId,
        event: 'resource_granted',
        resourceId: row.id,
        occurredOn: today,
        authorId: ctx.auth.professionalId,
      },
      [ctx.auth.professionalId],
      [row.personId],
    );
  },
};

const procedure: EntrySpec = {
  kind: 'procedure',
  table: 'procedures',
  catalogue: 'procedure',
  date: sql`coalesce(e.filed_on, e.recorded_on)`,
  fields: {
    recordedOn: { column: 'recorded_on', read: 'text' },
    administration: { column: 'administration' },
    reference: { column: 'reference' },
    status: { column: 'status' },
    filedOn: { column: 'filed_on', read: 'text' },
    answeredOn: { column: 'answered_on', read: 'text' },
    notes: { column: 'notes' },
  },
  check(ctx, next, stored, today) {
    assertNotFuture(ctx, next.filedOn as string | null, today, 'filedOn');
    assertNotFuture(ctx, next.answeredOn as string | null, today, 'answeredOn');
    assertOrder(ctx, next.filedOn as string | null, next.answeredOn as string | null, 'answeredOn');
    return stored ? {} : { recordedOn: today };
  },
};

export const ENTRY_KINDS: Record<EntryKind, EntrySpec> = { demand, problem, resource, procedure };

/** The input of any kind's creation: the fields all share, and the kind's own. */
export type CreateEntry = CreateDemand | CreateProblem | CreateResource | CreateProcedure;
