-- A coordinator's caseload transfer, run only once a second person approves it (issue 21,
-- docs/decisions/0011): the request (what to move, within the requester's coordinated teams at
-- the time), what its preview said (lines and fingerprint), and the decision. A pending request
-- past `expires_at` reads as expired (no job). `result` holds what moved as lines: keys, counts
-- and case file numbers — never content. The approver is never the requester.
CREATE TABLE caseload_transfers (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  requested_by uuid NOT NULL,
  from_professional_id uuid NOT NULL,
  to_professional_id uuid NOT NULL CHECK (to_professional_id <> from_professional_id),
  -- { caseFiles: 'open_and_closed' | 'open_only', persons: boolean, agenda: boolean }
  options jsonb NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  team_ids uuid[] NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'done', 'cancelled', 'expired')),
  requested_lines jsonb NOT NULL,
  requested_fingerprint text NOT NULL CHECK (requested_fingerprint ~ '^[0-9a-f]{64}$'),
  requested_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > requested_at),
  -- Who decided: a professional of the entity, or a support agent (of the support entity: an id
  -- and a snapshot of the name).
  decided_by uuid,
  decided_by_agent_id uuid,
  decided_by_name text CHECK (length(decided_by_name) BETWEEN 1 AND 300),
  decided_at timestamptz,
  result jsonb,
  PRIMARY KEY (entity_id, id),
  FOREIGN KEY (entity_id, requested_by) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, from_professional_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, to_professional_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, decided_by) REFERENCES professionals (entity_id, id),
  -- The approver is never the requester (who may cancel their own).
  CHECK (status <> 'done' OR decided_by IS NULL OR decided_by <> requested_by),
  CHECK (decided_at IS NULL OR (decided_by IS NULL) <> (decided_by_agent_id IS NULL)),
  CHECK ((status IN ('pending', 'expired')) = (decided_at IS NULL)),
  CHECK ((status = 'done') = (result IS NOT NULL))
);
CREATE INDEX caseload_transfers_pending_idx ON caseload_transfers (entity_id, expires_at)
  WHERE status = 'pending';
CREATE INDEX caseload_transfers_requester_idx
  ON caseload_transfers (entity_id, requested_by, requested_at DESC);
SELECT caliu_enable_tenant_rls('caseload_transfers');
REVOKE TRUNCATE, DELETE ON caseload_transfers FROM caliu_app;
