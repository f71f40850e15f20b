import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A `pg` client that prepares the statements the application runs often, once per connection:
 * such a statement is named after its text, so PostgreSQL parses, rewrites (row-level-security
 * policies included) and, where its plan cache finds a generic plan as good as the custom ones,
 * plans it once per connection instead of at every request. Planning was most of the cost of
 * Caliu's short queries (docs/PERFORMANCE.md); pgjdbc and postgres.js do the same.
 *
 * Bounded both ways: a text is prepared from its PREPARE_AFTER-th use on (one-off texts, such as
 * lists of a length seen once, stay unnamed), and a connection holds at most PER_CONNECTION
 * prepared statements (further texts go unnamed on it), so no backend grows without bound.
 * Statements without parameters (BEGIN, COMMIT, DDL) and pg's own query objects (cursors, COPY
 * streams) are sent as they are.
 *
 * A prepared statement outlives a change of its table's or function's result columns only until
 * it is used again ("cached plan must not change result type"): migrations run before the pool
 * opens, so this concerns only instances still running the old code during a rolling upgrade.
 */
export const PREPARE_AFTER = 3;
export const PER_CONNECTION = 500;
/** How many texts' uses are counted at once; past it the counts start again. */
const COUNTED = 20_000;

const uses = new Map<string, number>();
const names = new Map<string, string>();

/** The text's statement name once it is used often enough to be worth preparing. */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined) return known;
  const count = (uses.get(text) ?? 0) + 1;
  if (count < PREPARE_AFTER) {
    if (uses.size >= COUNTED) uses.clear();
    uses.set(text, count);
    return undefined;
  }
  uses.delete(text);
  const name = `c_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown[]; submit?: unknown };

/** How `Database.tenant()` and `anonymous()` set the row-level-security tenant (connect.ts). */
export const SET_TENANT = "SELECT set_config('app.entity_id', $1, true)";
const TENANT_VALUE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i;
const NOTHING_SENT = (command: string) =>
  ({ command, rowCount: null, oid: 0, rows: [], fields: [] }) as unknown as pg.QueryResult;

/**
 * Besides preparing statements, it saves every transaction a round trip: drizzle sends `begin`
 * and then the tenant's set_config as two statements, each waiting for its answer; this client
 * holds `begin` back and sends both as one (simple-protocol) message. The tenant value is checked
 * to be a uuid (or empty) before it is written into that text; anything else goes as it came.
 */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const prepared = new Set<string>();
    const send = super.query.bind(this) as (...args: unknown[]) => unknown;
    let heldBegin = false;
    // pg's query() has many overloads: (config[, values]) as drizzle calls it, (text, values).
    const query = (...args: unknown[]): unknown => {
      const [first, values] = args as [QueryConfig | string, unknown[] | undefined];
      const config: QueryConfig = typeof first === 'string' ? { text: first } : (first ?? {});
      const params = Array.isArray(values)
        ? values
        : Array.isArray(config.values)
          ? config.values
          : [];
      const promised = args.length <= 2 && typeof args.at(-1) !== 'function';
      if (heldBegin) {
        heldBegin = false;
        if (promised && (config.text === 'commit' || config.text === 'rollback')) {
          // Nothing was sent since `begin`: nothing to end.
          return Promise.resolve(NOTHING_SENT(config.text.toUpperCase()));
        }
        const tenant = params[0];
        if (
          promised &&
          config.text === SET_TENANT &&
          typeof tenant === 'string' &&
          TENANT_VALUE.test(tenant)
        ) {
          const both = send(`BEGIN; ${SET_TENANT.replace('$1', `'${tenant}'`)}`) as Promise<
            pg.QueryResult[]
          >;
          return both.then((results) => results[1]!);
        }
        // Anything else: `begin` first, as it came (pg sends queued queries in order).
        (send('begin') as Promise<unknown>).catch(() => undefined);
      }
      if (promised && config.text === 'begin' && params.length === 0 && !config.name) {
        heldBegin = true;
        return Promise.resolve(NOTHING_SENT('BEGIN'));
      }
      if (
        typeof config.text === 'string' &&
        config.name === undefined &&
        typeof config.submit !== 'function' &&
        params.length > 0
      ) {
        const name = statementName(config.text);
        if (name && (prepared.has(name) || prepared.size < PER_CONNECTION)) {
          prepared.add(name);
          args[0] = { ...config, name };
        }
      }
      return send(...args);
    };
    this.query = query as pg.Client['query'];
  }
}
