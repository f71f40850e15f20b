-- Caliu foundation: extensions, the application role, tenant walls, the first tables.
-- Runs as the database owner. The application itself works as caliu_app, which cannot bypass
-- row-level security (checked at start-up).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caliu_app') THEN
    CREATE ROLE caliu_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO caliu_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO caliu_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO caliu_app;

-- The tenant of the current transaction, set with set_config('app.entity_id', id, true).
CREATE FUNCTION caliu_current_entity() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.entity_id', true), '')::uuid $$;

-- Puts a tenant table behind the wall: rows of other entities are invisible and unwritable.
CREATE FUNCTION caliu_enable_tenant_rls(tbl regclass) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_wall ON %s USING (entity_id = caliu_current_entity()) WITH CHECK (entity_id = caliu_current_entity())',
    tbl);
END $$;

-- Accent- and case-folding for name search; IMMUTABLE so that it can be indexed.
CREATE FUNCTION caliu_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;

CREATE TABLE entities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL DEFAULT 'council' CHECK (kind IN ('council', 'provider')),
  email_domains text[] NOT NULL DEFAULT '{}',
  default_language text NOT NULL DEFAULT 'ca' CHECK (default_language IN ('ca', 'es', 'it', 'en')),
  time_zone text NOT NULL DEFAULT 'Europe/Madrid',
  requires_second_factor boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE entities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON entities USING (id = caliu_current_entity())
  WITH CHECK (id = caliu_current_entity());

-- Login resolves an entity code before any tenant is known: this is the only way to read an
-- entity outside its own wall, and it returns what the login form needs, nothing more.
CREATE FUNCTION caliu_entity_by_code(p_code text)
  RETURNS TABLE (id uuid, code text, name text, kind text, default_language text,
                 time_zone text, requires_second_factor boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT e.id, e.code, e.name, e.kind, e.default_language, e.time_zone, e.requires_second_factor
    FROM entities e WHERE e.code = lower(p_code)
  $$;
REVOKE ALL ON FUNCTION caliu_entity_by_code(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_entity_by_code(text) TO caliu_app;

-- Per-entity counters (support ticket numbers, case-file numbers).
CREATE TABLE entity_counters (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (entity_id, name)
);
SELECT caliu_enable_tenant_rls('entity_counters');

CREATE TABLE municipalities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  ine_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, name),
  UNIQUE (entity_id, id)
);
SELECT caliu_enable_tenant_rls('municipalities');

CREATE TABLE sectors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, name),
  UNIQUE (entity_id, id)
);
SELECT caliu_enable_tenant_rls('sectors');

CREATE TABLE sector_municipalities (
  entity_id uuid NOT NULL,
  sector_id uuid NOT NULL,
  municipality_id uuid NOT NULL,
  PRIMARY KEY (sector_id, municipality_id),
  FOREIGN KEY (entity_id, sector_id) REFERENCES sectors (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, municipality_id) REFERENCES municipalities (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('sector_municipalities');

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, name),
  UNIQUE (entity_id, id)
);
SELECT caliu_enable_tenant_rls('teams');

-- The territory a team serves: sectors and/or whole municipalities.
CREATE TABLE team_sectors (
  entity_id uuid NOT NULL,
  team_id uuid NOT NULL,
  sector_id uuid NOT NULL,
  PRIMARY KEY (team_id, sector_id),
  FOREIGN KEY (entity_id, team_id) REFERENCES teams (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, sector_id) REFERENCES sectors (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('team_sectors');

CREATE TABLE team_municipalities (
  entity_id uuid NOT NULL,
  team_id uuid NOT NULL,
  municipality_id uuid NOT NULL,
  PRIMARY KEY (team_id, municipality_id),
  FOREIGN KEY (entity_id, team_id) REFERENCES teams (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, municipality_id) REFERENCES municipalities (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('team_municipalities');

CREATE TABLE professionals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  surnames text NOT NULL CHECK (length(surnames) BETWEEN 1 AND 200),
  document_type text CHECK (document_type IN ('dni', 'nie', 'passport')),
  document_number text,
  email text NOT NULL,
  language text CHECK (language IN ('ca', 'es', 'it', 'en')),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  cost_category text CHECK (cost_category IN ('A', 'B', 'C')),
  sector_id uuid,
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  activated_at timestamptz,
  deactivated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, username),
  UNIQUE (entity_id, id),
  FOREIGN KEY (entity_id, sector_id) REFERENCES sectors (entity_id, id)
);
CREATE UNIQUE INDEX professionals_email_key ON professionals (entity_id, lower(email));
SELECT caliu_enable_tenant_rls('professionals');

CREATE TABLE team_memberships (
  entity_id uuid NOT NULL,
  team_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  is_coordinator boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, professional_id),
  FOREIGN KEY (entity_id, team_id) REFERENCES teams (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX team_memberships_professional_idx ON team_memberships (professional_id);
SELECT caliu_enable_tenant_rls('team_memberships');

-- Server-side sessions. The cookie holds "<entity id>.<token>"; only the token's hash is kept.
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text CHECK (end_reason IN ('logout', 'expired', 'deactivated', 'rotated', 'password_changed')),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_professional_idx ON sessions (professional_id) WHERE ended_at IS NULL;
SELECT caliu_enable_tenant_rls('sessions');

-- Append-only audit log: the application may insert and read, never update or delete.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_entity_id uuid,
  action text NOT NULL,
  outcome text NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'denied', 'failed')),
  record_type text,
  record_id text,
  request_id text,
  ticket_id uuid,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity_at_idx ON audit_log (entity_id, at DESC);
CREATE INDEX audit_log_record_idx ON audit_log (entity_id, record_type, record_id);
CREATE INDEX audit_log_actor_idx ON audit_log (entity_id, actor_id, at DESC);
SELECT caliu_enable_tenant_rls('audit_log');
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM caliu_app;

CREATE TABLE support_tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  number text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'waiting_requester', 'resolved', 'rejected')),
  requester_id uuid NOT NULL,
  subject text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, number),
  FOREIGN KEY (entity_id, requester_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX support_tickets_requester_idx ON support_tickets (entity_id, requester_id, created_at DESC);
SELECT caliu_enable_tenant_rls('support_tickets');
