import type { CaseScope, Role } from '@caliu/common';

/**
 * The organization of a synthetic council: municipalities grouped in sectors, a team per sector,
 * and in each team the professionals a county's social services have — a coordinator,
 * basic-services technicians, one technician of each other scope, an administrative assistant
 * and a technical administrator — plus the entity's administrators and community-help staff.
 */

const TOWNS = [
  'Vilanova',
  'Santa Coloma',
  'Sant Pere',
  'Castellnou',
  'La Torre',
  'Vallbona',
  'Sant Martí',
  'Puigverd',
  'Riudeperes',
  'Montbrió',
  'Els Prats',
  'Santa Maria',
  'Sant Joan',
  'Cabrera',
  'La Pobla',
  'Torrent',
  'Vilafranca',
  'Sant Feliu',
  'Olivella',
  'Sant Quirze',
];
const QUALIFIERS = [
  'del Riu',
  'de Mar',
  'de la Serra',
  'de Dalt',
  'del Camp',
  "d'Avall",
  'de les Fonts',
  'del Bosc',
];

export type SyntheticTeam = {
  name: string;
  municipalities: string[];
  members: { key: string; roles: Role[]; scope: CaseScope | null; coordinator: boolean }[];
};

export type SyntheticWorld = {
  municipalities: string[];
  teams: SyntheticTeam[];
  /** Entity-wide professionals (no team). */
  others: { key: string; roles: Role[] }[];
};

const TEAM_STAFF: { roles: Role[]; scope: CaseScope | null; count: number; coordinator?: true }[] =
  [
    { roles: ['coordinator'], scope: null, count: 1, coordinator: true },
    { roles: ['tech_ssb'], scope: 'ssb', count: 6 },
    { roles: ['tech_sad'], scope: 'sad', count: 1 },
    { roles: ['tech_siad'], scope: 'siad', count: 1 },
    { roles: ['tech_immigration'], scope: 'immigration', count: 1 },
    { roles: ['tech_eaia'], scope: 'eaia', count: 1 },
    { roles: ['aux_admin'], scope: null, count: 1 },
    { roles: ['tech_admin'], scope: null, count: 1 },
  ];

/**
 * About one municipality per 5,000 persons (at least 3) and a team per two of them: at a million
 * persons, 200 municipalities and 100 teams of 13 (some 1,300 professionals, a few hundred case
 * files each, as in a real caseload).
 */
export function worldFor(persons: number): SyntheticWorld {
  const count = Math.max(3, Math.round(persons / 5_000));
  const municipalities = Array.from({ length: count }, (_, i) => {
    const town = TOWNS[i % TOWNS.length]!;
    const round = Math.floor(i / TOWNS.length);
    if (round === 0) return town;
    const qualifier = QUALIFIERS[(round - 1) % QUALIFIERS.length]!;
    const lap = Math.floor((round - 1) / QUALIFIERS.length);
    return lap === 0 ? `${town} ${qualifier}` : `${town} ${qualifier} ${lap + 1}`;
  });
  const teams: SyntheticTeam[] = [];
  for (let start = 0; start < count; start += MUNICIPALITIES_PER_TEAM) {
    const n = teams.length + 1;
    teams.push({
      name: `Equip ${n}`,
      municipalities: municipalities.slice(start, start + MUNICIPALITIES_PER_TEAM),
      members: TEAM_STAFF.flatMap((s) =>
        Array.from({ length: s.count }, (_, i) => ({
          key: `t${n}-${s.roles[0]!.replace('_', '-')}-${i + 1}`,
          roles: s.roles,
          scope: s.scope,
          coordinator: s.coordinator ?? false,
        })),
      ),
    });
  }
  return {
    municipalities,
    teams,
    others: [
      { key: 'administrator', roles: ['administrator'] },
      { key: 'operator', roles: ['operator'] },
      { key: 'head-of-operations', roles: ['head_of_operations'] },
    ],
  };
}

const MUNICIPALITIES_PER_TEAM = 2;

/** The team serving municipality `m` (its index in `world.municipalities`). */
export const teamOf = (m: number) => Math.floor(m / MUNICIPALITIES_PER_TEAM);
