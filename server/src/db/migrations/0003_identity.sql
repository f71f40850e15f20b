-- Identity: professionals' invariants, the second factor, login challenges and
-- throttling, and the installation's key for secrets at rest.

-- Only the immigration technician carries a European Social Fund cost category, and always one.
ALTER TABLE professionals ADD CONSTRAINT professionals_cost_category_role_check
  CHECK ((cost_category IS NOT NULL) = ('tech_immigration' = ANY (roles)));

-- One professional per identity document within an entity (documents are stored normalized).
CREATE UNIQUE INDEX professionals_document_key ON professionals (entity_id, document_type, document_number)
  WHERE document_number IS NOT NULL;
CREATE INDEX professionals_sector_idx ON professionals (entity_id, sector_id) WHERE sector_id IS NOT NULL;

-- The entity's corporate email domains are kept lower case.
ALTER TABLE entities ADD CONSTRAINT entities_email_domains_lower_check
  CHECK (email_domains = lower(email_domains::text)::text[]);

-- A professional's TOTP second factor. The secret is encrypted (AES-256-GCM) with the
-- installation key below; it leaves the server once, when enrolment starts. Until the first code
-- is confirmed the enrolment is pending and login does not ask for it. last_time_step refuses the
-- replay of a code already used.
CREATE TABLE second_factors (
  entity_id uuid NOT NULL,
  professional_id uuid NOT NULL PRIMARY KEY,
  secret_ciphertext bytea NOT NULL,
  confirmed_at timestamptz,
  last_time_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('second_factors');

-- Single-use recovery codes, shown once at enrolment; only their SHA-256 is kept.
CREATE TABLE second_factor_recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  code_hash bytea NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX second_factor_recovery_codes_professional_idx
  ON second_factor_recovery_codes (professional_id) WHERE used_at IS NULL;
SELECT caliu_enable_tenant_rls('second_factor_recovery_codes');

-- The step between a correct password and the second factor. The token ("<entity id>.<random>")
-- is in the client's hands; only its SHA-256 is kept. A few wrong codes use it up.
CREATE TABLE login_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  failures integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX login_challenges_professional_idx ON login_challenges (professional_id);
SELECT caliu_enable_tenant_rls('login_challenges');

-- Failed sign-in attempts per account (the username tried) and per address (the client's IP),
-- within an entity; both keys are SHA-256 hashes, so a password typed in the username field is not
-- kept. Attempts are counted before the password is checked, so concurrent attempts from several
-- processes cannot get past the limit; a success gives its attempt back.
CREATE TABLE login_throttles (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('account', 'address')),
  key_hash bytea NOT NULL,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz,
  PRIMARY KEY (entity_id, kind, key_hash)
);
SELECT caliu_enable_tenant_rls('login_throttles');

-- Installation-wide keys for secrets at rest (the TOTP secrets). Not tenant data, and out of the
-- application's reach: a schema of its own on which caliu_app has no privilege at all. The server
-- reads it once per process as the owner (modules/auth/secret-box.ts).
CREATE SCHEMA caliu_private;
REVOKE ALL ON SCHEMA caliu_private FROM PUBLIC;
CREATE TABLE caliu_private.server_keys (
  name text PRIMARY KEY,
  key bytea NOT NULL CHECK (length(key) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
