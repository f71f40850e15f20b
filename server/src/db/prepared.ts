import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A `pg` client that prepares every parameterised statement once per connection: the statement
 * is named after its text, so PostgreSQL parses, rewrites (row-level-security policies included)
 * and, once its plan cache settles on a generic plan, plans it once per connection instead of at
 * every request. Planning is most of the cost of Caliu's short queries (docs/PERFORMANCE.md);
 * the same is postgres.js's default. Statements without parameters (BEGIN, COMMIT, DDL) are sent
 * as they are.
 *
 * The names are bounded: past MAX_NAMED distinct texts (an unbounded variety would come from
 * lists of varying length), further texts go unnamed rather than fill every connection's memory.
 */
export const MAX_NAMED = 2000;

const names = new Map<string, string>();

export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `c_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown[] };

export class PreparingClient extends pg.Client {
  // pg's query() has many overloads: (config[, values]) as drizzle calls it, (text, values).
  override query(...args: unknown[]): never {
    const [first, values] = args as [QueryConfig | string, unknown[] | undefined];
    const config: QueryConfig = typeof first === 'string' ? { text: first } : (first ?? {});
    const parameterised =
      (Array.isArray(values) && values.length > 0) ||
      (Array.isArray(config.values) && config.values.length > 0);
    if (typeof config.text === 'string' && config.name === undefined && parameterised) {
      const name = statementName(config.text);
      if (name) args[0] = { ...config, name };
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
