import type { SyntheticPerson } from './persons-population';

/**
 * The ways a professional types a name they heard: in another order, without accents, with one
 * typo, without the second surname. Used by the hit-rate test and the benchmark.
 */

export type VariantKind = 'reordered' | 'unaccented' | 'typo' | 'no_second_surname';
export type Variant = { kind: VariantKind; query: string };

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'i', 'y', 'di', 'da', 'dal', 'dalla', 'della', 'lo', 'le']); // prettier-ignore

/** Accent- and case-folded, punctuation dropped: what "the same name" means in the hit rule. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`´·.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function fullName(p: Pick<SyntheticPerson, 'givenName' | 'firstSurname' | 'secondSurname'>) {
  return [p.givenName, p.firstSurname, p.secondSurname].filter(Boolean).join(' ');
}

const pick = <T>(list: T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One edit (insertion, deletion, substitution, transposition) that changes the word. */
export function typo(word: string, random: () => number): string {
  const chars = [...word];
  for (;;) {
    const kind = Math.floor(random() * 4);
    const i = Math.floor(random() * chars.length);
    const out = [...chars];
    if (kind === 0) out.splice(i, 0, pick([...LETTERS], random));
    else if (kind === 1) out.splice(i, 1);
    else if (kind === 2) out[i] = pick([...LETTERS], random);
    else if (i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
    const result = out.join('');
    if (foldName(result) !== foldName(word)) return result;
  }
}

/** The full name with one typo in a word of 4+ letters (not a particle); null if none has. */
export function withTypo(
  person: Pick<SyntheticPerson, 'givenName' | 'firstSurname' | 'secondSurname'>,
  random: () => number,
): string | null {
  const words = fullName(person).split(' ');
  const eligible = words
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => foldName(w).length >= 4 && !PARTICLES.has(foldName(w)));
  if (eligible.length === 0) return null;
  const { w, i } = pick(eligible, random);
  words[i] = typo(w.toLowerCase(), random);
  return words.join(' ');
}

export function variantsOf(person: SyntheticPerson, random: () => number): Variant[] {
  const words = fullName(person).split(' ');
  const surnames = [person.firstSurname, person.secondSurname].filter(Boolean).join(' ');
  const shuffled = [...words].sort(() => random() - 0.5);
  const reordered =
    random() < 0.5 || shuffled.join(' ') === words.join(' ')
      ? `${surnames} ${person.givenName}`
      : shuffled.join(' ');
  const folded = foldName(fullName(person));
  const variants: Variant[] = [
    { kind: 'reordered', query: reordered },
    { kind: 'unaccented', query: random() < 0.5 ? folded : folded.toUpperCase() },
  ];
  const typed = withTypo(person, random);
  if (typed) variants.push({ kind: 'typo', query: typed });
  if (person.secondSurname) {
    variants.push({
      kind: 'no_second_surname',
      query: `${person.givenName} ${person.firstSurname}`,
    });
  }
  return variants;
}
