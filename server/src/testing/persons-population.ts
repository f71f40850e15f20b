import { checkLetterFor } from '@caliu/common';
import {
  CATALAN_SURNAMES,
  GIVEN_NAMES,
  ITALIAN_SURNAMES,
  OTHER_SURNAMES,
  SPANISH_SURNAMES,
  type Weighted,
} from './persons-names';

/**
 * A synthetic population for tests and benchmarks: realistic Catalan, Spanish, Italian and
 * other names with census-like surname frequencies, particles ("de la Fuente", "i Vidal",
 * "Dalla Costa"), accents, valid DNIs and NIEs. Deterministic: the same seed gives the same
 * people.
 */

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Picker = (random: () => number) => string;

function picker(list: Weighted): Picker {
  const cumulative: number[] = [];
  let total = 0;
  for (const { weight } of list) cumulative.push((total += weight));
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return list[lo]!.name;
  };
}

export type SyntheticPerson = {
  givenName: string;
  firstSurname: string;
  secondSurname: string | null;
  sex: 'female' | 'male';
  birthDate: string;
  nationality: string;
  documentType: 'dni' | 'nie' | 'passport' | null;
  documentNumber: string | null;
  mobilePhone: string | null;
  email: string | null;
  consentSms: boolean;
  preferredLanguage: 'ca' | 'es' | 'it' | 'en' | null;
  address: string;
  /** Index into the municipalities the loader is given. */
  municipality: number;
};

const spanish = picker(SPANISH_SURNAMES);
const catalan = picker(CATALAN_SURNAMES);
const italian = picker(ITALIAN_SURNAMES);
const other = Object.fromEntries(
  Object.entries(OTHER_SURNAMES).map(([k, v]) => [k, picker(v)]),
) as Record<keyof typeof OTHER_SURNAMES, Picker>;
const given = Object.fromEntries(
  Object.entries(GIVEN_NAMES).map(([k, v]) => [
    k,
    { male: picker(v.male), female: picker(v.female) },
  ]),
) as Record<keyof typeof GIVEN_NAMES, { male: Picker; female: Picker }>;

type Origin = keyof typeof GIVEN_NAMES;
/** Shares of origin in a Catalan county's social services (roughly). */
const ORIGINS: Weighted = [
  { name: 'spanish', weight: 40 },
  { name: 'catalan', weight: 38 },
  { name: 'italian', weight: 5 },
  { name: 'maghreb', weight: 7 },
  { name: 'latam', weight: 4 },
  { name: 'romanian', weight: 3 },
  { name: 'subsaharan', weight: 1.5 },
  { name: 'asian', weight: 1.5 },
];
const origin = picker(ORIGINS) as (random: () => number) => Origin;
const NATIONALITY: Record<Origin, string[]> = {
  catalan: ['ES'],
  spanish: ['ES'],
  italian: ['IT'],
  maghreb: ['MA', 'MA', 'MA', 'DZ'],
  romanian: ['RO'],
  latam: ['EC', 'CO', 'PE', 'BO', 'HN', 'BR'],
  subsaharan: ['SN', 'ML', 'GM', 'GN'],
  asian: ['PK', 'PK', 'CN', 'IN'],
};

const STREETS = ['Carrer Major', 'Carrer de la Font', 'Avinguda de Catalunya', 'Plaça de la Vila',
  'Carrer del Sol', 'Carrer de Sant Joan', 'Passeig del Riu', 'Carrer Nou', 'Ronda de Dalt']; // prettier-ignore

/** Surnames by origin: Catalans and Spaniards carry a mix of both; Italians usually one. */
function surnames(o: Origin, random: () => number): [string, string | null] {
  const mixed = (catalanShare: number) => (random() < catalanShare ? catalan : spanish)(random);
  switch (o) {
    case 'catalan': {
      const first = mixed(0.6);
      const second = mixed(0.55);
      // "Puig i Vidal": the Catalan conjunction between two surnames.
      return [first, random() < 0.15 ? `i ${second}` : second];
    }
    case 'spanish':
      return [mixed(0.12), mixed(0.15)];
    case 'italian':
      return [italian(random), null];
    case 'latam': {
      const pick = () => (random() < 0.5 ? other.latam : spanish)(random);
      return [pick(), pick()];
    }
    default:
      return [other[o](random), null];
  }
}

function birthDate(random: () => number): string {
  // Social services see many elderly people and many children.
  const r = random();
  const age =
    r < 0.2 ? random() * 18 : r < 0.55 ? 18 + random() * 47 : r < 0.95 ? 65 + random() * 27 : 92 + random() * 10; // prettier-ignore
  const ms = Date.UTC(2026, 0, 1) - age * 365.25 * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const digits = (random: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Generates `count` persons; documents are unique within the population. */
export function generatePopulation(
  count: number,
  options: { seed?: number; municipalities?: number } = {},
): SyntheticPerson[] {
  return [...personStream(count, seededRandom(options.seed ?? 1), options.municipalities)];
}

/** The same persons one at a time (a million need not sit in memory at once). */
export function* personStream(
  count: number,
  random: () => number,
  municipalitiesCount?: number,
): Generator<SyntheticPerson> {
  const municipalities = municipalitiesCount ?? 3;
  const used = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const value = make();
      if (!used.has(value)) {
        used.add(value);
        return value;
      }
    }
  };
  for (let i = 0; i < count; i++) {
    const o = origin(random);
    const sex = random() < 0.56 ? 'female' : 'male';
    const [firstSurname, secondSurname] = surnames(o, random);
    const local = o === 'catalan' || o === 'spanish';
    const date = birthDate(random);
    const child = date > '2012-01-01';
    let documentType: SyntheticPerson['documentType'] = null;
    let documentNumber: string | null = null;
    const d = random();
    if (local ? !(child && d < 0.3) : d < 0.9) {
      if (local) documentType = 'dni';
      else documentType = d < 0.65 ? 'nie' : 'passport';
      documentNumber = unique(() => {
        if (documentType === 'dni') {
          const n = digits(random, 8);
          return n + checkLetterFor(n);
        }
        if (documentType === 'nie') {
          const p = Math.floor(random() * 3);
          const n = digits(random, 7);
          return 'XYZ'[p]! + n + checkLetterFor(String(p) + n);
        }
        return String.fromCharCode(65 + Math.floor(random() * 26)) + digits(random, 8);
      });
    }
    const mobilePhone = random() < 0.7 ? `6${digits(random, 8)}` : null;
    yield {
      givenName: given[o][sex](random),
      firstSurname,
      secondSurname,
      sex,
      birthDate: date,
      nationality: NATIONALITY[o][Math.floor(random() * NATIONALITY[o].length)]!,
      documentType,
      documentNumber,
      mobilePhone,
      email: random() < 0.25 ? `persona${i}@example.org` : null,
      consentSms: mobilePhone !== null && random() < 0.4,
      preferredLanguage: o === 'catalan' ? 'ca' : o === 'italian' ? 'it' : local ? 'es' : null,
      address: `${STREETS[Math.floor(random() * STREETS.length)]}, ${1 + Math.floor(random() * 120)}`,
      municipality: Math.floor(random() * municipalities),
    };
  }
}
