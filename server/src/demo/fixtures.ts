import type { Role } from '@caliu/common';

/** The demo's data, without code: shared by the seed and the browser tests. */
export const DEMO_ENTITY_CODE = 'demo';
/** The demo's one support ticket, of tech-ssb (the browser tests look for it). */
export const DEMO_TICKET = {
  number: 'T-2026-000001',
  subject: "No puc exportar l'agenda del mes",
  createdAt: '2026-03-01T23:30:00.000Z',
  /** The agent's question that leaves it waiting for the technician. */
  question: 'Quin format triàveu (Excel o PDF) i quin missatge apareixia?',
};
export const DEMO_DOMAIN = 'demo.caliu.example';

/** One demo login per role: username, roles, team (N = north, S = south), coordinator flag. */
export const DEMO_LOGINS: {
  username: string;
  givenName: string;
  surnames: string;
  roles: Role[];
  teams: ('N' | 'S')[];
  coordinates?: boolean;
  costCategory?: 'A' | 'B' | 'C';
}[] = [
  {
    username: 'aux-admin',
    givenName: 'Laia',
    surnames: 'Ferrer Soler',
    roles: ['aux_admin'],
    teams: ['N'],
  },
  {
    username: 'tech-admin',
    givenName: 'Jordi',
    surnames: 'Vidal Roca',
    roles: ['tech_admin'],
    teams: ['N'],
  },
  {
    username: 'tech-ssb',
    givenName: 'Marta',
    surnames: 'Puig Serra',
    roles: ['tech_ssb'],
    teams: ['N'],
  },
  {
    username: 'tech-siad',
    givenName: 'Núria',
    surnames: 'Casas Font',
    roles: ['tech_siad'],
    teams: ['N'],
  },
  {
    username: 'sad-manager',
    givenName: 'Pere',
    surnames: 'Martí Costa',
    roles: ['tech_sad'],
    teams: ['S'],
  },
  {
    username: 'tech-immigration',
    givenName: 'Fatima',
    surnames: 'El Amrani',
    roles: ['tech_immigration'],
    teams: ['S'],
    costCategory: 'A',
  },
  {
    username: 'tech-eaia',
    givenName: 'Anna',
    surnames: 'Sala Prat',
    roles: ['tech_eaia'],
    teams: ['S'],
  },
  {
    username: 'coordinator',
    givenName: 'Montse',
    surnames: 'Riera Vila',
    roles: ['coordinator'],
    teams: ['N', 'S'],
    coordinates: true,
  },
  {
    username: 'administrator',
    givenName: 'Xavier',
    surnames: 'Bosch Pujol',
    roles: ['administrator'],
    teams: [],
  },
  {
    username: 'operator',
    givenName: 'Carme',
    surnames: 'Mas Camps',
    roles: ['operator'],
    teams: [],
  },
  {
    username: 'head-of-operations',
    givenName: 'Joan',
    surnames: 'Roig Mir',
    roles: ['head_of_operations'],
    teams: [],
  },
];
