-- Community help, part 1 (issue 22, docs/decisions/0012): the watcher that tells an entity's
-- operators that submissions wait for the import, and what the operators' table needs.

-- The watcher's state, one row per entity: when its operators were last told (`notified_at`) and
-- the newest submission that email counted (`seen_until`). The row is updated only when a period
-- has passed since `notified_at`, in the transaction that enqueues the email: whatever the number
-- of worker processes, one of them updates it and the others find the period not yet over.
CREATE TABLE help_intake_notices (
  entity_id uuid PRIMARY KEY REFERENCES entities (id) ON DELETE CASCADE,
  notified_at timestamptz NOT NULL,
  seen_until timestamptz NOT NULL
);
SELECT caliu_enable_tenant_rls('help_intake_notices');
REVOKE TRUNCATE, DELETE ON help_intake_notices FROM caliu_app;

-- The entities (among `p_entities`, a comma-separated list of ids, or all when null) with
-- submissions not imported and submitted after the last ones their operators were told of.
-- The worker serves several entities behind their tenant walls: this answers only their ids, and
-- the watcher then works in each entity's own transaction.
CREATE FUNCTION caliu_help_intake_pending(p_entities text) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT s.entity_id
    FROM help_request_submissions s
      LEFT JOIN help_intake_notices n ON n.entity_id = s.entity_id
    WHERE s.imported_at IS NULL
      AND (n.seen_until IS NULL OR s.submitted_at > n.seen_until)
      AND (p_entities IS NULL OR s.entity_id = ANY (string_to_array(p_entities, ',')::uuid[]))
  $$;
REVOKE ALL ON FUNCTION caliu_help_intake_pending(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_help_intake_pending(text) TO caliu_app;

-- The retention job: the entities with deleted requests whose personal data is due for erasure
-- (deleted before `p_before`); the job then erases them in each entity's own transaction.
CREATE FUNCTION caliu_help_requests_erasable(p_entities text, p_before timestamptz)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT r.entity_id
    FROM help_requests r
    WHERE r.deleted_at IS NOT NULL AND r.erased_at IS NULL AND r.deleted_at < p_before
      AND (p_entities IS NULL OR r.entity_id = ANY (string_to_array(p_entities, ',')::uuid[]))
  $$;
REVOKE ALL ON FUNCTION caliu_help_requests_erasable(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_help_requests_erasable(text, timestamptz) TO caliu_app;

-- Suggested person records on a help request: the same phone or email, looked up by index
-- (plain equality, which the tenant wall lets an index answer), then the name compared.
CREATE INDEX persons_mobile_phone_idx ON persons (entity_id, mobile_phone)
  WHERE mobile_phone IS NOT NULL;
CREATE INDEX persons_other_phone_idx ON persons (entity_id, other_phone)
  WHERE other_phone IS NOT NULL;
CREATE INDEX persons_email_idx ON persons (entity_id, email) WHERE email IS NOT NULL;
-- A person merged into another: the requests linked to it follow (person references).
CREATE INDEX help_requests_person_idx ON help_requests (entity_id, person_id)
  WHERE person_id IS NOT NULL;
