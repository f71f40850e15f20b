-- The support agents' cross-entity reads (issue 19, docs/decisions/0009-support-desk-plan.md):
-- the queue of every council's tickets and the figures of the dashboard. Each answers metadata
-- only — numbers, kinds, statuses, names, times — and never a ticket's `fields` (what the
-- requester typed may name persons and case files). Like caliu_outbox_claim they are SECURITY DEFINER with a fixed
-- search_path, executable by the application's role only; the API calls them only after the
-- guard checked `support.resolve` and audits every call. The directory of entities is 0005's
-- caliu_entity_directory (the API keeps the councils).

-- One page of the queue. Filters left null match everything; `p_assignee` is 'none'
-- (unassigned), an agent's id, or null. Open statuses read oldest first (what waits longest
-- comes first), closed ones newest first; the cursor is the last row's (created_at, id).
CREATE FUNCTION caliu_support_queue(
  p_entity uuid, p_kind text, p_statuses text[], p_created_after timestamptz,
  p_created_before timestamptz, p_assignee text, p_limit integer, p_cursor_at timestamptz,
  p_cursor_id uuid, p_newest_first boolean)
  RETURNS TABLE (id uuid, entity_id uuid, entity_code text, entity_name text, number text,
                 kind text, status text, subject text, requester_name text,
                 assigned_agent_id uuid, assigned_agent_name text, created_at timestamptz,
                 updated_at timestamptz, first_response_at timestamptz,
                 resolved_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_limit integer := least(greatest(p_limit, 1), 101);
BEGIN
  -- Two branches so that each orders plainly by (created_at, id): with one status the index
  -- support_tickets_queue_idx (status, created_at, id) yields the page without sorting.
  IF p_newest_first THEN
    RETURN QUERY
      SELECT t.id, t.entity_id, e.code, e.name, t.number, t.kind, t.status, t.subject,
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
      SELECT t.id, t.entity_id, e.code, e.name, t.number, t.kind, t.status, t.subject,
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

-- The dashboard's raw figures: the times of every ticket opened or resolved within [from, to]
-- (the API computes medians and percentiles from them). Times only, no names.
CREATE FUNCTION caliu_support_dashboard(p_from timestamptz, p_to timestamptz)
  RETURNS TABLE (kind text, status text, created_at timestamptz, first_response_at timestamptz,
                 resolved_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.kind, t.status, t.created_at, t.first_response_at, t.resolved_at
      FROM support_tickets t
     WHERE (t.created_at >= p_from AND t.created_at <= p_to)
        OR (t.resolved_at >= p_from AND t.resolved_at <= p_to)
  $$;
REVOKE ALL ON FUNCTION caliu_support_dashboard(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_support_dashboard(timestamptz, timestamptz) TO caliu_app;
