import { z } from 'zod';
import { textField } from './text';
import { personSummarySchema } from './persons';

/**
 * Candidate duplicates across the entity: the API contract of /api/persons/duplicates, a
 * coordinator's list of pairs of person records of their teams that may describe the same human
 * (the rules of the person form's warning, applied to every pair), and the pairs they dismissed.
 */

/**
 * Why two records look like one person, as codes the console puts in words. A pair has
 * `same_document`, or `same_birth_date` with one of the name codes (the closest that applies).
 */
export const DUPLICATE_PAIR_REASONS = [
  /** The same identity document (written with or without its letter, or a leading zero). */
  'same_document',
  'same_birth_date',
  /** The same name, letter for letter. */
  'same_name',
  /** The same name once accents, capitals and punctuation are set aside. */
  'same_name_except_accents',
  /** One record has no second surname; the rest is the same. */
  'second_surname_missing',
  /** The same surnames in the other order. */
  'surnames_swapped',
  /** The names are one letter apart (one typed wrong, missing, extra or two swapped). */
  'one_letter_apart',
  /** Similar names, and given names alike (one edit apart, or one the start of the other). */
  'similar_name',
] as const;
export type DuplicatePairReason = (typeof DUPLICATE_PAIR_REASONS)[number];

export const duplicatePairsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: textField().max(200).optional(),
});
export type DuplicatePairsQuery = z.infer<typeof duplicatePairsQuerySchema>;

export const duplicatePairSchema = z.object({
  /** The two records, the older first (recorded earlier). */
  persons: z.tuple([personSummarySchema, personSummarySchema]),
  reasons: z.array(z.enum(DUPLICATE_PAIR_REASONS)),
  /** How alike they are, 0 to 100 (the same document: 100); the list is in this order. */
  score: z.number().int().min(0).max(100),
});
export type DuplicatePair = z.infer<typeof duplicatePairSchema>;

export const duplicatePairsPageSchema = z.object({
  items: z.array(duplicatePairSchema),
  nextCursor: z.string().nullable(),
  /** Every pair still to be looked at in the user's teams, on every page. */
  total: z.number().int(),
});
export type DuplicatePairsPage = z.infer<typeof duplicatePairsPageSchema>;

const twoRecords = (pair: { firstId: string; secondId: string }) =>
  pair.firstId.toLowerCase() !== pair.secondId.toLowerCase();
const twoRecordsIssue = { path: ['secondId'], params: { i18n: 'duplicate_pair_same_record' } };

/** A pair of records, in either order. */
export const duplicatePairIdsSchema = z
  .object({ firstId: z.uuid(), secondId: z.uuid() })
  .strict()
  .refine(twoRecords, twoRecordsIssue);
export type DuplicatePairIds = z.infer<typeof duplicatePairIdsSchema>;

/** The same pair in a URL (undoing a dismissal). */
export const duplicatePairParamsSchema = z
  .object({ firstId: z.uuid(), secondId: z.uuid() })
  .refine(twoRecords, twoRecordsIssue);
