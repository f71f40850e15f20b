import { SUPPORT_ENTITY_CODE } from '@caliu/common';
import type { Database, Tx } from '../db/connect';
import { insertHoliday, replaceSectorHours } from '../modules/agenda/repository';
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

/** The demo council's web portal, allowed to frame its help form (an example origin). */
export const DEMO_PORTAL_ORIGIN = 'https://portal.demo.caliu.example';

export { DEMO_ENTITY_CODE, DEMO_LOGINS, DEMO_TICKET };
import { eq } from 'drizzle-orm';
import { entities, entityCounters, supportTicketEvents, supportTickets } from '../db/schema';

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
    const { teamIds, sectorIds, municipalityIds } = await insertTerritory(tx, entityId, {
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
    // The community help form may be framed by the council's (example) web portal (README).
    await tx
      .update(entities)
      .set({ helpFrameOrigins: [DEMO_PORTAL_ORIGIN] })
      .where(eq(entities.id, entityId));
    await seedAgendaSettings(tx, entityId, [...sectorIds.values()], ids.get('coordinator')!, {
      local: municipalityIds.get('Vilanova de la Serra')!,
      by: ids.get('administrator')!,
    });
    // One support ticket waiting for its requester, so the support panel has something to show:
    // an export error, and the agent's question that hands it back to the technician.
    const createdAt = new Date(DEMO_TICKET.createdAt);
    const askedAt = new Date(createdAt.getTime() + 10 * 60 * 60 * 1000);
    const [ticket] = await tx
      .insert(supportTickets)
      .values({
        entityId,
        number: DEMO_TICKET.number,
        kind: 'export_error',
        status: 'waiting_requester',
        requesterId: ids.get('tech-ssb')!,
        subject: DEMO_TICKET.subject,
        fields: {
          what: DEMO_TICKET.subject,
          diagnostics: {
            requestId: null,
            request: null,
            page: '/agenda',
            userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
            at: DEMO_TICKET.createdAt,
          },
        },
        assignedAgentId: null,
        firstResponseAt: askedAt,
        createdAt,
        updatedAt: askedAt,
      })
      .returning({ id: supportTickets.id });
    await tx.insert(supportTicketEvents).values([
      {
        entityId,
        ticketId: ticket!.id,
        side: 'requester',
        authorId: ids.get('tech-ssb')!,
        authorName: fullName('tech-ssb'),
        status: 'new',
        createdAt,
      },
      {
        entityId,
        ticketId: ticket!.id,
        side: 'agent',
        authorName: 'Agent de Suport',
        body: DEMO_TICKET.question,
        status: 'waiting_requester',
        createdAt: askedAt,
      },
    ]);
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

function fullName(username: string): string {
  const login = DEMO_LOGINS.find((l) => l.username === username)!;
  return `${login.givenName} ${login.surnames}`;
}

/**
 * Working hours for both sectors (mornings, and Thursday afternoons) and the public holidays of
 * this year and the next (national, Catalan and one local), so the agenda shows them at once.
 */
async function seedAgendaSettings(
  tx: Tx,
  entityId: string,
  sectorIds: string[],
  coordinatorId: string,
  holidays: { local: string; by: string },
) {
  const week = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '15:00' }));
  for (const sectorId of sectorIds) {
    await replaceSectorHours(
      tx,
      entityId,
      sectorId,
      [...week, { weekday: 4, start: '16:00', end: '19:00' }],
      coordinatorId,
    );
  }
  const year = new Date().getFullYear();
  const days: [string, string, 'national' | 'regional' | 'local'][] = [
    ['01-01', "Cap d'Any", 'national'],
    ['01-06', 'Reis', 'national'],
    ['05-01', 'Festa del Treball', 'national'],
    ['06-24', 'Sant Joan', 'regional'],
    ['08-15', "L'Assumpció", 'national'],
    ['09-11', 'Diada Nacional de Catalunya', 'regional'],
    ['09-14', 'Festa Major de Vilanova', 'local'],
    ['10-12', 'Festa Nacional d’Espanya', 'national'],
    ['11-01', 'Tots Sants', 'national'],
    ['12-06', 'Dia de la Constitució', 'national'],
    ['12-08', 'La Immaculada', 'national'],
    ['12-25', 'Nadal', 'national'],
    ['12-26', 'Sant Esteve', 'regional'],
  ];
  for (const y of [year, year + 1]) {
    for (const [day, name, level] of days) {
      await insertHoliday(tx, {
        entityId,
        date: `${y}-${day}`,
        name,
        level,
        municipalityId: level === 'local' ? holidays.local : null,
        by: holidays.by,
      });
    }
  }
}
