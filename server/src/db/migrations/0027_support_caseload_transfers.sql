-- The coordinators' caseload transfers waiting for a second approver, as the support agents see
-- them across entities (issue 21, docs/decisions/0011): a support agent may approve one, seeing
-- counts only. Like 0020's queue, SECURITY DEFINER with a fixed search_path, executable by the
-- application's role only; the API calls it only after the guard checked `support.resolve` and
-- audits the call. It answers metadata: the entity, the professionals' names, the options, the
-- reason and, of what the request's preview said, each line's key and count — never its items
-- (case file numbers and persons' names).
CREATE FUNCTION caliu_support_caseload_transfers(p_now timestamptz)
  RETURNS TABLE (id uuid, entity_id uuid, entity_code text, entity_name text,
                 requested_by uuid, requested_by_name text, from_professional_id uuid,
                 from_name text, to_professional_id uuid, to_name text, options jsonb,
                 reason text, requested_at timestamptz, expires_at timestamptz,
                 requested_counts jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.id, t.entity_id, e.code, e.name,
           t.requested_by, rb.given_name || ' ' || rb.surnames,
           t.from_professional_id, f.given_name || ' ' || f.surnames,
           t.to_professional_id, o.given_name || ' ' || o.surnames,
           t.options, t.reason, t.requested_at, t.expires_at,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('key', l.value ->> 'key',
                      'count', (l.value ->> 'count')::integer) ORDER BY l.n), '[]'::jsonb)
              FROM jsonb_array_elements(t.requested_lines) WITH ORDINALITY AS l (value, n))
      FROM caseload_transfers t
      JOIN entities e ON e.id = t.entity_id
      JOIN professionals rb ON rb.entity_id = t.entity_id AND rb.id = t.requested_by
      JOIN professionals f ON f.entity_id = t.entity_id AND f.id = t.from_professional_id
      JOIN professionals o ON o.entity_id = t.entity_id AND o.id = t.to_professional_id
     WHERE t.status = 'pending' AND t.expires_at >= p_now
     ORDER BY t.expires_at, t.id
     LIMIT 200
  $$;
REVOKE ALL ON FUNCTION caliu_support_caseload_transfers(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_support_caseload_transfers(timestamptz) TO caliu_app;

