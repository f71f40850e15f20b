import { randomUUID } from 'node:crypto';
import { checkLetterFor } from '@caliu/common';
import type { Database } from '../db/connect';
import { municipalities, professionals } from '../db/schema';
import {
  defaultTeam,
  insertHistory,
  insertPersons,
  type NewPersonRow,
} from '../modules/persons/repository';

/**
 * The demo entity's person records: the examples the persons' search is shown with (García López, Núria Puig i Vidal,
 * Xavier Martí) and fifty more people of the three demo municipalities, with valid DNIs and NIEs.
 * One line each: given name | first surname | second surname | sex | birth date | document
 * (DNI digits, or NIE without its letter) | municipality (0 Vilanova de la Serra, 1 Santa Coloma
 * del Riu, 2 Sant Pere de les Fonts) | referent's username.
 */
const PEOPLE = `
María|García|López|f|1950-03-14|12345678|0|tech-ssb
Núria|Puig|i Vidal|f|1961-04-02|45128833|0|tech-ssb
Xavier|Martí||m|1978-11-23|38200417|2|sad-manager
José|García|López|m|1952-07-30|12983344|1|
Joan|Ferrer|Soler|m|1945-01-19|39011223|0|tech-ssb
Montserrat|Vila|Casas|f|1938-09-05|37755120|1|
Jordi|Roca|Pujol|m|1983-06-12|47822019|2|
Carme|Serra|Font|f|1941-12-24|38877001|0|
Pedro|de la Fuente|Ruiz|m|1970-02-14|50111234|1|
Laia|Prat|Bosch|f|2009-05-21|49333812|2|tech-eaia
Ahmed|El Amrani||m|1985-03-03|X4521987|0|tech-immigration
Fatima|Benali||f|1990-08-17|Y2233445|0|tech-siad
Mohamed|El Idrissi||m|1979-10-10|X7788123|1|
Ioana|Popescu||f|1988-01-30|Y5566778|2|
Giulia|D'Amico||f|1992-04-18|Y3344556|2|
Marco|Dalla Costa||m|1975-07-07|X9988776|1|
Francesca|Esposito||f|1968-12-01|Z1122334|0|
Mamadou|Diallo||m|1995-02-22|Y8877665|2|tech-immigration
Luz Marina|Quispe|Mamani|f|1980-09-09|Z5544332|1|
Antonio|Martínez|Sánchez|m|1948-04-04|36554433|0|
Dolors|Riera|Coll|f|1933-03-19|35112233|2|sad-manager
Francesc|Mas|Camps|m|1956-08-08|39887766|1|
Rosa|Fernández|Gómez|f|1962-10-12|40223344|0|
Manuel|Rodríguez|Pérez|m|1959-05-15|38445566|2|
Isabel|Jiménez|Ruiz|f|1973-11-11|46778899|1|
Marc|Bonet|Rovira|m|2012-06-30|49887711|0|
Júlia|Vives|Pons|f|2015-01-25|51234567|0|
Oriol|Sabaté|Miró|m|1987-02-02|47111222|2|
Mercè|Castells|Rosell|f|1944-07-16|37223344|1|
Josep Maria|Badia|Pla|m|1951-09-29|38001122|0|
Anna|Torra|Ribas|f|1997-03-08|48556677|2|
Francisco Javier|Navarro|Torres|m|1966-12-19|41223355|1|
Pilar|Domínguez|Vázquez|f|1957-04-23|39776655|0|
Lucía|Ramos|Gil|f|2003-10-05|49001177|2|
David|Romero|Alonso|m|1991-07-14|47665544|1|
Cristina|Gutiérrez|Molina|f|1984-05-27|46332211|0|
Ramon|Canals|Comas|m|1939-11-02|36998877|2|
Meritxell|Oliver|Domènech|f|1976-08-31|44556611|1|
Arnau|Grau|Esteve|m|2006-02-17|49223366|0|
Teresa|Nadal|Pagès|f|1949-06-06|37665599|2|
Jaume|Valls|Carreras|m|1964-03-21|40998811|1|
Gemma|Mestre|Matas|f|1981-12-12|46110099|0|
Miguel Ángel|Morales|Ortega|m|1970-10-30|43887722|2|
Encarnación|Delgado|Castro|f|1942-02-08|37004455|1|
Youssef|Haddad||m|1999-09-19|X3322110|0|
Andrei|Ionescu||m|1986-04-14|Y7766551|1|
Wei|Zhang||m|1983-01-08|X1239876|2|
Ayesha|Khan||f|1994-11-27|Z6655443|0|
Valentina|Chávez|Rojas|f|2001-06-23|Y4433221|1|
Giuseppe|Russo||m|1946-05-05|X5566112|2|
Neus|Font|Vidal|f|1935-08-14|34998811|0|
Pau|Ferrer|Soler|m|2010-11-03|49556633|0|
Roser|Casas|i Serra|f|1958-01-28|39445522|1|
`;

