-- The public forms (before signing in, issue 19): the help form now, community help's later.
-- One mechanism (server/src/platform/public-forms): a honeypot, per-address and per-IP limits (the
-- login_throttles table, keys of their own), and a proof of work whose challenges are signed by
-- the server and used once.

-- Challenges already answered, until they expire (then the worker's chore forgets them). Not
-- tenant data (a challenge belongs to no entity): out of the application's reach like the server
-- keys, in caliu_private; caliu_app only calls the two functions below.
CREATE TABLE caliu_private.used_challenges (
  id uuid PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX used_challenges_expiry_idx ON caliu_private.used_challenges (expires_at);

-- Marks a challenge used: true the first time, false when it already was. Its row lives no longer
-- than the challenge (at most a day, whatever the caller says).
CREATE FUNCTION caliu_use_challenge(p_id uuid, p_expires_at timestamptz) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH added AS (
      INSERT INTO caliu_private.used_challenges (id, expires_at)
      VALUES (p_id, least(p_expires_at, now() + interval '1 day'))
      ON CONFLICT (id) DO NOTHING
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM added)
  $$;
REVOKE ALL ON FUNCTION caliu_use_challenge(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_use_challenge(uuid, timestamptz) TO caliu_app;

-- A help request typed on the public form, waiting for its sender to follow the confirmation
-- link emailed to them (a secret link, purpose 'public_support_request', whose hash secret_links
-- keeps). Only a request whose email is on one of the entity's domains is stored. Confirmed, it
-- becomes a ticket (ticket_id); confirmed or not, it is deleted a day after it was sent.
CREATE TABLE public_support_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  language text NOT NULL CHECK (language IN ('ca', 'es', 'it', 'en')),
  user_agent text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 500),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  ticket_id uuid,
  UNIQUE (entity_id, id),
  CHECK ((confirmed_at IS NULL) = (ticket_id IS NULL))
);
CREATE INDEX public_support_requests_expiry_idx ON public_support_requests (expires_at);
SELECT caliu_enable_tenant_rls('public_support_requests');
REVOKE TRUNCATE ON public_support_requests FROM caliu_app;

-- The worker's chore: forgets the challenges that expired and the help requests older than a day
-- (of the entities listed, or all), by the database's clock; no caller chooses the cut-off.
-- Answers how many rows went.
CREATE FUNCTION caliu_purge_public_forms(p_entities text) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    challenges integer;
    requests integer;
  BEGIN
    DELETE FROM caliu_private.used_challenges WHERE expires_at < now();
    GET DIAGNOSTICS challenges = ROW_COUNT;
    DELETE FROM public_support_requests r
     WHERE r.expires_at < now()
       AND (p_entities IS NULL OR r.entity_id = ANY (string_to_array(p_entities, ',')::uuid[]));
    GET DIAGNOSTICS requests = ROW_COUNT;
    RETURN challenges + requests;
  END $$;
REVOKE ALL ON FUNCTION caliu_purge_public_forms(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_purge_public_forms(text) TO caliu_app;
