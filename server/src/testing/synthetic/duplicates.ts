import type { SyntheticPerson } from '../persons-population';
import { foldName, typo } from '../persons-variants';

/**
 * The duplicates a council's records really hold: the same human recorded twice by different
 * professionals, with a typo, the surnames swapped, the second surname missing, the accents
 * dropped — and the document typed on one record only (one record per document is a rule of the
 * database, so the copy never carries it).
 */
export const DUPLICATE_KINDS = [
  'typo',
  'swapped_surnames',
  'no_second_surname',
  'unaccented',
  'document_on_one_side',
] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/** A copy of `person` of the given kind (or of a kind that applies to them). */
export function duplicateOf(
  person: SyntheticPerson,
  wanted: DuplicateKind,
  random: () => number,
): { copy: SyntheticPerson; kind: DuplicateKind } {
  const base = { ...person, documentType: null, documentNumber: null, email: null };
  const kind =
    (wanted === 'swapped_surnames' || wanted === 'no_second_surname') && !person.secondSurname
      ? 'typo'
      : wanted === 'unaccented' && foldName(fullOf(person)) === fullOf(person).toLowerCase()
        ? 'typo'
        : wanted;
  switch (kind) {
    case 'typo': {
      const field = person.firstSurname.length >= 4 ? 'firstSurname' : 'givenName';
      return {
        copy: { ...base, [field]: capitalize(typo(person[field].toLowerCase(), random)) },
        kind,
      };
    }
    case 'swapped_surnames':
      return {
        copy: {
          ...base,
          firstSurname: person.secondSurname!.replace(/^i /, ''),
          secondSurname: person.firstSurname,
        },
        kind,
      };
    case 'no_second_surname':
      return { copy: { ...base, secondSurname: null }, kind };
    case 'unaccented':
      return {
        copy: {
          ...base,
          givenName: strip(person.givenName),
          firstSurname: strip(person.firstSurname),
          secondSurname: person.secondSurname && strip(person.secondSurname),
        },
        kind,
      };
    default:
      return { copy: base, kind };
  }
}

const fullOf = (p: SyntheticPerson) =>
  [p.givenName, p.firstSurname, p.secondSurname].filter(Boolean).join(' ');
const strip = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const capitalize = (text: string) =>
  text.replace(
    /(^|[\s-])(\p{L})/gu,
    (_, sep: string, letter: string) => sep + letter.toUpperCase(),
  );
