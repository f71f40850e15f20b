-- Review of issue 19 (docs/decisions/0009). The queue answered each ticket's subject,
-- which the server composes from what the requester typed (the names of the persons to merge, a
-- new professional's name, the first line of a question): names of a council's people handed to
-- every agent with each page, and recorded nowhere in the council's audit. The queue answers no
-- subject now; the ticket's own page, read through the audited cross-entity path, shows it.
-- Both functions also refuse to answer anyone but a session of the service provider's entity
-- (the API's guard checks the role first; this is the database's own wall behind it).

CREATE FUNCTION caliu_assert_provider() RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM entities WHERE id = caliu_current_entity() AND kind = 'provider')
  THEN
    RAISE EXCEPTION 'only the service provider''s entity reads across entities'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
REVOKE ALL ON FUNCTION caliu_assert_provider() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_assert_provider() TO caliu_app;

DROP FUNCTION caliu_support_queue(uuid, text, text[], timestamptz, timestamptz, text, integer,
  timestamptz, uuid, boolean);
CREATE FUNCTION caliu_support_queue(
  p_entity uuid, p_kind text, p_statuses text[], p_created_after timestamptz,
  p_created_before timestamptz, p_assignee text, p_limit integer, p_cursor_at timestamptz,
  p_cursor_id uuid, p_newest_first boolean)
  RETURNS TABLE (id uuid, entity_id uuid, entity_code text, entity_name text, number text,
                 kind text, status text, requester_name text,
                 assigned_agent_id uuid, assigned_agent_name text, created_at timestamptz,
                 updated_at timestamptz, first_response_at timestamptz,
                 resolved_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_limit integer := least(greatest(p_limit, 1), 101);
BEGIN
  PERFORM caliu_assert_provider();
  -- Two branches so that each orders plainly by (created_at, id): with one status the index
  -- support_tickets_queue_idx (status, created_at, id) yields the page without sorting.
  IF p_newest_first THEN
    RETURN QUERY
      SELECT t.id, t.entity_id, e.code, e.name, t.number, t.kind, t.status,
             coalesce(pr.given_name || ' ' || pr.surnames, t.requester_name),
             t.assigned_agent_id, t.assigned_agent_name, t.created_at, t.updated_at,
             t.first_response_at, t.resolved_at
        FROM support_tickets t
        JOIN entities e ON e.id = t.entity_id
        LEFT JOIN professionals pr ON pr.entity_id = t.entity_id AND pr.id = t.requester_id
       WHERE t.status = ANY (p_statuses)
         AND (p_entity IS NULL OR t.entity_id = p_entity)
         AND (p_kind IS NULL OR t.kind = p_kind)
         AND (p_created_after IS NULL OR t.created_at >= p_created_after)
         AND (p_created_before IS NULL OR t.created_at < p_created_before)
         AND (p_assignee IS NULL
              OR (p_assignee = 'none' AND t.assigned_agent_id IS NULL)
              OR (p_assignee <> 'none' AND t.assigned_agent_id::text = p_assignee))
         AND (p_cursor_at IS NULL OR (t.created_at, t.id) < (p_cursor_at, p_cursor_id))
       ORDER BY t.created_at DESC, t.id DESC
       LIMIT v_limit;
  ELSE
    RETURN QUERY
      SELECT t.id, t.entity_id, e.code, e.name, t.number, t.kind, t.status,
             coalesce(pr.given_name || ' ' || pr.surnames, t.requester_name),
             t.assigned_agent_id, t.assigned_agent_name, t.created_at, t.updated_at,
             t.first_response_at, t.resolved_at
        FROM support_tickets t
        JOIN entities e ON e.id = t.entity_id
        LEFT JOIN professionals pr ON pr.entity_id = t.entity_id AND pr.id = t.requester_id
       WHERE t.status = ANY (p_statuses)
         AND (p_entity IS NULL OR t.entity_id = p_entity)
         AND (p_kind IS NULL OR t.kind = p_kind)
         AND (p_created_after IS NULL OR t.created_at >= p_created_after)
         AND (p_created_before IS NULL OR t.created_at < p_created_before)
         AND (p_assignee IS NULL
              OR (p_assignee = 'none' AND t.assigned_agent_id IS NULL)
              OR (p_assignee <> 'none' AND t.assigned_agent_id::text = p_assignee))
         AND (p_cursor_at IS NULL OR (t.created_at, t.id) > (p_cursor_at, p_cursor_id))
       ORDER BY t.created_at ASC, t.id ASC
       LIMIT v_limit;
  END IF;
END $$;
REVOKE ALL ON FUNCTION caliu_support_queue(uuid, text, text[], timestamptz, timestamptz, text,
  integer, timestamptz, uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_support_queue(uuid, text, text[], timestamptz, timestamptz, text,
  integer, timestamptz, uuid, boolean) TO caliu_app;

CREATE OR REPLACE FUNCTION caliu_support_dashboard(p_from timestamptz, p_to timestamptz)
  RETURNS TABLE (kind text, status text, created_at timestamptz, first_response_at timestamptz,
                 resolved_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM caliu_assert_provider();
  RETURN QUERY
    SELECT t.kind, t.status, t.created_at, t.first_response_at, t.resolved_at
      FROM support_tickets t
     WHERE (t.created_at >= p_from AND t.created_at <= p_to)
        OR (t.resolved_at >= p_from AND t.resolved_at <= p_to);
END $$;

-- A used challenge is kept an hour past its expiry: the application checks expiry by its clock
-- and the chore purges by the database's, and a database clock ahead of the application's would
-- otherwise forget a challenge the application still accepts (then usable twice).
CREATE OR REPLACE FUNCTION caliu_use_challenge(p_id uuid, p_expires_at timestamptz)
  RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH added AS (
      INSERT INTO caliu_private.used_challenges (id, expires_at)
      VALUES (p_id, least(p_expires_at, now() + interval '1 day') + interval '1 hour')
      ON CONFLICT (id) DO NOTHING
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM added)
  $$;

-- A public-form ticket's emails go in the language its author wrote in (a professional's follow
-- their own setting): the request's language travels to the ticket.
ALTER TABLE support_tickets ADD COLUMN requester_language text
  CHECK (requester_language IN ('ca', 'es', 'it', 'en'));
