-- The transactional outbox and the secret links its messages carry.

-- A message to send, written in the same transaction as the change that causes it. It never holds
-- a secret: a message that carries a link stores what the link is for (secret_purpose, subject),
-- and the worker mints the token when it sends.
CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  template text NOT NULL,
  recipient text NOT NULL,
  language text NOT NULL CHECK (language IN ('ca', 'es', 'it', 'en')),
  data jsonb NOT NULL DEFAULT '{}',
  reply_to text,
  secret_purpose text,
  secret_subject_id uuid,
  secret_ttl_hours integer,
  idempotency_key text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (entity_id, idempotency_key),
  CHECK ((secret_purpose IS NULL) = (secret_subject_id IS NULL))
);
CREATE INDEX outbox_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'pending';
SELECT caliu_enable_tenant_rls('outbox_messages');

-- Single-use secret links (activation, password reset, volunteer replies, calendar feeds): only
-- the token's SHA-256 is kept. Minting a new link for the same purpose and subject revokes the old.
CREATE TABLE secret_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  purpose text NOT NULL,
  subject_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX secret_links_subject_idx ON secret_links (entity_id, purpose, subject_id);
SELECT caliu_enable_tenant_rls('secret_links');