const DEMO_MUNICIPALITIES = [
  'Vilanova de la Serra',
  'Santa Coloma del Riu',
  'Sant Pere de les Fonts',
];
const NATIONALITY: Record<string, string> = {
  'El Amrani': 'MA', Benali: 'MA', 'El Idrissi': 'MA', Haddad: 'MA', Popescu: 'RO',
  Ionescu: 'RO', "D'Amico": 'IT', 'Dalla Costa': 'IT', Esposito: 'IT', Russo: 'IT',
  Diallo: 'SN', Quispe: 'PE', Zhang: 'CN', Khan: 'PK', Chávez: 'EC',
}; // prettier-ignore
const HOUSING = ['flat', 'house', 'flat', 'room', 'flat'] as const;
const TENURE = ['owned', 'rented', 'social_rental', 'rented', 'lent'] as const;
const STREETS = ['Carrer Major', 'Carrer de la Font', 'Plaça de la Vila', 'Carrer del Sol'];

/** A valid DNI (8 digits) or NIE (X/Y/Z and 7 digits) with its check letter. */
function withLetter(document: string): { type: 'dni' | 'nie'; number: string } {
  const nie = /^([XYZ])(\d{7})$/.exec(document);
  if (nie) {
    const digits = String('XYZ'.indexOf(nie[1]!)) + nie[2]!;
    return { type: 'nie', number: document + checkLetterFor(digits) };
  }
  return { type: 'dni', number: document + checkLetterFor(document) };
}

/** Adds the demo persons to the demo entity (its territory and logins must exist). */
export async function seedDemoPersons(database: Database, entityId: string): Promise<void> {
  await database.tenant(entityId, async (tx) => {
    const places = new Map(
      (await tx.select().from(municipalities)).map((m) => [m.name, m.id] as const),
    );
    const logins = new Map(
      (await tx.select().from(professionals)).map((p) => [p.username, p.id] as const),
    );
    const rows: NewPersonRow[] = [];
    const lines = PEOPLE.trim().split('\n');
    for (const [i, line] of lines.entries()) {
      const [given, first, second, sex, birth, document, place, referent] = line.split('|');
      const municipalityId = places.get(DEMO_MUNICIPALITIES[Number(place)]!)!;
      const { type, number } = withLetter(document!);
      const deceased = given === 'Neus';
      const mobile = i % 3 === 0 ? null : `6${String(10_000_000 + i * 7_654_321).slice(0, 8)}`;
      rows.push({
        id: randomUUID(),
        entityId,
        givenName: given!,
        firstSurname: first!,
        secondSurname: second || null,
        sex: sex === 'f' ? 'female' : 'male',
        birthDate: birth!,
        nationality: NATIONALITY[first!] ?? 'ES',
        documentType: type,
        documentNumber: number,
        mobilePhone: mobile,
        consentSms: mobile !== null && i % 2 === 0 && !deceased,
        preferredLanguage: NATIONALITY[first!] ? null : i % 2 === 0 ? 'ca' : 'es',
        address: `${STREETS[i % STREETS.length]}, ${3 + ((i * 7) % 60)}`,
        postalCode: ['08450', '08451', '08452'][Number(place)]!,
        municipalityId,
        housingType: HOUSING[i % HOUSING.length],
        housingTenure: TENURE[i % TENURE.length],
        referentId: referent ? (logins.get(referent) ?? null) : null,
        teamId: await defaultTeam(tx, entityId, municipalityId, null),
        status: deceased ? 'deceased' : 'active',
        deceasedOn: deceased ? '2025-01-10' : null,
      });
    }
    await insertPersons(tx, rows);
    for (const row of rows) {
      await insertHistory(tx, entityId, row.id!, null, [
        { field: 'municipality', newId: row.municipalityId },
        ...(row.teamId ? [{ field: 'team' as const, newId: row.teamId }] : []),
        ...(row.referentId ? [{ field: 'referent' as const, newId: row.referentId }] : []),
        ...(row.deceasedOn ? [{ field: 'status' as const, detail: row.deceasedOn }] : []),
      ]);
    }
  });
}
