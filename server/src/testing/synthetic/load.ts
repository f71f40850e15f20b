import type { CaseScope, Role } from '@caliu/common';
import { sql } from 'drizzle-orm';
import {
  addMembership,
  createEntity,
  insertProfessional,
  insertTerritory,
} from '../../commands/create-entity';
import { rowsOf, type Database } from '../../db/connect';
import { hashPassword } from '../../platform/secrets';
import { personStream, seededRandom, type SyntheticPerson } from '../persons-population';
import { DUPLICATE_KINDS, duplicateOf, type DuplicateKind } from './duplicates';
import { idMaker } from './ids';
import type { RowSink, Value } from './sink';
import { teamOf, worldFor } from './world';

/**
 * A synthetic council at any scale — its organization, persons (with planted duplicates, written
 * down), case files of every scope with members and content — loaded set-based through a
 * RowSink. Deterministic from the seed: the same seed and entity code give the same rows and ids.
 */
export type SyntheticSpec = {
  entityCode: string;
  persons: number;
  caseFiles: number;
  seed: number;
  /** Share of persons recorded twice (a planted duplicate), 0 to 0.2. */
  duplicateRate: number;
  /** Content rows per case file on average, the "opened" event included. */
  contentPerFile: number;
  /** Password of every synthetic professional (for the benchmark's sessions). */
  password: string;
  /** The day the data is "as of" (entity time). */
  today: string;
};

export type DuplicatePair = { original: string; duplicate: string; kind: DuplicateKind };

export type SyntheticResult = {
  entityId: string;
  /** Professionals by key (`t1-tech-ssb-1`, `administrator`…): their usernames. */
  professionals: Map<string, { id: string; roles: Role[]; team: number | null }>;
  duplicates: DuplicatePair[];
  counts: Record<string, number>;
};

const PERSON_COLUMNS = ['id', 'entity_id', 'given_name', 'first_surname', 'second_surname', 'sex',
  'birth_date', 'nationality', 'document_type', 'document_number', 'mobile_phone', 'email',
  'consent_sms', 'preferred_language', 'address', 'municipality_id', 'team_id', 'referent_id'] as const; // prettier-ignore
const CASE_FILE_COLUMNS = ['id', 'entity_id', 'year', 'seq', 'scope', 'municipality_id', 'team_id',
  'referent_id', 'state', 'opened_on', 'closed_on', 'closing_reason_id', 'created_by'] as const; // prettier-ignore
const MEMBER_COLUMNS = ['entity_id', 'case_file_id', 'person_id', 'role', 'added_on'] as const;
const INTERVENTION_COLUMNS = ['id', 'entity_id', 'case_file_id', 'type_id', 'event', 'occurred_on',
  'duration_minutes', 'place', 'notes', 'author_id'] as const; // prettier-ignore
const PARTICIPANT_COLUMNS = ['entity_id', 'intervention_id', 'professional_id'] as const;
const PRESENT_COLUMNS = ['entity_id', 'intervention_id', 'person_id'] as const;
const DEMAND_COLUMNS = ['id', 'entity_id', 'case_file_id', 'person_id', 'type_id', 'requested_on', 'author_id'] as const; // prettier-ignore
const PROBLEM_COLUMNS = ['id', 'entity_id', 'case_file_id', 'person_id', 'type_id', 'started_on', 'active', 'author_id'] as const; // prettier-ignore
const RESOURCE_COLUMNS = ['id', 'entity_id', 'case_file_id', 'person_id', 'type_id', 'state',
  'recorded_on', 'starts_on', 'ends_on', 'amount', 'unit', 'author_id'] as const; // prettier-ignore
const PROCEDURE_COLUMNS = ['id', 'entity_id', 'case_file_id', 'person_id', 'type_id', 'administration',
  'status', 'recorded_on', 'filed_on', 'author_id'] as const; // prettier-ignore

/** Case-file scopes in a county's social services (basic services hold most). */
const SCOPES: [CaseScope, number][] = [['ssb', 0.72], ['sad', 0.1], ['eaia', 0.07], ['immigration', 0.07], ['siad', 0.04]]; // prettier-ignore
const NOTES = ['Entrevista de seguiment.', 'Visita a domicili: la situació es manté.',
  'Coordinació amb el centre de salut.', 'Trucada per confirmar la documentació.',
  "Orientació sobre els ajuts de l'habitatge.", '']; // prettier-ignore
