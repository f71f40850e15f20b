import { expect, it } from 'vitest';
import { CSRF_HEADER } from '@caliu/common';
import { buildWorld } from '../testing/matrix/world';

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
            route.url.replace(':id', id) +
            (route.method === 'GET' ? '?limit=abc&cursor=zz&q=%00' : '');
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
