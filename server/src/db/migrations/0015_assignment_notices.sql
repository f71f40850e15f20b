-- A professional is told when a person record or a case file is assigned or transferred to them
-- (issue 16, part 3): a notice on their home page until they have seen it, and an email (the
-- outbox, same transaction). The notice names the record by id; the email names no person.
CREATE TABLE assignment_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  professional_id uuid NOT NULL,
  record_type text NOT NULL CHECK (record_type IN ('person', 'case_file')),
  record_id uuid NOT NULL,
  -- As what: the referent, or one of the case file's assigned professionals.
  role text NOT NULL CHECK (role IN ('referent', 'assigned')),
  assigned_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz,
  UNIQUE (entity_id, id),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, assigned_by) REFERENCES professionals (entity_id, id)
);
CREATE INDEX assignment_notices_unseen_idx
  ON assignment_notices (entity_id, professional_id, created_at DESC) WHERE seen_at IS NULL;
SELECT caliu_enable_tenant_rls('assignment_notices');
