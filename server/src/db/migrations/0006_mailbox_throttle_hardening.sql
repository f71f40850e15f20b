-- No secret link in another entity's demo mailbox, and login throttling
-- that stops guessing without locking the innocent out.

-- The demo mailbox keeps bodies only for the demo entity (entities.is_demo). Any other entity's
-- messages need a real mail server (or SMS gateway): without one they are kept as metadata (to,
-- subject, time) with why they were not delivered, and their outbox message fails.
ALTER TABLE mailbox_messages ALTER COLUMN text_body DROP NOT NULL;
ALTER TABLE mailbox_messages
  ADD COLUMN failure text CHECK (failure IN ('no_mail_server', 'no_sms_gateway'));
-- Bodies kept before this rule, in entities that are not the demo, hold live links: drop them.
UPDATE mailbox_messages m
   SET text_body = NULL,
       html_body = NULL,
       failure = CASE m.channel WHEN 'sms' THEN 'no_sms_gateway' ELSE 'no_mail_server' END
  FROM entities e
 WHERE e.id = m.entity_id AND NOT e.is_demo;
ALTER TABLE mailbox_messages
  ADD CONSTRAINT mailbox_messages_body_or_failure
  CHECK ((failure IS NULL) = (text_body IS NOT NULL) AND (failure IS NULL OR html_body IS NULL));

-- The support agent's page of every entity's mailbox now says whether each was delivered.
DROP FUNCTION caliu_mailbox_list_all(integer, timestamptz, uuid, uuid);
CREATE FUNCTION caliu_mailbox_list_all(
  p_limit integer, p_before_at timestamptz, p_before_id uuid, p_entity uuid)
  RETURNS TABLE (id uuid, entity_id uuid, entity_code text, entity_name text, channel text,
                 template text, language text, recipient text, subject text,
                 created_at timestamptz, failure text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.id, m.entity_id, e.code, e.name, m.channel, m.template, m.language, m.recipient,
           m.subject, m.created_at, m.failure
      FROM mailbox_messages m JOIN entities e ON e.id = m.entity_id
     WHERE (p_entity IS NULL OR m.entity_id = p_entity)
       AND (p_before_at IS NULL OR (m.created_at, m.id) < (p_before_at, p_before_id))
     ORDER BY m.created_at DESC, m.id DESC
     LIMIT least(greatest(p_limit, 1), 201)
  $$;
REVOKE ALL ON FUNCTION caliu_mailbox_list_all(integer, timestamptz, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_mailbox_list_all(integer, timestamptz, uuid, uuid) TO caliu_app;

-- Throttling keys (modules/auth/throttle.ts, docs/decisions/0004): an account from one address
-- (low threshold), an account from every address (much higher), an address across every account
-- (higher still: a town hall's fifty professionals share one address).
DELETE FROM login_throttles;
ALTER TABLE login_throttles DROP CONSTRAINT login_throttles_kind_check;
ALTER TABLE login_throttles
  ADD CONSTRAINT login_throttles_kind_check
  CHECK (kind IN ('account_address', 'account', 'address'));
-- When the account-wide limit tripped last: its owner is told by email once per trip.
ALTER TABLE login_throttles ADD COLUMN notified_at timestamptz;
