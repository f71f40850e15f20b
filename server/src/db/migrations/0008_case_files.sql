-- Case files (expedients), their members and assigned professionals, interventions, the
-- catalogues they pick from, and the persons each audited read concerns (docs/decisions/0005).

-- Catalogues of an entity (intervention types, closing reasons; part 2 adds more). An entry
-- seeded by default has no labels of its own: the translation files name it by its code
-- (`catalogues.<catalogue>.<code>`) in every language; an entity may give it its own labels.
CREATE TABLE catalogue_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  catalogue text NOT NULL CHECK (catalogue IN ('intervention_type', 'closing_reason')),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  labels jsonb CHECK (labels IS NULL OR jsonb_typeof(labels) = 'object'),
  active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  UNIQUE (entity_id, id),
  UNIQUE (entity_id, catalogue, code)
);
SELECT caliu_enable_tenant_rls('catalogue_items');

-- The default entries of every catalogue, for one entity (idempotent): called when an entity is
-- created and here for the entities that exist already.
CREATE FUNCTION caliu_seed_catalogues(p_entity uuid) RETURNS void
  LANGUAGE sql AS $$
    INSERT INTO catalogue_items (entity_id, catalogue, code, position)
    SELECT p_entity, d.catalogue, d.code, d.position
    FROM (VALUES
      ('intervention_type', 'interview', 1),
      ('intervention_type', 'home_visit', 2),
      ('intervention_type', 'phone_call', 3),
      ('intervention_type', 'coordination', 4),
      ('intervention_type', 'referral', 5),
      ('intervention_type', 'information', 6),
      ('intervention_type', 'guidance', 7),
      ('intervention_type', 'assessment', 8),
      ('intervention_type', 'report', 9),
      ('intervention_type', 'accompaniment', 10),
      ('intervention_type', 'group_activity', 11),
      ('intervention_type', 'other', 12),
      ('closing_reason', 'objectives_met', 1),
      ('closing_reason', 'no_longer_needed', 2),
      ('closing_reason', 'referred_elsewhere', 3),
      ('closing_reason', 'moved_away', 4),
      ('closing_reason', 'declined', 5),
      ('closing_reason', 'no_contact', 6),
      ('closing_reason', 'deceased', 7),
      ('closing_reason', 'other', 8)
    ) AS d (catalogue, code, position)
    ON CONFLICT (entity_id, catalogue, code) DO NOTHING
  $$;
GRANT EXECUTE ON FUNCTION caliu_seed_catalogues(uuid) TO caliu_app;
SELECT caliu_seed_catalogues(id) FROM entities WHERE kind = 'council';

-- A case file. Its number is (year, seq): seq counts from 1 in each entity and local year,
-- without gaps (entity_counters, name 'case_file:<year>', incremented by the creating
-- transaction), and the unique key is the guard.
CREATE TABLE case_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  seq integer NOT NULL CHECK (seq >= 1),
  scope text NOT NULL CHECK (scope IN ('ssb', 'siad', 'sad', 'immigration', 'eaia')),
  municipality_id uuid NOT NULL,
  team_id uuid,
  referent_id uuid,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  opened_on date NOT NULL,
  closed_on date,
  closing_reason_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  UNIQUE (entity_id, year, seq),
  CHECK ((state = 'closed') = (closed_on IS NOT NULL)),
  CHECK ((state = 'closed') = (closing_reason_id IS NOT NULL)),
  CHECK (closed_on IS NULL OR closed_on >= opened_on),
  FOREIGN KEY (entity_id, municipality_id) REFERENCES municipalities (entity_id, id),
  FOREIGN KEY (entity_id, team_id) REFERENCES teams (entity_id, id),
  FOREIGN KEY (entity_id, referent_id) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, closing_reason_id) REFERENCES catalogue_items (entity_id, id)
);
CREATE INDEX case_files_number_idx ON case_files (entity_id, seq, year);
CREATE INDEX case_files_team_idx ON case_files (entity_id, team_id, year DESC, seq DESC);
CREATE INDEX case_files_referent_idx ON case_files (entity_id, referent_id, year DESC, seq DESC);
CREATE INDEX case_files_municipality_idx ON case_files (entity_id, municipality_id);
SELECT caliu_enable_tenant_rls('case_files');

-- Professionals assigned to a case file besides its referent ("own" for them too).
CREATE TABLE case_file_professionals (
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  PRIMARY KEY (entity_id, case_file_id, professional_id),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX case_file_professionals_professional_idx
  ON case_file_professionals (entity_id, professional_id, case_file_id);
SELECT caliu_enable_tenant_rls('case_file_professionals');

-- The persons of a case file, with their role in it (at most one holder). A person in a case
-- file is kept: deleting their record is refused while they are a member (foreign key).
CREATE TABLE case_file_members (
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  person_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('holder', 'partner', 'child', 'household', 'other')),
  added_on date NOT NULL,
  added_by uuid,
  PRIMARY KEY (entity_id, case_file_id, person_id),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id)
);
CREATE UNIQUE INDEX case_file_members_one_holder ON case_file_members (entity_id, case_file_id)
  WHERE role = 'holder';
CREATE INDEX case_file_members_person_idx ON case_file_members (entity_id, person_id, case_file_id);
SELECT caliu_enable_tenant_rls('case_file_members');

-- Interventions: a type from the catalogue, or an event the system recorded (opening, closing,
-- reopening). Notes are confidential content.
CREATE TABLE interventions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  type_id uuid,
  event text CHECK (event IN ('opened', 'closed', 'reopened')),
  occurred_on date NOT NULL,
  duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 720),
  place text CHECK (place IN ('office', 'home', 'phone', 'video', 'other')),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  author_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK ((type_id IS NULL) <> (event IS NULL)),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, type_id) REFERENCES catalogue_items (entity_id, id),
  FOREIGN KEY (entity_id, author_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX interventions_case_file_idx
  ON interventions (entity_id, case_file_id, occurred_on DESC, created_at DESC, id DESC);
SELECT caliu_enable_tenant_rls('interventions');

CREATE TABLE intervention_professionals (
  entity_id uuid NOT NULL,
  intervention_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  PRIMARY KEY (entity_id, intervention_id, professional_id),
  FOREIGN KEY (entity_id, intervention_id) REFERENCES interventions (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, professional_id) REFERENCES professionals (entity_id, id)
);
SELECT caliu_enable_tenant_rls('intervention_professionals');

CREATE TABLE intervention_persons (
  entity_id uuid NOT NULL,
  intervention_id uuid NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (entity_id, intervention_id, person_id),
  FOREIGN KEY (entity_id, intervention_id) REFERENCES interventions (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id)
);
CREATE INDEX intervention_persons_person_idx ON intervention_persons (entity_id, person_id);
SELECT caliu_enable_tenant_rls('intervention_persons');

-- The persons an audit row concerns besides its record (a read of a case file's content
-- concerns each of its members): the data subject's access report (GDPR art. 15) finds them by
-- B-tree equality, which the tenant wall lets an index serve. Append-only like the log.
CREATE TABLE audit_subjects (
  entity_id uuid NOT NULL,
  person_id uuid NOT NULL,
  audit_id bigint NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
  PRIMARY KEY (entity_id, person_id, audit_id)
);
SELECT caliu_enable_tenant_rls('audit_subjects');
REVOKE UPDATE, DELETE, TRUNCATE ON audit_subjects FROM caliu_app;
