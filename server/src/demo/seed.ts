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
import { seedDemoCaseFiles } from './seed-case-files';
import { seedDemoPersons } from './seed-persons';
import { DEMO_DOMAIN as DOMAIN, DEMO_ENTITY_CODE, DEMO_LOGINS, DEMO_TICKET } from './fixtures';

export { DEMO_ENTITY_CODE, DEMO_LOGINS, DEMO_TICKET };
import { entityCounters, supportTickets } from '../db/schema';

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
    const ids = new Map<string, string>();
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
      ids.set(login.username, id);
      for (const t of login.teams) {
        await addMembership(tx, entityId, team[t], id, login.coordinates === true);
      }
    }
    // One support ticket waiting for its requester, so the support panel has something to show.
    await tx.insert(supportTickets).values({
      entityId,
      number: DEMO_TICKET.number,
      kind: 'export_error',
      status: 'waiting_requester',
      requesterId: ids.get('tech-ssb')!,
      subject: DEMO_TICKET.subject,
      createdAt: new Date(DEMO_TICKET.createdAt),
      updatedAt: new Date(DEMO_TICKET.createdAt),
    });
    await tx.insert(entityCounters).values({ entityId, name: 'support_ticket', value: 1 });
  });

  await seedDemoPersons(database, entityId);
  await seedDemoCaseFiles(database, entityId, 'Europe/Madrid');

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
