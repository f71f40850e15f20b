-- Every request resolves its session cookie. Done behind the tenant wall it took a transaction
-- of four round trips (BEGIN, the wall, the look-up, COMMIT) before the request's own work; this
-- function answers in one statement. Like caliu_entity_by_code it reads across the wall, and
-- only what the cookie proves: the live session whose token hashes to p_token_hash, in the
-- entity the cookie names, with its professional active. The token is 256 random bits, so its
-- hash is the authority, exactly as it was inside the wall. PL/pgSQL, so its plan is cached per
-- connection (a SQL-language function is planned again at every call).
CREATE FUNCTION caliu_live_session(p_entity uuid, p_token_hash bytea, p_now timestamptz)
  RETURNS TABLE (session_id uuid, last_seen_at timestamptz, idle_expires_at timestamptz,
                 absolute_expires_at timestamptz, professional_id uuid, username text,
                 given_name text, surnames text, language text, roles text[], entity_id uuid,
                 entity_code text, entity_name text, entity_kind text, entity_time_zone text,
                 entity_language text, entity_requires_second_factor boolean,
                 second_factor_confirmed boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    RETURN QUERY SELECT s.id, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at, p.id, p.username,
      p.given_name, p.surnames, p.language, p.roles, e.id, e.code, e.name, e.kind, e.time_zone,
      e.default_language, e.requires_second_factor, (f.confirmed_at IS NOT NULL)
    FROM sessions s
    JOIN professionals p ON p.entity_id = s.entity_id AND p.id = s.professional_id
    JOIN entities e ON e.id = s.entity_id
    LEFT JOIN second_factors f ON f.professional_id = p.id
    WHERE s.token_hash = p_token_hash AND s.entity_id = p_entity AND s.ended_at IS NULL
      AND s.idle_expires_at > p_now AND s.absolute_expires_at > p_now AND p.active;
  END
  $$;
REVOKE ALL ON FUNCTION caliu_live_session(uuid, bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_live_session(uuid, bytea, timestamptz) TO caliu_app;
