import { type SQL, sql } from 'drizzle-orm';

/**
 * The name rule of a likely duplicate, as SQL for the repositories: the person form's warning
 * (search/repository.ts#findDuplicates) and the list of candidate duplicates
 * (duplicates/repository.ts) both ask it, so that what one finds the other finds too.
 */

/**
 * Trigram similarity of two names' search keys from which they are alike. Compared as `real`,
 * the type of similarity(): against a numeric constant, a similarity of exactly 9/20 (0.45 as a
 * real) would be just below it ("Maria Martí Garcia" and "Maria Martí Puig").
 */
export const NAME_SIMILARITY = 0.45;

/** A person's name as the rule reads it: search key (caliu_person_name_key) and given name's key. */
export type NameKeys = { name: SQL; given: SQL };

/**
 * Given names' keys alike: one edit apart, or one the start of the other ("Maria" and
 * "Maria Carme", "Joan" and "Juan"), so that twins ("Jose" and "Maria") are not a pair.
 */
export function givenNamesAlike(a: SQL, b: SQL): SQL {
  return sql`(caliu_within_one_edit(${a}, ${b})
    OR starts_with(${a}, ${b} || ' ') OR starts_with(${b}, ${a} || ' '))`;
}

/** Two names alike (for two records born the same day): close overall, and their given names alike. */
export function namesAlike(a: NameKeys, b: NameKeys): SQL {
  return sql`(similarity(${a.name}, ${b.name}) >= ${NAME_SIMILARITY}::real
    AND ${givenNamesAlike(a.given, b.given)})`;
}
