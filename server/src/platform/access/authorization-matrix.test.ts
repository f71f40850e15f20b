import { beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, ROLE_PERMISSIONS, type Role } from '@caliu/common';
import {
  EXPECTED,
  routeOf,
  rowsOf,
  type Caller,
  type Relation,
} from '../../testing/matrix/expected';
import { SCENARIOS } from '../../testing/matrix/scenarios';
import { buildWorld, MATRIX_ROLES, type World } from '../../testing/matrix/world';

const CALLERS: Caller[] = [...MATRIX_ROLES, 'anonymous'];
const DENIED = new Set([401, 403, 404]);

/** A cell's answer: allowed only with a 2xx, denied only with 401/403/404, anything else is wrong. */
function verdict(status: number): 'allow' | 'deny' | 'neither' {
  if (status >= 200 && status < 300) return 'allow';
  return DENIED.has(status) ? 'deny' : 'neither';
}

/**
 * The authorization matrix: every route × every role (and anonymous) × every relation between
 * the caller and the target, as real HTTP calls, against the hand-written table in
 * testing/matrix/expected.ts.
 */
describe('authorization matrix', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  }, 120_000);

  it('has a hand-written row and a scenario for every API route', () => {
    const routes = world.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !EXPECTED[r])).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !SCENARIOS[r])).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(routeOf(r)))).toEqual([]);
  });

  it("agrees with the application's role → permission map", () => {
    const disagreements: string[] = [];
    for (const route of world.app.routeTable) {
      const own = `${route.method} ${route.url}`;
      for (const key of rowsOf(own)) {
        const row = EXPECTED[key]!;
        // A variant for a rule beyond the map is proven by its cells alone.
        if (key !== own && !row.permission) continue;
        if (route.public) {
          if (!row.allow.anonymous?.length)
            disagreements.push(`${key}: public, but the table denies anonymous`);
          continue;
        }
        if (row.allow.anonymous?.length) disagreements.push(`${key}: the table allows anonymous`);
        for (const role of MATRIX_ROLES) {
          const grants = ROLE_PERMISSIONS[role];
          // A variant needs its permission besides the route's.
          const scope = row.permission
            ? grants[route.permission!] && grants[row.permission]
            : grants[route.permission!];
          const allowed = row.allow[role] ?? [];
          // The support agent's entity is the service provider: an entity-scoped grant of theirs
          // reaches the provider's records, which the world's council does not hold.
          if (role === 'support_agent' && scope === 'entity' && allowed.length === 0) continue;
          if (Boolean(scope) !== allowed.length > 0) {
            disagreements.push(
              `${key}: ${role} has ${scope ?? 'no grant'} but the table says ${allowed.join('/') || 'deny'}`,
            );
            continue;
          }
          const scoped = row.relations.includes('own');
          if (scope && scoped) {
            const wanted: Relation[] =
              scope === 'own'
                ? ['own']
                : scope === 'team'
                  ? ['own', 'team']
                  : ['own', 'team', 'other_team'];
            if ([...allowed].sort().join() !== [...wanted].sort().join()) {
              disagreements.push(
                `${key}: ${role} scope ${scope} but the table allows ${allowed.join('/')}`,
              );
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('answers every cell as the table expects', async () => {
    const unexpected: string[] = [];
    let cells = 0;
    for (const key of world.app.routeTable.flatMap((r) => rowsOf(`${r.method} ${r.url}`))) {
      const row = EXPECTED[key]!;
      const scenario = SCENARIOS[key]!;
      for (const caller of CALLERS) {
        for (const relation of row.relations) {
          cells++;
          const request = await scenario(world, caller, relation);
          const session =
            caller === 'anonymous'
              ? null
              : request.session
                ? request.session
                : request.freshSession
                  ? await world.freshSession(caller)
                  : world.actors[caller as Role].session;
          const response = await world.app.inject({
            // Each cell from its own address, so that login throttling per address (which counts
            // the failures some cells cause on purpose) does not spill from one cell to the next.
            remoteAddress: `10.${(cells >> 16) & 255}.${(cells >> 8) & 255}.${cells & 255}`,
            method: request.method,
            url: request.url,
            ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
            headers: {
              ...request.headers,
              ...(session ? { cookie: session.cookie, [CSRF_HEADER]: session.csrf } : {}),
            },
          });
          if (request.endsOtherSessions && caller !== 'anonymous') {
            world.actors[caller].session = (await world.freshSession(caller))!;
          }
          const expectedAllow = (row.allow[caller] ?? []).includes(relation);
          if (verdict(response.statusCode) !== (expectedAllow ? 'allow' : 'deny')) {
            unexpected.push(
              `${key} as ${caller} (${relation}): expected ${expectedAllow ? 'allow' : 'deny'}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    console.log(`authorization matrix: ${cells} cells, ${unexpected.length} unexpected`);
    expect(unexpected).toEqual([]);
  }, 600_000);
});
