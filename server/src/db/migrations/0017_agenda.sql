-- The agenda (issue 18, docs/decisions/0008-agenda-plan.md): appointments between a professional
-- and persons, time reservations of one or several professionals, working hours per sector,
-- public holidays per entity, calendar feeds, and the reminders' bookkeeping. Every instant is a
-- timestamptz; wall times exist only in the entity's zone (entities.time_zone), in the server.

-- How long before an appointment its reminder leaves (entity setting).
ALTER TABLE entities ADD COLUMN appointment_reminder_hours integer NOT NULL DEFAULT 24
  CHECK (appointment_reminder_hours BETWEEN 1 AND 168);

-- A person with a SIAD case file gets no reminder unless a SIAD technician switched them on for
-- that person (a message on a shared phone can endanger a victim of gender violence).
ALTER TABLE persons ADD COLUMN siad_reminders_allowed boolean NOT NULL DEFAULT false;

CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  professional_id uuid NOT NULL,
  case_file_id uuid,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place text NOT NULL CHECK (place IN ('office', 'home_visit', 'phone', 'video')),
  notes text,
  state text NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'attended', 'missed', 'cancelled')),
  cancel_reason text,
  cancelled_at timestamptz,
  cancelled_by uuid,
  booked_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours'),
  CHECK ((state = 'cancelled') = (cancel_reason IS NOT NULL)),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, booked_by) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, cancelled_by) REFERENCES professionals (entity_id, id),
  -- Not cascading: deleting a case file is a command, which deletes its appointments (audited).
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id)
);
CREATE INDEX appointments_professional_idx ON appointments (entity_id, professional_id, starts_at);
CREATE INDEX appointments_case_file_idx ON appointments (entity_id, case_file_id)
  WHERE case_file_id IS NOT NULL;
SELECT caliu_enable_tenant_rls('appointments');

CREATE TABLE appointment_persons (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  appointment_id uuid NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (appointment_id, person_id),
  FOREIGN KEY (entity_id, appointment_id) REFERENCES appointments (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id)
);
CREATE INDEX appointment_persons_person_idx ON appointment_persons (entity_id, person_id);
SELECT caliu_enable_tenant_rls('appointment_persons');

-- The outbox messages an appointment scheduled (reminders, confirmations): a move or a
-- cancellation deletes the reminders not sent yet.
CREATE TABLE appointment_messages (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  appointment_id uuid NOT NULL,
  outbox_message_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'cancellation')),
  PRIMARY KEY (appointment_id, outbox_message_id),
  FOREIGN KEY (entity_id, appointment_id) REFERENCES appointments (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('appointment_messages');

CREATE TABLE time_reservations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours'),
  FOREIGN KEY (entity_id, created_by) REFERENCES professionals (entity_id, id)
);
SELECT caliu_enable_tenant_rls('time_reservations');

CREATE TABLE time_reservation_professionals (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  reservation_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  -- Copied from the reservation, so that a professional's agenda reads by one index.
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  PRIMARY KEY (reservation_id, professional_id),
  FOREIGN KEY (entity_id, reservation_id) REFERENCES time_reservations (entity_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX time_reservation_professionals_idx
  ON time_reservation_professionals (entity_id, professional_id, starts_at);
SELECT caliu_enable_tenant_rls('time_reservation_professionals');

-- Working hours per sector and weekday (1 Monday … 7 Sunday), one or more intervals.
CREATE TABLE sector_working_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  sector_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  end_time time NOT NULL,
  updated_by uuid,
  CHECK (end_time > start_time OR end_time = '00:00'::time),
  FOREIGN KEY (entity_id, sector_id) REFERENCES sectors (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, updated_by) REFERENCES professionals (entity_id, id)
);
CREATE INDEX sector_working_hours_idx ON sector_working_hours (entity_id, sector_id);
SELECT caliu_enable_tenant_rls('sector_working_hours');

CREATE TABLE public_holidays (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  date date NOT NULL,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('national', 'regional', 'local')),
  municipality_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK ((level = 'local') = (municipality_id IS NOT NULL)),
  FOREIGN KEY (entity_id, municipality_id) REFERENCES municipalities (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, created_by) REFERENCES professionals (entity_id, id)
);
CREATE UNIQUE INDEX public_holidays_unique_idx
  ON public_holidays (entity_id, date, coalesce(municipality_id, '00000000-0000-0000-0000-000000000000'::uuid));
SELECT caliu_enable_tenant_rls('public_holidays');

-- A professional's calendar feed. Its secret URL is a secret link (purpose 'calendar_feed',
-- subject this row), minted by the worker when it emails it: only its hash is kept.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  professional_id uuid NOT NULL,
  include_names boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  UNIQUE (entity_id, id),
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX calendar_feeds_professional_idx ON calendar_feeds (entity_id, professional_id);
SELECT caliu_enable_tenant_rls('calendar_feeds');

-- The worker's claim takes its clock: what is due is what is due by the worker's time or the
-- database's, whichever is later (a worker's clock never holds a message back; a test's manual
-- clock brings a reminder's time forward).
CREATE FUNCTION caliu_outbox_claim(p_limit integer, p_lease_seconds integer, p_entities text,
                                   p_now timestamptz)
  RETURNS TABLE (id uuid, entity_id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH due AS (
      SELECT m.id FROM outbox_messages m
      WHERE m.status = 'pending'
        AND m.next_attempt_at <= greatest(now(), p_now)
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
REVOKE ALL ON FUNCTION caliu_outbox_claim(integer, integer, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_outbox_claim(integer, integer, text, timestamptz) TO caliu_app;
