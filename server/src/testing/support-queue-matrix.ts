import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';

/**
 * The authorization matrix's rows and scenarios for the support agents' queue (issue 19,
 * decision 0009), written by hand from DESIGN.md ("support ticket: resolve" — the support agent,
 * every entity): the queue, the entity directory, the agents and the dashboard are the support
 * agent's alone. The mailbox's entity filter lists what `mailbox.view` reads: every council for
 * the support agent, one's own entity for an administrator.
 */

const NONE: Relation[] = ['none'];

function allow(roles: readonly Caller[], relations: Relation[]) {
  return Object.fromEntries(roles.map((role) => [role, relations])) as Partial<
    Record<Caller, Relation[]>
  >;
}

export const SUPPORT_QUEUE_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/support/queue': { relations: NONE, allow: allow(['support_agent'], NONE) },
  'GET /api/support/entities': { relations: NONE, allow: allow(['support_agent'], NONE) },
  'GET /api/support/agents': { relations: NONE, allow: allow(['support_agent'], NONE) },
  'GET /api/support/dashboard': { relations: NONE, allow: allow(['support_agent'], NONE) },
  'GET /api/mailbox/entities': {
    relations: NONE,
    allow: allow(['administrator', 'support_agent'], NONE),
  },
};

const get =
  (url: string): Scenario =>
  async () => ({ method: 'GET', url });

export const SUPPORT_QUEUE_SCENARIOS: Record<string, Scenario> = {
  'GET /api/support/queue': get('/api/support/queue?limit=5'),
  'GET /api/support/entities': get('/api/support/entities'),
  'GET /api/support/agents': get('/api/support/agents'),
  'GET /api/support/dashboard': get('/api/support/dashboard'),
  'GET /api/mailbox/entities': get('/api/mailbox/entities'),
};
