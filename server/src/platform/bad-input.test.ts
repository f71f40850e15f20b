import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { ALERT_KINDS, CSRF_HEADER, SESSION_COOKIE } from '@caliu/common';
import { TEST_PASSWORD } from '../testing/app';
import { buildWorld } from '../testing/matrix/world';

/** A route's address with its parameters filled: ids (the given one first), a catalogue's name. */
function withIds(url: string, id?: string): string {
  let first = true;
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'catalogue') return 'intervention_type';
    if (name === 'kind') return ALERT_KINDS[0];
    const value = first && id ? id : crypto.randomUUID();
    first = false;
    return value;
  });
}

/**
 * Bad input gets a 4xx, never a 500: every API route, as three roles, with malformed and unknown
 * ids, nonsense query strings and bodies of the wrong shape.
 */
it('answers malformed input on every route with a 4xx, never a 500', async () => {
  const w = await buildWorld();
  const bodies = [
    undefined,
    {},
    { x: 1 },
    [],
    'null',
    { name: 'x'.repeat(5000) },
    { id: -1, limit: 'a' },
  ];
  const found: string[] = [];
  for (const route of w.app.routeTable) {
    for (const role of ['administrator', 'coordinator', 'tech_ssb'] as const) {
      const s = w.actors[role].session;
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        for (const body of route.method === 'GET' ? [undefined] : bodies) {
          const url =
            withIds(route.url, id) + (route.method === 'GET' ? '?limit=abc&cursor=zz&q=%00' : '');
          const r = await w.app.inject({
            method: route.method as 'GET',
            url,
            ...(body !== undefined ? { payload: body as object } : {}),
            headers: { cookie: s.cookie, [CSRF_HEADER]: s.csrf },
          });
          if (r.statusCode >= 500)
            found.push(
              `${route.method} ${url} ${JSON.stringify(body)?.slice(0, 40)}: ${r.statusCode} ${r.body.slice(0, 100)}`,
            );
        }
      }
    }
  }
  expect([...new Set(found)]).toEqual([]);
}, 300_000);

/**
 * "<entity id>.<random>" values whose entity part is 36 characters of [0-9a-f-] but not a UUID:
 * PostgreSQL refuses them as a tenant id, so they must be refused before any query.
 */
const NOT_UUIDS = [
  '------------------------------------',
  'ffffffffffffffffffffffffffffffffffff',
  '0000000-000000-0000-0000-00000000000',
  'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa-',
  '-aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
  'aaaaaaaa-aaaa-aaaa-aaaa-aaaa-aaaaaaa',
];
const tokenWith = (entityPart: string) => `${entityPart}.${'A'.repeat(43)}`;
const cursorOf = (key: string, id: string) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');

it('answers cookies, challenges, link tokens and cursors with a malformed entity id with a 4xx', async () => {
  const w = await buildWorld();
  const admin = w.actors.administrator.session;
  // Between them these roles may call every list route.
  const listers = (
    ['administrator', 'coordinator', 'aux_admin', 'operator', 'support_agent'] as const
  ).map((role) => w.actors[role]);
  const found: string[] = [];
  const check = async (label: string, request: InjectOptions) => {
    const r = await w.app.inject(request);
    // Refused by the application, not by PostgreSQL (whose refusal the error handler turns into
    // a generic 400): the id is parsed before any query.
    const refusedByDatabase = r.statusCode === 400 && r.json().error?.code === 'http.bad_request';
    if (r.statusCode >= 500 || refusedByDatabase)
      found.push(`${label}: ${r.statusCode} ${r.body.slice(0, 100)}`);
  };
  for (const part of NOT_UUIDS) {
    const token = tokenWith(part);
    // The session cookie, on every route, and on login (which ends the session it carries).
    for (const route of w.app.routeTable) {
      await check(`cookie ${route.method} ${route.url}`, {
        method: route.method as 'GET',
        url: withIds(route.url),
        headers: { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: admin.csrf },
      });
    }
    await check('login with cookie', {
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: w.a.code, username: w.actors.tech_ssb.username, password: TEST_PASSWORD },
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    // The second-step challenge, the activation and reset links.
    await check('challenge', {
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge: token, code: '123456' },
    });
    await check('activation info', {
      method: 'GET',
      url: `/api/auth/activation?token=${encodeURIComponent(token)}`,
    });
    for (const url of ['/api/auth/activate', '/api/auth/password-reset']) {
      await check(url, {
        method: 'POST',
        url,
        payload: { token, password: 'a long enough passphrase 42' },
      });
    }
    // Cursors, time- and name-sorted, on every list, as every role that may list.
    for (const route of w.app.routeTable.filter((r) => r.method === 'GET')) {
      for (const cursor of [cursorOf(new Date().toISOString(), part), cursorOf('Name', part)]) {
        for (const actor of listers) {
          await check(`cursor ${route.url} as ${actor.role}`, {
            method: 'GET',
            url: `${withIds(route.url)}?cursor=${cursor}`,
            headers: actor.session.headers(),
          });
        }
      }
    }
  }
  // A name cursor whose key hides a NUL byte.
  for (const actor of listers) {
    for (const route of w.app.routeTable.filter((r) => r.method === 'GET')) {
      await check(`NUL cursor ${route.url}`, {
        method: 'GET',
        url: `${withIds(route.url)}?cursor=${cursorOf('a\u0000b', crypto.randomUUID())}`,
        headers: actor.session.headers(),
      });
    }
  }
  expect(found).toEqual([]);
}, 600_000);

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  minItems?: number;
};
/**
 * `fixed`: the discriminators of the object alternatives on the way (a union's `kind`), which the
 * payload carries too, so that the one alternative that holds the field is the one validated.
 */
