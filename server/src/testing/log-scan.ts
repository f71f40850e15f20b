import {
  CATALAN_SURNAMES,
  GIVEN_NAMES,
  ITALIAN_SURNAMES,
  OTHER_SURNAMES,
  SPANISH_SURNAMES,
  type Weighted,
} from './persons-names';

/**
 * Finds personal data of the kind the test data carries in captured log text: the names the
 * synthetic populations are made of (whole words, four letters or more: shorter ones such as "Li"
 * or "Ba" would match ordinary text), DNI and NIE numbers, Spanish mobile and landline numbers.
 * Answers what it found, for a test to expect none.
 */
export function personalDataIn(text: string, extraNeedles: string[] = []): string[] {
  const found = new Set<string>();
  for (const needle of extraNeedles) if (needle && text.includes(needle)) found.add(needle);
  for (const pattern of PATTERNS) for (const match of text.matchAll(pattern)) found.add(match[0]);
  for (const word of text.match(/\p{Lu}[\p{L}'-]{3,}/gu) ?? []) {
    if (NAMES.has(word)) found.add(word);
  }
  return [...found];
}

const PATTERNS = [
  /(?<![\w-])\d{8}-?[A-Z](?![\w-])/g, // DNI
  /(?<![\w-])[XYZ]-?\d{7}-?[A-Z](?![\w-])/g, // NIE
  /(?<![\w.:-])(?:\+34[ ]?)?[6789]\d{2}[ ]?\d{3}[ ]?\d{3}(?![\w.])/g, // phone
];

function namesOf(list: Weighted): string[] {
  return list.flatMap((entry) => entry.name.split(/\s+/));
}

const NAMES = new Set(
  [
    ...namesOf(SPANISH_SURNAMES),
    ...namesOf(CATALAN_SURNAMES),
    ...namesOf(ITALIAN_SURNAMES),
    ...Object.values(OTHER_SURNAMES).flatMap(namesOf),
    ...Object.values(GIVEN_NAMES).flatMap((bySex) => Object.values(bySex).flatMap(namesOf)),
  ].filter((name) => name.length >= 4),
);
