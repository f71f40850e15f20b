import {
  type DuplicatePair,
  type DuplicatePairIds,
  type DuplicatePairReason,
  type DuplicatePairsPage,
  type DuplicatePairsQuery,
  isUuid,
} from '@caliu/common';
import { writeAudit } from '../../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../../platform/context';
import { AppError, notFound } from '../../../platform/errors';
import { decodeKeyCursor, encodeCursor } from '../../../platform/pagination';
import { presentSummary } from '../present';
import * as repo from './repository';

/**
 * Candidate duplicates across the entity: a coordinator's list of the pairs of person records of
 * their teams that may be one human (the rules of the person form's warning), and "not the same
 * person", remembered. Merging them is the support desk's operation (DESIGN.md).
 */

/** A page of the pairs of the user's teams, strongest first; the read is audited per person shown. */
export async function list(
  deps: AppDeps,
  ctx: RequestContext,
  query: DuplicatePairsQuery,
): Promise<DuplicatePairsPage> {
  const entityId = ctx.auth.entity.id;
  const after = decodePosition(query.cursor);
  return deps.database.tenant(entityId, async (tx) => {
    const { total, rows } = await repo.candidatePairs(
      tx,
      entityId,
      ctx.auth,
      after,
      query.limit + 1,
    );
    const shown = rows.slice(0, query.limit);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.duplicates_list',
      details: { pairs: shown.length, total, page: after ? 'next' : 'first' },
      subjects: shown.flatMap((row) => [row.low, row.high]),
    });
    const last = shown.at(-1);
    return {
      items: shown.map(presentPair),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor(`${last.score}:${last.low}`, last.high)
          : null,
      total,
    };
  });
}

/** "Not the same person": the pair is never listed again. Both records within the user's teams, or not found. */
export async function dismiss(
  deps: AppDeps,
  ctx: RequestContext,
  ids: DuplicatePairIds,
): Promise<void> {
  const entityId = ctx.auth.entity.id;
  await deps.database.tenant(entityId, async (tx) => {
    const pair = await repo.pairInScope(tx, entityId, ctx.auth, ids);
    if (!pair) throw notFound('person');
    const added = await repo.insertDismissal(tx, entityId, pair, ctx.auth.professionalId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.duplicate_dismiss',
      recordType: 'person',
      recordId: pair.low,
      details: { otherPersonId: pair.high, ...(added ? {} : { already: true }) },
      subjects: [pair.low, pair.high],
    });
  });
}

/** Undoes a dismissal: the pair is listed again. Not found when it was not dismissed or is out of scope. */
export async function undoDismissal(
  deps: AppDeps,
  ctx: RequestContext,
  ids: DuplicatePairIds,
): Promise<void> {
  const entityId = ctx.auth.entity.id;
  await deps.database.tenant(entityId, async (tx) => {
    const pair = await repo.pairInScope(tx, entityId, ctx.auth, ids);
    if (!pair || !(await repo.deleteDismissal(tx, entityId, pair))) throw notFound('person');
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.duplicate_dismiss_undo',
      recordType: 'person',
      recordId: pair.low,
      details: { otherPersonId: pair.high },
      subjects: [pair.low, pair.high],
    });
  });
}

/** The list's cursor: the last pair's score and ids (`score:low` and `high`), or a 400. */
function decodePosition(cursor: string | undefined): repo.PairPosition | null {
  const decoded = decodeKeyCursor(cursor);
  if (!decoded) return null;
  const match = /^(\d{1,3}):(.+)$/.exec(decoded.key);
  const score = Number(match?.[1]);
  if (!match || !isUuid(match[2]) || score > 100) {
    throw new AppError('common.invalid_cursor', 400);
  }
  return { score, low: match[2]!, high: decoded.id };
}

/** The name reason: the closest relation between the two names that holds. */
function nameReason(row: repo.PairRow): DuplicatePairReason | null {
  if (row.same_name) return 'same_name';
  if (row.same_name_key) return 'same_name_except_accents';
  if (row.second_surname_missing) return 'second_surname_missing';
  if (row.surnames_swapped) return 'surnames_swapped';
  if (row.one_letter_apart) return 'one_letter_apart';
  return row.similar_name ? 'similar_name' : null;
}

function presentPair(row: repo.PairRow): DuplicatePair {
  const reasons: DuplicatePairReason[] = [];
  if (row.same_document) reasons.push('same_document');
  if (row.same_birth_date) reasons.push('same_birth_date');
  const name = nameReason(row);
  if (name) reasons.push(name);
  // The record made first, first: usually the one the other copies.
  const [first, second] = [row.a, row.b].sort(
    (x, y) =>
      new Date(x.created_at).getTime() - new Date(y.created_at).getTime() || (x.id < y.id ? -1 : 1),
  );
  return {
    persons: [presentSummary(first!), presentSummary(second!)],
    reasons,
    score: row.score,
  };
}