const DAY = 86_400_000;

function pickWeighted<T>(items: [T, number][], random: () => number): T {
  let x = random();
  for (const [item, weight] of items) {
    if ((x -= weight) < 0) return item;
  }
  return items[items.length - 1]![0];
}
const pick = <T>(list: readonly T[], random: () => number): T =>
  list[Math.floor(random() * list.length)]!;
const dayPlus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const min = (a: string, b: string) => (a < b ? a : b);

/** Buffers rows per table and writes them in the order foreign keys need. */
class Batches {
  private readonly tables = new Map<string, { columns: readonly string[]; rows: Value[][] }>();
  readonly counts: Record<string, number> = {};
  /** The batch being written while the next one is generated (two cores: Node and the server). */
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly sink: RowSink) {}
  add(table: string, columns: readonly string[], row: Value[]) {
    let batch = this.tables.get(table);
    if (!batch) this.tables.set(table, (batch = { columns, rows: [] }));
    batch.rows.push(row);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }
  /** Hands the buffered rows to the sink, once the previous batch is written. */
  async flush(order: readonly string[]) {
    const ready = order.flatMap((table) => {
      const batch = this.tables.get(table);
      if (!batch || batch.rows.length === 0) return [];
      const rows = batch.rows;
      batch.rows = [];
      return [{ table, columns: batch.columns, rows }];
    });
    await this.writing;
    this.writing = Promise.all(ready.map((b) => this.sink.write(b.table, b.columns, b.rows))).then(
      () => {},
    );
  }
  /** Waits for the last batch. */
  drain() {
    return this.writing;
  }
}

