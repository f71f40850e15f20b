import { createHash } from 'node:crypto';
import {
  OPERATION_LINE_ITEMS,
  type OperationAsk,
  type OperationBlocker,
  type OperationConflict,
  type OperationKind,
  type OperationLine,
  type TicketFieldsOf,
} from '@caliu/common';
import type { TFunction } from 'i18next';
import type { Tx } from '../../../db/connect';
import type { AuditActor } from '../../../platform/audit';
import type { AppDeps, RequestContext } from '../../../platform/context';

/**
 * What every operation run from a ticket shares (docs/decisions/0010): one function computes the
 * plan — what would change, or why it cannot — for the preview and again for the run, under the
 * run's row locks; the run applies it only when it is the plan the agent saw.
 */

/** Where a plan is computed: the ticket's entity, the agent's words for blockers, the locks. */
export type PlanContext = {
  deps: AppDeps;
  tx: Tx;
  entityId: string;
  /** The agent's language, for the blockers' messages. */
  t: TFunction;
  /** The run: every record read is locked FOR UPDATE (the preview reads without locking). */
  lock: boolean;
  now: Date;
  /**
   * The professional of the entity who raised the ticket (their roles may limit what it asks);
   * null once their record is gone.
   */
  requesterId: string | null;
  /**
   * The agent's request as if made in the ticket's entity (its id, zone and language), for the
   * commands of other modules that take a request context (the agenda's move of appointments).
   */
  inEntity: RequestContext;
};

/** A blocker as the plan keeps it: its code and parameters (fingerprinted) and its words. */
export type Blocker = OperationBlocker & { params: Record<string, unknown> };

/** What the agent gave at the run besides the fingerprint (common's operationRunSchema). */
export type RunInput = {
  /** Conflicting fields whose value comes from the other record (merge of person records). */
  takeFromOther: readonly string[];
  /** The mobile typed at the run, when the plan `asks` for it: used once, never stored. */
  mobile?: string;
};

export type Plan = {
  blockers: Blocker[];
  lines: OperationLine[];
  /** Fields the agent chooses between (hashed into the fingerprint with their values). */
  conflicts?: OperationConflict[];
  /** What the run needs typed (a mobile): the run is refused without it. */
  asks?: OperationAsk[];
  /**
   * Every record the plan touches (hashed into the fingerprint, never shown): a set that changed
   * past the items a line lists is a changed plan too.
   */
  ids: readonly string[];
  /**
   * Instead of `ids`, for a plan of many records: a digest of their ids computed where they are
   * (the database), so that they never travel to the application (a mass transfer of 100,000
   * case files). Hashed into the fingerprint in their place.
   */
  idsDigest?: string;
  /**
   * Applies the plan (the run only, in the plan's transaction, under its locks): the change,
   * its audit rows (linked to the ticket) — answering what changed, as lines.
   */
  apply: (actor: AuditActor, ticketId: string, input: RunInput) => Promise<OperationLine[]>;
  /**
   * Work that must wait until the run's transaction committed (the SMS of a new professional:
   * nothing leaves before the commit, and the number must not sit in the outbox). Its failure
   * does not undo the run; it answers extra lines for the agent (not stored on the ticket).
   */
  afterCommit?: (input: RunInput) => Promise<OperationLine[]>;
};

/** One operation: the plan of a ticket of its kind. */
export type Operation<K extends OperationKind> = {
  kind: K;
  plan: (ctx: PlanContext, fields: TicketFieldsOf<K>) => Promise<Plan>;
};

/** A line of `count` things, listing at most OPERATION_LINE_ITEMS of them. */
export function line(key: string, count: number, items: readonly string[] = []): OperationLine {
  return { key, count, items: items.slice(0, OPERATION_LINE_ITEMS) };
}

/**
 * The fingerprint of a plan: the SHA-256 of what the agent was shown, by codes, parameters,
 * counts and items (not by words: a change of the console's language is no change of plan), and
 * of the ids of every record it touches (or their digest: `idsDigest`).
 */
export function fingerprintOf(
  kind: OperationKind,
  plan: Pick<Plan, 'blockers' | 'lines' | 'ids' | 'idsDigest' | 'conflicts'>,
) {
  const shown = {
    kind,
    blockers: plan.blockers.map((b) => [b.code, b.params]),
    lines: plan.lines.map((l) => [l.key, l.count, l.items]),
    ids: plan.idsDigest ?? [...plan.ids].sort(),
    ...(plan.conflicts?.length
      ? { conflicts: plan.conflicts.map((c) => [c.field, c.survivor, c.other]) }
      : {}),
  };
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex');
}
