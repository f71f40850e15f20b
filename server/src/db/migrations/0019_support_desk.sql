-- The support desk, part 1 (issue 19, docs/decisions/0009-support-desk-plan.md): typed tickets
-- with their history of comments and status changes, the agent they are assigned to, the times
-- to first response and to resolution; and the coordinator requests the floating button hands to
-- coordinators instead of support (deleting persons, transferring or deleting content,
-- unlinking persons).

-- A ticket's kind is one of the seed's (DESIGN.md "Support ticket kinds"); `fields` holds that
-- kind's fields as common/src/support.ts validated them. The agent is a professional of the
-- support entity: no foreign key across entities, a snapshot of the name. A ticket raised from
-- the public help form (before signing in) may have no requester record: its name and corporate
-- email are kept instead.
ALTER TABLE support_tickets ADD CONSTRAINT support_tickets_kind_check CHECK (
  kind IN ('new_professional', 'merge_persons', 'merge_case_files', 'mass_transfer',
    'delete_case_files', 'connection_error', 'export_error', 'other')
);
ALTER TABLE support_tickets ALTER COLUMN requester_id DROP NOT NULL;
ALTER TABLE support_tickets
  ADD COLUMN requester_name text CHECK (length(requester_name) BETWEEN 1 AND 200),
  ADD COLUMN requester_email text CHECK (length(requester_email) BETWEEN 3 AND 320),
  ADD COLUMN assigned_agent_id uuid,
  ADD COLUMN assigned_agent_name text,
  ADD COLUMN first_response_at timestamptz,
  ADD COLUMN resolved_at timestamptz,
  ADD CONSTRAINT support_tickets_requester_check CHECK (
    requester_id IS NOT NULL OR (requester_name IS NOT NULL AND requester_email IS NOT NULL)
  ),
  ADD CONSTRAINT support_tickets_agent_check CHECK (
    (assigned_agent_id IS NULL) = (assigned_agent_name IS NULL)
  ),
  ADD CONSTRAINT support_tickets_entity_id_key UNIQUE (entity_id, id);
-- The agents' queue: open tickets across entities, oldest first (0020's functions read it).
CREATE INDEX support_tickets_queue_idx ON support_tickets (status, created_at, id);

-- A ticket's history: a comment (body), a change of status (status), or both (an agent asking
-- the requester something moves the ticket to `waiting_requester` with the question). Authors
-- are the requester (a professional of the ticket's entity) or an agent (of the support entity:
-- no foreign key, a snapshot of the name).
CREATE TABLE support_ticket_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL,
  side text NOT NULL CHECK (side IN ('requester', 'agent')),
  author_id uuid,
  author_name text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
  body text CHECK (length(body) BETWEEN 1 AND 4000),
  status text CHECK (status IN ('new', 'in_progress', 'waiting_requester', 'resolved', 'rejected')),
  created_at timestamptz NOT NULL,
  CHECK (body IS NOT NULL OR status IS NOT NULL),
  FOREIGN KEY (entity_id, ticket_id) REFERENCES support_tickets (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX support_ticket_events_ticket_idx
  ON support_ticket_events (entity_id, ticket_id, created_at, id);
SELECT caliu_enable_tenant_rls('support_ticket_events');

-- What the floating button hands to coordinators. The records are named by id without foreign
-- keys (deleting them is the point of some requests): the reader resolves them, and one that is
-- gone reads as such. `items` is a list of {kind, id} of a case file's content.
CREATE TABLE coordinator_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  kind text NOT NULL
    CHECK (kind IN ('delete_persons', 'transfer_content', 'delete_content', 'unlink_persons')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'declined')),
  requester_id uuid NOT NULL,
  case_file_id uuid,
  person_ids uuid[] NOT NULL DEFAULT '{}',
  items jsonb NOT NULL DEFAULT '[]',
  target_number text CHECK (length(target_number) BETWEEN 1 AND 20),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  closed_by uuid,
  closed_reason text CHECK (length(closed_reason) <= 2000),
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  UNIQUE (entity_id, id),
  CHECK ((status = 'open') = (closed_at IS NULL)),
  CHECK ((status = 'open') = (closed_by IS NULL)),
  CHECK (status <> 'declined' OR closed_reason IS NOT NULL),
  FOREIGN KEY (entity_id, requester_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, closed_by) REFERENCES professionals (entity_id, id)
);
CREATE INDEX coordinator_requests_requester_idx
  ON coordinator_requests (entity_id, requester_id, created_at DESC);
SELECT caliu_enable_tenant_rls('coordinator_requests');

-- The coordinators a request was sent to (those of the records' teams when it was sent, else of
-- the requester's teams): each sees it on their home page until someone closes it.
CREATE TABLE coordinator_request_recipients (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  request_id uuid NOT NULL,
  coordinator_id uuid NOT NULL,
  PRIMARY KEY (entity_id, request_id, coordinator_id),
  FOREIGN KEY (entity_id, request_id) REFERENCES coordinator_requests (entity_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (entity_id, coordinator_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX coordinator_request_recipients_coordinator_idx
  ON coordinator_request_recipients (entity_id, coordinator_id);
SELECT caliu_enable_tenant_rls('coordinator_request_recipients');
