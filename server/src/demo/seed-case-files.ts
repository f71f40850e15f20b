import { sql } from 'drizzle-orm';
import type { CaseScope } from '@caliu/common';
import { rowsOf, type Database } from '../db/connect';
import * as repo from '../modules/case-files/repository';
import { todayIn } from '../modules/persons/rules';

/**
 * The demo entity's case files: one per technician who has persons of their scope, so each demo
 * login opens the console on work of their own — and the SIAD one shows who may see it (its
 * technician and the coordinator of its team; no one else, not even the technical administrator).
 * Data of the demo council, in its language.
 */
const CASE_FILES: {
  scope: CaseScope;
  referent: string;
  holder: string;
  members?: { person: string; role: 'partner' | 'child' | 'household' }[];
  interview?: { daysAgo: number; minutes: number; notes: string };
  /** What the first interview brought: the holder's demand and a problem identified. */
  found?: { demand: string; problem: string; description: string };
  /** An intervention plan agreed at opening, its first review due some days ago (a home alert). */
  plan?: { objectives: string; reviewDaysAgo: number };
}[] = [
  {
    scope: 'ssb',
    referent: 'tech-ssb',
    holder: '12345678',
    members: [{ person: '39011223', role: 'partner' }],
    interview: {
      daysAgo: 6,
      minutes: 45,
      notes:
        "Primera entrevista a l'oficina. Demana informació sobre el servei d'ajuda a domicili i la teleassistència.\nViu amb la seva parella; cap suport familiar proper.",
    },
    found: {
      demand: 'home_care',
      problem: 'social_isolation',
      description: "Informació sobre el servei d'ajuda a domicili i la teleassistència.",
    },
    plan: {
      objectives: "Valorar l'ajuda a domicili i la teleassistència; reforçar la xarxa de suport.",
      reviewDaysAgo: 2,
    },
  },
  {
    scope: 'siad',
    referent: 'tech-siad',
    holder: 'Y2233445',
    interview: {
      daysAgo: 3,
      minutes: 60,
      notes: 'Entrevista d’acollida. Pla de seguretat acordat.',
    },
  },
  {
    scope: 'immigration',
    referent: 'tech-immigration',
    holder: 'X4521987',
    interview: { daysAgo: 10, minutes: 30, notes: "Orientació sobre l'arrelament social." },
  },
  { scope: 'eaia', referent: 'tech-eaia', holder: '49333812' },
];

export async function seedDemoCaseFiles(
  database: Database,
  entityId: string,
  timeZone: string,
): Promise<void> {
  await database.tenant(entityId, async (tx) => {
    const today = todayIn(timeZone, new Date());
    const year = Number(today.slice(0, 4));
    const logins = new Map(
      (
        await rowsOf<{ id: string; username: string }>(
          tx,
          sql`SELECT id, username FROM professionals WHERE entity_id = ${entityId}`,
        )
      ).map((p) => [p.username, p.id] as const),
    );
    const person = async (document: string) => {
      const [row] = await rowsOf<{ id: string; municipality_id: string; team_id: string | null }>(
        tx,
        sql`SELECT id, municipality_id, team_id FROM persons
          WHERE entity_id = ${entityId} AND document_number LIKE ${`${document}%`}`,
      );
      return row!;
    };
    const interview = (await repo.catalogue(tx, entityId, 'intervention_type')).find(
      (t) => t.code === 'interview',
    )!.id;
    for (const file of CASE_FILES) {
      const holder = await person(file.holder);
      const referentId = logins.get(file.referent)!;
      const seq = await repo.nextNumber(tx, entityId, year);
      const openedOn = daysBefore(today, 14);
      const id = await repo.insertCaseFile(tx, {
        entityId,
        year,
        seq,
        scope: file.scope,
        municipalityId: holder.municipality_id,
        teamId: holder.team_id,
        referentId,
        openedOn,
        createdBy: referentId,
      });
      const members = [
        { personId: holder.id, role: 'holder' as const },
        ...(await Promise.all(
          (file.members ?? []).map(async (m) => ({
            personId: (await person(m.person)).id,
            role: m.role,
          })),
        )),
      ];
      for (const m of members) {
        await repo.insertMember(tx, { entityId, caseFileId: id, ...m, addedOn: openedOn });
      }
      await repo.insertIntervention(
        tx,
        { entityId, caseFileId: id, event: 'opened', occurredOn: openedOn, authorId: referentId },
        [referentId],
        [],
      );
      if (file.interview) {
        await repo.insertIntervention(
          tx,
          {
            entityId,
            caseFileId: id,
            typeId: interview,
            occurredOn: daysBefore(today, file.interview.daysAgo),
            durationMinutes: file.interview.minutes,
            place: 'office',
            notes: file.interview.notes,
            authorId: referentId,
          },
          [referentId],
          [holder.id],
        );
      }
      if (file.found && file.interview) {
        const on = daysBefore(today, file.interview.daysAgo);
        const typeOf = async (catalogue: 'demand' | 'problem', code: string) =>
          (await repo.catalogue(tx, entityId, catalogue)).find((t) => t.code === code)!.id;
        await tx.execute(sql`INSERT INTO demands
            (entity_id, case_file_id, person_id, type_id, requested_on, description, author_id)
          VALUES (${entityId}, ${id}, ${holder.id}, ${await typeOf('demand', file.found.demand)},
            ${on}, ${file.found.description}, ${referentId})`);
        await tx.execute(sql`INSERT INTO problems
            (entity_id, case_file_id, person_id, type_id, started_on, author_id)
          VALUES (${entityId}, ${id}, ${holder.id}, ${await typeOf('problem', file.found.problem)},
            ${on}, ${referentId})`);
      }
      if (file.plan) {
        const [plan] = await rowsOf<{ id: string }>(
          tx,
          sql`INSERT INTO intervention_plans
              (entity_id, case_file_id, started_on, objectives, author_id)
            VALUES (${entityId}, ${id}, ${openedOn}, ${file.plan.objectives}, ${referentId})
            RETURNING id`,
        );
        await tx.execute(sql`INSERT INTO plan_reviews (entity_id, plan_id, position, due_on)
          VALUES (${entityId}, ${plan!.id}, 0, ${daysBefore(today, file.plan.reviewDaysAgo)})`);
      }
    }
  });
}

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