export async function loadSynthetic(
  database: Database,
  sink: RowSink,
  spec: SyntheticSpec,
  onProgress: (what: string, done: number, total: number) => void = () => {},
): Promise<SyntheticResult> {
  const random = seededRandom(spec.seed);
  const id = idMaker(spec.entityCode);
  const world = worldFor(spec.persons);
  const taken = await database.asOwner((tx) =>
    rowsOf(tx, sql`SELECT 1 FROM entities WHERE code = ${spec.entityCode}`),
  );
  if (taken.length > 0) {
    throw new Error(
      `An entity with code "${spec.entityCode}" exists already: choose another (--entity).`,
    );
  }
  const entityId = await createEntity(database, {
    code: spec.entityCode,
    name: `Consell Comarcal Sintètic (${spec.persons.toLocaleString('en')})`,
    emailDomains: ['synthetic.example'],
    timeZone: 'Europe/Madrid',
  });

  // The organization: municipalities, a sector and a team per two of them, professionals.
  const passwordHash = await hashPassword(spec.password);
  const professionals: SyntheticResult['professionals'] = new Map();
  const { municipalityIds, teamIds } = await database.tenant(entityId, async (tx) => {
    const territory = await insertTerritory(tx, entityId, {
      municipalities: world.municipalities,
      sectors: world.teams.map((t) => ({
        name: `Sector ${t.name}`,
        municipalities: t.municipalities,
      })),
      teams: world.teams.map((t) => ({ name: t.name, sectors: [`Sector ${t.name}`] })),
    });
    const add = async (key: string, roles: Role[], team: number | null) => {
      const pid = await insertProfessional(tx, entityId, {
        username: key,
        givenName: key,
        surnames: 'Sintètic',
        email: `${key}@synthetic.example`,
        roles,
        // European Social Fund cost category: immigration technicians carry one.
        ...(roles.includes('tech_immigration') ? { costCategory: 'A' as const } : {}),
        passwordHash,
      });
      professionals.set(key, { id: pid, roles, team });
      return pid;
    };
    for (const [index, team] of world.teams.entries()) {
      for (const member of team.members) {
        const pid = await add(member.key, member.roles, index);
        const teamId = territory.teamIds.get(team.name)!;
        await addMembership(tx, entityId, teamId, pid, member.coordinator);
      }
    }
    for (const other of world.others) await add(other.key, other.roles, null);
    return territory;
  });
  const municipalityId = world.municipalities.map((m) => municipalityIds.get(m)!);
  const teamId = world.teams.map((t) => teamIds.get(t.name)!);
  /** Technicians by team and scope (the referents of case files). */
  const technicians = world.teams.map((team) => {
    const byScope = new Map<CaseScope, string[]>();
    for (const m of team.members) {
      if (m.scope)
        byScope.set(m.scope, [...(byScope.get(m.scope) ?? []), professionals.get(m.key)!.id]);
    }
    return byScope;
  });
  const catalogue = async (name: string) =>
    (
      await database.tenant(entityId, (tx) =>
        rowsOf<{ id: string }>(
          tx,
          sql`SELECT id FROM catalogue_items WHERE entity_id = ${entityId} AND catalogue = ${name}
            ORDER BY position`,
        ),
      )
    ).map((r) => r.id);
  const types = {
    intervention: await catalogue('intervention_type'),
    closing: await catalogue('closing_reason'),
    demand: await catalogue('demand'),
    problem: await catalogue('problem'),
    resource: await catalogue('resource'),
    procedure: await catalogue('procedure'),
  };

  // Persons, with planted duplicates of recent originals.
  const batches = new Batches(sink);
  const total = spec.persons;
  const placeOf = new Uint16Array(total);
  const byPlace: number[][] = world.municipalities.map(() => []);
  const duplicates: DuplicatePair[] = [];
  const recent: { index: number; person: SyntheticPerson }[] = [];
  const stream = personStream(total, random, world.municipalities.length);
  for (let i = 0; i < total; i++) {
    let person: SyntheticPerson;
    if (spec.duplicateRate > 0 && recent.length > 0 && random() < spec.duplicateRate) {
      const original = pick(recent, random);
      const made = duplicateOf(original.person, pick(DUPLICATE_KINDS, random), random);
      person = made.copy;
      duplicates.push({
        original: id('person', original.index),
        duplicate: id('person', i),
        kind: made.kind,
      });
    } else {
      person = stream.next().value as SyntheticPerson;
      if (recent.length < 2000) recent.push({ index: i, person });
      else recent[Math.floor(random() * recent.length)] = { index: i, person };
    }
    placeOf[i] = person.municipality;
    byPlace[person.municipality]!.push(i);
    const team = teamOf(person.municipality);
    const referent = random() < 0.3 ? pick(technicians[team]!.get('ssb')!, random) : null;
    batches.add('persons', PERSON_COLUMNS, [
      id('person', i), entityId, person.givenName, person.firstSurname, person.secondSurname,
      person.sex, person.birthDate, person.nationality, person.documentType, person.documentNumber,
      person.mobilePhone, person.email, person.consentSms, person.preferredLanguage, person.address,
      municipalityId[person.municipality]!, teamId[team]!, referent,
    ]); // prettier-ignore
    if ((i + 1) % 20_000 === 0 || i + 1 === total) {
      await batches.flush(['persons']);
      onProgress('persons', i + 1, total);
    }
  }

  await batches.drain();

  // Case files: a holder, sometimes a partner and children of the same municipality, content.
  const thisYear = Number(spec.today.slice(0, 4));
  const counters = new Map<number, number>();
  const contentOrder = ['case_files', 'case_file_members', 'interventions', 'intervention_professionals',
    'intervention_persons', 'demands', 'problems', 'resources', 'procedures'] as const; // prettier-ignore
  let interventionIndex = 0;
  let entryIndex = 0;
  // Foreign keys are checked once at the end, set-based (the sink's choice): per-row checks
  // took more than half of the load.
  await sink.keysOff();
  for (let c = 0; c < spec.caseFiles; c++) {
    const holder = Math.floor(random() * total);
    const place = placeOf[holder]!;
    const team = teamOf(place);
    const scope = pickWeighted(SCOPES, random);
    const referent = pick(technicians[team]!.get(scope)!, random);
    const year = thisYear - Math.floor(random() * random() * 10);
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const lastDay = year === thisYear ? spec.today : `${year}-12-31`;
    const openedOn = min(dayPlus(`${year}-01-01`, Math.floor(random() * 365)), lastDay);
    const closed = random() < (year < thisYear - 1 ? 0.8 : 0.3);
    const closedOn = closed
      ? min(dayPlus(openedOn, 30 + Math.floor(random() * 700)), spec.today)
      : null;
    const fileId = id('case_file', c);
    batches.add('case_files', CASE_FILE_COLUMNS, [
    fileId, entityId, year, seq, scope, municipalityId[place]!, teamId[team]!, referent,
    closed ? 'closed' : 'open', openedOn, closedOn, closed ? pick(types.closing, random) : null, referent,
  ]); // prettier-ignore
    const members = [holder];
    const neighbours = byPlace[place]!;
    const extra = (random() < 0.3 ? 1 : 0) + (random() < 0.25 ? 1 + Math.floor(random() * 2) : 0);
    for (let k = 0; k < extra; k++) {
      const other = pick(neighbours, random);
      if (!members.includes(other)) members.push(other);
    }
    members.forEach(
      (person, k) =>
    batches.add('case_file_members', MEMBER_COLUMNS, [
      entityId, fileId, id('person', person), k === 0 ? 'holder' : k === 1 ? 'partner' : 'child', openedOn,
    ]), // prettier-ignore
    );
    // The "opened" event, then on average contentPerFile - 1 entries more.
    const until = closedOn ?? spec.today;
    const span = Math.max(0, (Date.parse(until) - Date.parse(openedOn)) / DAY);
    const when = () => dayPlus(openedOn, Math.floor(random() * span));
    const intervention = (typeId: string | null, on: string, notes: string) => {
      const iid = id('intervention', interventionIndex++);
      batches.add('interventions', INTERVENTION_COLUMNS, [
      iid, entityId, fileId, typeId, typeId ? null : 'opened', on,
      typeId ? 15 + Math.floor(random() * 60) : null, typeId ? 'office' : null, notes, referent,
    ]); // prettier-ignore
      batches.add('intervention_professionals', PARTICIPANT_COLUMNS, [entityId, iid, referent]);
      if (typeId)
        batches.add('intervention_persons', PRESENT_COLUMNS, [entityId, iid, id('person', holder)]);
    };
    intervention(null, openedOn, '');
    const more = Math.floor(random() * (2 * (spec.contentPerFile - 1) + 1));
    for (let k = 0; k < more; k++) {
      const on = when();
      const r = random();
      const person = id('person', holder);
      if (r < 0.55) intervention(pick(types.intervention, random), on, pick(NOTES, random));
    else if (r < 0.7)
      batches.add('demands', DEMAND_COLUMNS, [id('demand', entryIndex++), entityId, fileId, person, pick(types.demand, random), on, referent]); // prettier-ignore
    else if (r < 0.82)
      batches.add('problems', PROBLEM_COLUMNS, [id('problem', entryIndex++), entityId, fileId, person, pick(types.problem, random), on, !closed && random() < 0.7, referent]); // prettier-ignore
    else if (r < 0.92) {
      const state = pick(['pre_assigned', 'granted', 'granted', 'denied', 'ended'] as const, random);
      const starts = state === 'granted' || state === 'ended' ? on : null;
      const hours = random() < 0.5;
      batches.add('resources', RESOURCE_COLUMNS, [
        id('resource', entryIndex++), entityId, fileId, person, pick(types.resource, random), state,
        on, starts, state === 'ended' ? until : null, hours ? 4 + Math.floor(random() * 10) : 150 + Math.floor(random() * 400),
        hours ? 'hours_per_week' : 'euros', referent,
      ]); // prettier-ignore
    } else
      batches.add('procedures', PROCEDURE_COLUMNS, [
        id('procedure', entryIndex++), entityId, fileId, person, pick(types.procedure, random),
        'Generalitat de Catalunya', pick(['filed', 'granted', 'denied', 'in_preparation'] as const, random), on, on, referent,
      ]); // prettier-ignore
    }
    if ((c + 1) % 10_000 === 0 || c + 1 === spec.caseFiles) {
      await batches.flush(contentOrder);
      onProgress('case files', c + 1, spec.caseFiles);
    }
  }
  await batches.drain();
  await sink.checkKeys(contentOrder, entityId);
  await database.asOwner(async (tx) => {
    for (const [year, value] of counters) {
      await tx.execute(sql`INSERT INTO entity_counters (entity_id, name, value)
        VALUES (${entityId}, ${`case_file:${year}`}, ${value})
        ON CONFLICT (entity_id, name) DO UPDATE SET value = excluded.value`);
    }
  });
  return { entityId, professionals, duplicates, counts: batches.counts };
}
