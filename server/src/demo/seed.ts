import type { Role } from '@caliu/common';
import { SUPPORT_ENTITY_CODE } from '@caliu/common';
import type { Database } from '../db/connect';
import {
  addMembership,
  createEntity,
  insertProfessional,
  insertTerritory,
} from '../commands/create-entity';
import { findEntityByCode } from '../modules/auth/repository';
import { hashPassword } from '../platform/secrets';

export const DEMO_ENTITY_CODE = 'demo';
const DOMAIN = 'demo.caliu.example';

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

/**
 * Creates the demo entity (and, in demo mode, the support entity) when they do not exist yet.
 * Returns true when it created anything.
 */
export async function seedDemo(database: Database, password: string): Promise<boolean> {
  const existing = await database.anonymous((tx) => findEntityByCode(tx, DEMO_ENTITY_CODE));
  if (existing) return false;
  const passwordHash = await hashPassword(password);

  const entityId = await createEntity(database, {
    code: DEMO_ENTITY_CODE,
    name: 'Consell Comarcal de Demostració',
    emailDomains: [DOMAIN],
    defaultLanguage: 'ca',
    timeZone: 'Europe/Madrid',
    requiresSecondFactor: false,
    isDemo: true,
  });
  await database.tenant(entityId, async (tx) => {
    const { teamIds } = await insertTerritory(tx, entityId, {
      municipalities: ['Vilanova de la Serra', 'Santa Coloma del Riu', 'Sant Pere de les Fonts'],
      sectors: [
        { name: 'Sector Nord', municipalities: ['Vilanova de la Serra', 'Santa Coloma del Riu'] },
        { name: 'Sector Sud', municipalities: ['Sant Pere de les Fonts'] },
      ],
      teams: [
        { name: 'Equip Nord', sectors: ['Sector Nord'] },
        { name: 'Equip Sud', sectors: ['Sector Sud'] },
      ],
    });
    const team = { N: teamIds.get('Equip Nord')!, S: teamIds.get('Equip Sud')! };
    for (const login of DEMO_LOGINS) {
      const id = await insertProfessional(tx, entityId, {
        username: login.username,
        givenName: login.givenName,
        surnames: login.surnames,
        email: `${login.username}@${DOMAIN}`,
        roles: login.roles,
        costCategory: login.costCategory,
        passwordHash,
      });
      for (const t of login.teams) {
        await addMembership(tx, entityId, team[t], id, login.coordinates === true);
      }
    }
  });

  const support = await database.anonymous((tx) => findEntityByCode(tx, SUPPORT_ENTITY_CODE));
  if (!support) {
    const supportId = await createEntity(database, {
      code: SUPPORT_ENTITY_CODE,
      name: 'Caliu Support',
      kind: 'provider',
      emailDomains: ['support.caliu.example'],
      defaultLanguage: 'ca',
      requiresSecondFactor: false,
      isDemo: true,
    });
    await database.tenant(supportId, (tx) =>
      insertProfessional(tx, supportId, {
        username: 'support',
        givenName: 'Agent',
        surnames: 'de Suport',
        email: 'support@support.caliu.example',
        roles: ['support_agent'],
        passwordHash,
      }),
    );
  }
  return true;
}
