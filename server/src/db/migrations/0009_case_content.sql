-- The content of a case file beyond interventions: demands, problems, resources, procedures and
-- intervention plans (issue 14), the catalogues they pick from, an official code per catalogue
-- entry, and the intervention the system records when a resource is granted.

-- More catalogues, and the code of the region's official classification an entry may carry
-- (in Catalonia, RUDEL: the yearly social-services data sheets group figures by it).
ALTER TABLE catalogue_items DROP CONSTRAINT catalogue_items_catalogue_check;
ALTER TABLE catalogue_items ADD CONSTRAINT catalogue_items_catalogue_check CHECK (
  catalogue IN ('intervention_type', 'closing_reason', 'demand', 'problem', 'resource', 'procedure')
);
ALTER TABLE catalogue_items ADD COLUMN official_code text
  CHECK (official_code ~ '^[A-Za-z0-9._/-]{1,20}$');

CREATE OR REPLACE FUNCTION caliu_seed_catalogues(p_entity uuid) RETURNS void
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
      ('closing_reason', 'other', 8),
      ('demand', 'information', 1),
      ('demand', 'economic_aid', 2),
      ('demand', 'food', 3),
      ('demand', 'housing', 4),
      ('demand', 'energy_supplies', 5),
      ('demand', 'employment', 6),
      ('demand', 'home_care', 7),
      ('demand', 'dependency', 8),
      ('demand', 'disability', 9),
      ('demand', 'family_support', 10),
      ('demand', 'childhood', 11),
      ('demand', 'education', 12),
      ('demand', 'health', 13),
      ('demand', 'legal_advice', 14),
      ('demand', 'residence_papers', 15),
      ('demand', 'violence', 16),
      ('demand', 'loneliness', 17),
      ('demand', 'other', 18),
      ('problem', 'economic_hardship', 1),
      ('problem', 'unemployment', 2),
      ('problem', 'housing_precarity', 3),
      ('problem', 'eviction_risk', 4),
      ('problem', 'energy_poverty', 5),
      ('problem', 'dependency', 6),
      ('problem', 'disability', 7),
      ('problem', 'mental_health', 8),
      ('problem', 'addiction', 9),
      ('problem', 'family_conflict', 10),
      ('problem', 'child_at_risk', 11),
      ('problem', 'gender_violence', 12),
      ('problem', 'social_isolation', 13),
      ('problem', 'irregular_residence', 14),
      ('problem', 'language_barrier', 15),
      ('problem', 'school_absenteeism', 16),
      ('problem', 'other', 17),
      ('resource', 'home_care_hours', 1),
      ('resource', 'telecare', 2),
      ('resource', 'meals_at_home', 3),
      ('resource', 'day_centre', 4),
      ('resource', 'residential_place', 5),
      ('resource', 'basic_needs_aid', 6),
      ('resource', 'housing_aid', 7),
      ('resource', 'energy_aid', 8),
      ('resource', 'food_aid', 9),
      ('resource', 'school_meals_grant', 10),
      ('resource', 'family_support_service', 11),
      ('resource', 'open_centre', 12),
      ('resource', 'psychological_support', 13),
      ('resource', 'interpreting', 14),
      ('resource', 'other', 15),
      ('procedure', 'dependency_recognition', 1),
      ('procedure', 'disability_certificate', 2),
      ('procedure', 'guaranteed_income', 3),
      ('procedure', 'minimum_living_income', 4),
      ('procedure', 'social_housing', 5),
      ('procedure', 'residence_permit', 6),
      ('procedure', 'family_benefit', 7),
      ('procedure', 'pension', 8),
      ('procedure', 'health_card', 9),
      ('procedure', 'school_enrolment', 10),
      ('procedure', 'free_legal_aid', 11),
      ('procedure', 'other', 12)
    ) AS d (catalogue, code, position)
    ON CONFLICT (entity_id, catalogue, code) DO NOTHING
  $$;
SELECT caliu_seed_catalogues(id) FROM entities WHERE kind = 'council';

