-- The transactional outbox, the secret links its messages carry, and the demo mailbox.
-- See server/src/platform/messaging/README.md for how the worker claims and retries.

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
  -- A claimed message is leased to one worker until then; a worker that dies lets it lapse.
  locked_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (entity_id, idempotency_key),
  UNIQUE (entity_id, id),
  CHECK ((secret_purpose IS NULL) = (secret_subject_id IS NULL))
);
CREATE INDEX outbox_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_failed_idx ON outbox_messages (entity_id, created_at DESC) WHERE status = 'failed';
SELECT caliu_enable_tenant_rls('outbox_messages');

-- The one cross-entity path of the outbox worker. It claims up to p_limit due messages of any
-- entity (or of the entities listed in p_entities, comma-separated: sharding and tests) with
-- FOR UPDATE SKIP LOCKED, so concurrent workers claim different rows; it leases them for
-- p_lease_seconds and counts the attempt. It answers ids and entity ids only: the worker then
-- reads and sends each message behind its own entity's wall. Like caliu_entity_by_code, it sees
-- across the wall because its owner (the role that runs migrations) bypasses row-level security.
CREATE FUNCTION caliu_outbox_claim(p_limit integer, p_lease_seconds integer, p_entities text)
  RETURNS TABLE (id uuid, entity_id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH due AS (
      SELECT m.id FROM outbox_messages m
      WHERE m.status = 'pending'
        AND m.next_attempt_at <= now()
        AND (m.locked_until IS NULL OR m.locked_until <= now())
        AND (p_entities IS NULL OR m.entity_id = ANY (string_to_array(p_entities, ',')::uuid[]))
      ORDER BY m.next_attempt_at
      LIMIT least(greatest(p_limit, 1), 500)
      FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox_messages m
       SET locked_until = now() + make_interval(secs => greatest(p_lease_seconds, 1)),
           attempts = m.attempts + 1,
           last_attempt_at = now()
      FROM due
     WHERE m.id = due.id
    RETURNING m.id, m.entity_id
  $$;
REVOKE ALL ON FUNCTION caliu_outbox_claim(integer, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_outbox_claim(integer, integer, text) TO caliu_app;

-- Single-use secret links (activation, password reset, volunteer replies, calendar feeds): only
-- the token's SHA-256 is kept. Minting a new link for the same purpose and subject revokes the
-- old, except a link minted for the same outbox message (a repeat after a crash between sending
-- and marking sent carries the same Message-ID, so both copies must work until one is used).
CREATE TABLE secret_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  purpose text NOT NULL,
  subject_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  outbox_message_id uuid,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX secret_links_subject_idx ON secret_links (entity_id, purpose, subject_id);
SELECT caliu_enable_tenant_rls('secret_links');

-- The demo mailbox: with no SMTP_URL (or no SMS gateway) in demo mode, messages are delivered
-- here and read in the console. It holds live links, so it is used only in demo mode. A phone
-- number is stored masked (its last 3 digits).
CREATE TABLE mailbox_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  outbox_message_id uuid,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  template text NOT NULL,
  language text NOT NULL CHECK (language IN ('ca', 'es', 'it', 'en')),
  recipient text NOT NULL,
  sender text NOT NULL,
  reply_to text,
  subject text,
  text_body text NOT NULL,
  html_body text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, outbox_message_id)
);
CREATE INDEX mailbox_entity_created_idx ON mailbox_messages (entity_id, created_at DESC, id DESC);
CREATE INDEX mailbox_created_idx ON mailbox_messages (created_at DESC, id DESC);
SELECT caliu_enable_tenant_rls('mailbox_messages');

-- The support agent's one cross-entity read of the demo mailbox (the service audits each call):
-- a page of summaries, newest first, optionally of one entity.
CREATE FUNCTION caliu_mailbox_list_all(
  p_limit integer, p_before_at timestamptz, p_before_id uuid, p_entity uuid)
  RETURNS TABLE (id uuid, entity_id uuid, entity_code text, entity_name text, channel text,
                 template text, language text, recipient text, subject text,
                 created_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.id, m.entity_id, e.code, e.name, m.channel, m.template, m.language, m.recipient,
           m.subject, m.created_at
      FROM mailbox_messages m JOIN entities e ON e.id = m.entity_id
     WHERE (p_entity IS NULL OR m.entity_id = p_entity)
       AND (p_before_at IS NULL OR (m.created_at, m.id) < (p_before_at, p_before_id))
     ORDER BY m.created_at DESC, m.id DESC
     LIMIT least(greatest(p_limit, 1), 201)
  $$;
REVOKE ALL ON FUNCTION caliu_mailbox_list_all(integer, timestamptz, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_mailbox_list_all(integer, timestamptz, uuid, uuid) TO caliu_app;

-- Which entity a mailbox message belongs to, so the support agent's read of it runs (and is
-- audited) behind that entity's wall.
CREATE FUNCTION caliu_mailbox_entity_of(p_id uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT m.entity_id FROM mailbox_messages m WHERE m.id = p_id $$;
REVOKE ALL ON FUNCTION caliu_mailbox_entity_of(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_mailbox_entity_of(uuid) TO caliu_app;
