-- Temporary access to an absent professional's caseload (issue 16, part 3): for an absence (sick
-- leave, holidays), a coordinator lets a colleague of one of their teams work on the absent
-- professional's case files of that team, from one day to another (entity time, inclusive). It
-- starts and ends by itself: the session look-up below hands each request the covers live at its
-- time, and the case-file scope reads them as "own" (modules/case-files/access.ts). A SIAD case
-- file still opens only to SIAD technicians (docs/decisions/0006-caseload-covers.md). A cover
-- stops when the colleague leaves the team.
CREATE TABLE caseload_covers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  team_id uuid NOT NULL,
  absent_id uuid NOT NULL,
  cover_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('sick_leave', 'holidays', 'other')),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  granted_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Ended before its last day by a coordinator: from then on it is over.
  revoked_at timestamptz,
  revoked_by uuid,
  UNIQUE (entity_id, id),
  CHECK (absent_id <> cover_id),
  CHECK (ends_on >= starts_on),
  FOREIGN KEY (entity_id, team_id) REFERENCES teams (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, absent_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, cover_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, granted_by) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, revoked_by) REFERENCES professionals (entity_id, id)
);
CREATE INDEX caseload_covers_cover_idx ON caseload_covers (entity_id, cover_id, ends_on)
  WHERE revoked_at IS NULL;
CREATE INDEX caseload_covers_absent_idx ON caseload_covers (entity_id, absent_id, ends_on)
  WHERE revoked_at IS NULL;
CREATE INDEX caseload_covers_team_idx ON caseload_covers (entity_id, team_id, ends_on DESC);
SELECT caliu_enable_tenant_rls('caseload_covers');

-- The session look-up (0010) answers the covers live at p_now too: one statement still.
DROP FUNCTION caliu_live_session(uuid, bytea, timestamptz);
CREATE FUNCTION caliu_live_session(p_entity uuid, p_token_hash bytea, p_now timestamptz)
  RETURNS TABLE (session_id uuid, last_seen_at timestamptz, idle_expires_at timestamptz,
                 absolute_expires_at timestamptz, professional_id uuid, username text,
                 given_name text, surnames text, language text, roles text[], entity_id uuid,
                 entity_code text, entity_name text, entity_kind text, entity_time_zone text,
                 entity_language text, entity_requires_second_factor boolean,
                 second_factor_confirmed boolean, covers jsonb)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    RETURN QUERY SELECT s.id, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at, p.id, p.username,
      p.given_name, p.surnames, p.language, p.roles, e.id, e.code, e.name, e.kind, e.time_zone,
      e.default_language, e.requires_second_factor, (f.confirmed_at IS NOT NULL),
      (SELECT coalesce(jsonb_agg(jsonb_build_object('absentId', c.absent_id, 'teamId', c.team_id)),
          '[]'::jsonb)
        FROM caseload_covers c
        WHERE c.entity_id = s.entity_id AND c.cover_id = p.id AND c.revoked_at IS NULL
          AND (p_now AT TIME ZONE e.time_zone)::date BETWEEN c.starts_on AND c.ends_on
          -- Only while the colleague is still a member of the team.
          AND EXISTS (SELECT 1 FROM team_memberships m
            WHERE m.team_id = c.team_id AND m.professional_id = c.cover_id))
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