-- What the person asks for.
CREATE TABLE demands (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  person_id uuid NOT NULL,
  type_id uuid NOT NULL,
  requested_on date NOT NULL,
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  author_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id),
  FOREIGN KEY (entity_id, type_id) REFERENCES catalogue_items (entity_id, id),
  FOREIGN KEY (entity_id, author_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX demands_case_file_idx
  ON demands (entity_id, case_file_id, requested_on DESC, created_at DESC, id DESC);
SELECT caliu_enable_tenant_rls('demands');

-- A need or problem the professional identifies: since when, and whether still active.
CREATE TABLE problems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  person_id uuid NOT NULL,
  type_id uuid NOT NULL,
  started_on date NOT NULL,
  active boolean NOT NULL DEFAULT true,
  ended_on date,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  author_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK (NOT active OR ended_on IS NULL),
  CHECK (ended_on IS NULL OR ended_on >= started_on),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id),
  FOREIGN KEY (entity_id, type_id) REFERENCES catalogue_items (entity_id, id),
  FOREIGN KEY (entity_id, author_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX problems_case_file_idx
  ON problems (entity_id, case_file_id, started_on DESC, created_at DESC, id DESC);
CREATE INDEX problems_active_person_idx ON problems (entity_id, person_id) WHERE active;
SELECT caliu_enable_tenant_rls('problems');

-- A benefit or service assigned: pre-assigned → granted | denied; granted → ended.
CREATE TABLE resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  person_id uuid NOT NULL,
  type_id uuid NOT NULL,
  state text NOT NULL DEFAULT 'pre_assigned'
    CHECK (state IN ('pre_assigned', 'granted', 'denied', 'ended')),
  -- The day it was recorded (entity time): its place in the timeline until it starts.
  recorded_on date NOT NULL,
  starts_on date,
  ends_on date,
  amount numeric(12, 2) CHECK (amount > 0),
  unit text CHECK (unit IN ('euros', 'hours_per_week')),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  author_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK ((amount IS NULL) = (unit IS NULL)),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  CHECK (state NOT IN ('granted', 'ended') OR starts_on IS NOT NULL),
  CHECK (state <> 'ended' OR ends_on IS NOT NULL),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id),
  FOREIGN KEY (entity_id, type_id) REFERENCES catalogue_items (entity_id, id),
  FOREIGN KEY (entity_id, author_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX resources_case_file_idx
  ON resources (entity_id, case_file_id, (coalesce(starts_on, recorded_on)) DESC, created_at DESC, id DESC);
CREATE INDEX resources_granted_person_idx ON resources (entity_id, person_id)
  WHERE state = 'granted';
SELECT caliu_enable_tenant_rls('resources');

-- Granting a resource records an intervention by itself, pointing at the resource.
ALTER TABLE interventions DROP CONSTRAINT interventions_event_check;
ALTER TABLE interventions ADD CONSTRAINT interventions_event_check
  CHECK (event IN ('opened', 'closed', 'reopened', 'resource_granted'));
ALTER TABLE interventions ADD COLUMN resource_id uuid;
ALTER TABLE interventions ADD CONSTRAINT interventions_resource_fk
  FOREIGN KEY (entity_id, resource_id) REFERENCES resources (entity_id, id) ON DELETE CASCADE;
ALTER TABLE interventions ADD CONSTRAINT interventions_resource_event_check
  CHECK (coalesce(event = 'resource_granted', false) = (resource_id IS NOT NULL));

-- An application to another administration, with its status there.
CREATE TABLE procedures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  person_id uuid NOT NULL,
  type_id uuid NOT NULL,
  administration text NOT NULL CHECK (length(administration) BETWEEN 1 AND 200),
  reference text NOT NULL DEFAULT '' CHECK (length(reference) <= 100),
  status text NOT NULL DEFAULT 'in_preparation' CHECK (
    status IN ('in_preparation', 'filed', 'pending_documents', 'granted', 'denied', 'withdrawn')
  ),
  recorded_on date NOT NULL,
  filed_on date,
  answered_on date,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  author_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK (answered_on IS NULL OR filed_on IS NULL OR answered_on >= filed_on),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id),
  FOREIGN KEY (entity_id, type_id) REFERENCES catalogue_items (entity_id, id),
  FOREIGN KEY (entity_id, author_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX procedures_case_file_idx
  ON procedures (entity_id, case_file_id, (coalesce(filed_on, recorded_on)) DESC, created_at DESC, id DESC);
SELECT caliu_enable_tenant_rls('procedures');

-- Intervention plans: objectives, the agreed actions (who, by when), review dates.
CREATE TABLE intervention_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  case_file_id uuid NOT NULL,
  started_on date NOT NULL,
  objectives text NOT NULL CHECK (length(objectives) BETWEEN 1 AND 4000),
  signed_by_person boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closed')),
  author_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, author_id) REFERENCES professionals (entity_id, id)
);
CREATE INDEX intervention_plans_case_file_idx
  ON intervention_plans (entity_id, case_file_id, started_on DESC, created_at DESC, id DESC);
SELECT caliu_enable_tenant_rls('intervention_plans');

CREATE TABLE plan_actions (
  entity_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  responsible text NOT NULL CHECK (length(responsible) BETWEEN 1 AND 200),
  due_on date,
  done boolean NOT NULL DEFAULT false,
  PRIMARY KEY (entity_id, plan_id, position),
  FOREIGN KEY (entity_id, plan_id) REFERENCES intervention_plans (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('plan_actions');

-- Review dates; a pending one (held_on null) is what the home page and the person's page show.
CREATE TABLE plan_reviews (
  entity_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  due_on date NOT NULL,
  held_on date,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  PRIMARY KEY (entity_id, plan_id, position),
  FOREIGN KEY (entity_id, plan_id) REFERENCES intervention_plans (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX plan_reviews_pending_idx ON plan_reviews (entity_id, due_on) WHERE held_on IS NULL;
SELECT caliu_enable_tenant_rls('plan_reviews');
