-- The operations run from support tickets (issue 20, docs/decisions/0010): one row per ticket
-- whose operation ran, written in the same transaction as the change, so that a second run finds
-- it (after the ticket's lock) and changes nothing. `result` holds what changed as the ticket
-- and its email word it: keys, counts, names and numbers — never content.
CREATE TABLE support_operations (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('new_professional', 'merge_persons', 'merge_case_files',
    'mass_transfer', 'delete_case_files')),
  result jsonb NOT NULL,
  -- The agent who ran it: of the support entity, so an id and a snapshot of the name.
  run_by_agent_id uuid NOT NULL,
  run_by_name text NOT NULL CHECK (length(run_by_name) BETWEEN 1 AND 300),
  ran_at timestamptz NOT NULL,
  PRIMARY KEY (entity_id, ticket_id),
  FOREIGN KEY (entity_id, ticket_id) REFERENCES support_tickets (entity_id, id)
);
SELECT caliu_enable_tenant_rls('support_operations');
REVOKE TRUNCATE, DELETE, UPDATE ON support_operations FROM caliu_app;

