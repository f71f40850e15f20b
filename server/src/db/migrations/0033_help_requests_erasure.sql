-- Community help, the data's lifecycle (issue 22, review; docs/decisions/0012): the erasure is
-- complete and nothing is kept longer than needed.

-- A deletion's reason is free text and may name someone: the erasure empties it too. A deleted
-- request not yet erased still says why (0029 tied the reason to the deletion for good).
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO STRICT c FROM pg_constraint
    WHERE conrelid = 'help_requests'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%(deleted_at IS NULL) = (delete_reason IS NULL)%';
  EXECUTE format('ALTER TABLE help_requests DROP CONSTRAINT %I', c);
  SELECT conname INTO STRICT c FROM pg_constraint
    WHERE conrelid = 'help_requests'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%(erased_at IS NULL) OR (deleted_at IS NOT NULL)%';
  EXECUTE format('ALTER TABLE help_requests DROP CONSTRAINT %I', c);
END $$;

-- "The request is deleted when it is no longer needed" (the form's consent): a completed request
-- is erased the retention period after its completion, which it records. (Nothing completes a
-- request yet: part 2, issue 23, sets `completed_at` with the status.)
ALTER TABLE help_requests
  ADD COLUMN completed_at timestamptz,
  ADD CONSTRAINT help_requests_deleted_check CHECK (
    (deleted_at IS NULL) = (deleted_by IS NULL)
    AND (deleted_at IS NOT NULL OR delete_reason IS NULL)
    AND (deleted_at IS NULL OR delete_reason IS NOT NULL OR erased_at IS NOT NULL)),
  ADD CONSTRAINT help_requests_completed_check
    CHECK (status <> 'completed' OR completed_at IS NOT NULL),
  -- Erased: deleted, or completed, the retention period before.
  ADD CONSTRAINT help_requests_erased_check CHECK (
    erased_at IS NULL OR deleted_at IS NOT NULL OR status = 'completed');
CREATE INDEX help_requests_completed_erasable_idx ON help_requests (completed_at)
  WHERE status = 'completed' AND erased_at IS NULL;

-- A request linked to a person record no longer keeps the record from being deleted: the link goes
-- (only the person's column: the entity's stays).
ALTER TABLE help_requests
  DROP CONSTRAINT help_requests_entity_id_person_id_fkey,
  ADD CONSTRAINT help_requests_person_fkey FOREIGN KEY (entity_id, person_id)
    REFERENCES persons (entity_id, id) ON DELETE SET NULL (person_id);

-- The retention job's entities: besides deleted requests, completed ones and submissions never
-- imported (their municipality removed, or nobody imported them), each the period after.
CREATE OR REPLACE FUNCTION caliu_help_requests_erasable(p_entities text, p_before timestamptz)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH listed AS (SELECT string_to_array(p_entities, ',')::uuid[] AS ids)
    SELECT r.entity_id FROM help_requests r, listed
    WHERE r.deleted_at IS NOT NULL AND r.erased_at IS NULL AND r.deleted_at < p_before
      AND (p_entities IS NULL OR r.entity_id = ANY (listed.ids))
    UNION
    SELECT r.entity_id FROM help_requests r, listed
    WHERE r.status = 'completed' AND r.erased_at IS NULL AND r.completed_at < p_before
      AND (p_entities IS NULL OR r.entity_id = ANY (listed.ids))
    UNION
    SELECT s.entity_id FROM help_request_submissions s, listed
    WHERE s.imported_at IS NULL AND s.submitted_at < p_before
      AND (p_entities IS NULL OR s.entity_id = ANY (listed.ids))
  $$;

-- The application may not delete submissions (0029); the retention job deletes those of the
-- current entity (behind its wall) never imported and submitted before `p_before`, and answers
-- their ids (the job audits each). A submission an import holds is waited for, then kept.
CREATE FUNCTION caliu_help_submissions_erase(p_before timestamptz) RETURNS SETOF uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    DELETE FROM help_request_submissions s
    WHERE s.entity_id = caliu_current_entity() AND s.imported_at IS NULL
      AND s.submitted_at < p_before
    RETURNING s.id
  $$;
REVOKE ALL ON FUNCTION caliu_help_submissions_erase(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_help_submissions_erase(timestamptz) TO caliu_app;