type StringField = {
  path: (string | number)[];
  free: boolean;
  fixed?: [(string | number)[], unknown][];
  /** Arrays on the way that need more than one item (a tuple): the value fills each. */
  lengths?: [(string | number)[], number][];
};

/** A property that holds one value only (`z.literal`): a discriminator. */
const constOf = (s: JsonSchema): unknown[] =>
  s.const !== undefined ? [s.const] : s.enum?.length === 1 ? [s.enum[0]] : [];

/** The string leaves of a request schema; `free` when no enum or format already confines them. */
function stringFields(
  schema: JsonSchema | undefined,
  path: (string | number)[] = [],
  fixed: [(string | number)[], unknown][] = [],
  lengths: [(string | number)[], number][] = [],
): StringField[] {
  if (!schema) return [];
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (alternatives.length)
    return alternatives.flatMap((s) => stringFields(s, path, fixed, lengths));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) {
    return [
      {
        path,
        free:
          !schema.enum &&
          schema.const === undefined &&
          !['uuid', 'date', 'date-time'].includes(schema.format ?? ''),
        fixed,
        lengths,
      },
    ];
  }
  if (types.includes('array'))
    return stringFields(schema.items, [...path, 0], fixed, [
      ...lengths,
      [path, schema.minItems ?? 1],
    ]);
  const properties = Object.entries(schema.properties ?? {});
  const here = properties.flatMap(([key, s]) =>
    constOf(s).map((value) => [[...path, key], value] as [(string | number)[], unknown]),
  );
  return properties.flatMap(([key, s]) =>
    stringFields(
      s,
      [...path, key],
      [...fixed, ...here.filter(([at]) => at[at.length - 1] !== key)],
      lengths,
    ),
  );
}

function withValueAt(path: (string | number)[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number'
    ? [withValueAt(rest, value)]
    : { [head!]: withValueAt(rest, value) };
}

/** The value at `path`, with the field's discriminators beside it. */
function payloadFor(field: StringField, value: string): unknown {
  const payload = withValueAt(field.path, value);
  for (const [at, count] of field.lengths ?? []) {
    let node = payload as Record<string | number, unknown>;
    for (const key of at) node = node[key] as typeof node;
    const list = node as unknown as unknown[];
    while (list.length < count) list.push(structuredClone(list[0]));
  }
  for (const [at, fixedValue] of field.fixed ?? []) {
    let node = payload as Record<string | number, unknown>;
    for (const [i, key] of at.entries()) {
      if (i === at.length - 1) node[key] = fixedValue;
      else node = (node[key] ??= typeof at[i + 1] === 'number' ? [] : {}) as typeof node;
    }
  }
  return payload;
}

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
};

it('refuses a NUL byte in every string field of every route, naming the field, in the user language', async () => {
  const w = await buildWorld();
  const doc = w.app.swagger() as unknown as OpenApi;
  const sessions = Object.values(w.actors).map((a) => a.session);
  const problems: string[] = [];
  let checked = 0;
  for (const route of w.app.routeTable) {
    const operation = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    if (!operation) continue;
    const body = operation.requestBody?.content['application/json']?.schema;
    const cases = [
      ...stringFields(body).map((f) => ({ ...f, where: 'body' as const })),
      ...(operation.parameters ?? [])
        .filter((p) => p.in === 'query')
        .flatMap((p) =>
          stringFields(p.schema, [p.name]).map((f) => ({ ...f, where: 'query' as const })),
        ),
    ];
    for (const field of cases) {
      const value = 'Ab\u0000c';
      const url =
        withIds(route.url) +
        (field.where === 'query' ? `?${String(field.path[0])}=${encodeURIComponent(value)}` : '');
      const payload = field.where === 'body' ? (payloadFor(field, value) as object) : undefined;
      // The first caller the route lets in (public routes: anyone) meets the validation.
      let answer: { status: number; details: { field?: string; message: string }[] } | null = null;
      for (const session of [undefined, ...sessions]) {
        const r = await w.app.inject({
          method: route.method as 'GET',
          url,
          ...(payload ? { payload } : {}),
          headers: { ...(session?.headers('en') ?? { 'accept-language': 'en' }) },
        });
        if (r.statusCode === 401 || r.statusCode === 403) continue;
        answer = { status: r.statusCode, details: r.json().error?.details ?? [] };
        break;
      }
      checked++;
      const label = `${route.method} ${route.url} ${field.where} ${field.path.join('.')}`;
      if (!answer) continue;
      if (answer.status !== 400) {
        problems.push(`${label}: ${answer.status}`);
        continue;
      }
      const named = field.path.filter((p) => typeof p === 'string').join('.');
      // The field's details: the control character's first (a tuple also says it is short).
      const details = answer.details.filter(
        (d) => d.field?.replace(/\.\d+/g, '') === named || d.field === field.path.join('.'),
      );
      const detail = details.find((d) => /control character/.test(d.message)) ?? details[0];
      if (!detail) problems.push(`${label}: the field is not named`);
      else if (field.free && !/control character/.test(detail.message))
        problems.push(`${label}: ${detail.message}`);
    }
  }
  expect(checked).toBeGreaterThan(40);
  expect(problems).toEqual([]);
}, 600_000);
