-- The home page (issue 16 part 2): each professional's alert preferences, and the indexes its
-- alerts and its "recent case files" read (modules/home/).

-- A kind of alert a professional switched off (or on again). No row: the kind is on. Like
-- person_duplicate_dismissals.dismissed_by, no foreign key to professionals: a professional's
-- deactivation never waits on a preference.
CREATE TABLE home_alert_preferences (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  professional_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plan_review_overdue', 'resource_past_end',
    'resource_pre_assigned', 'case_file_inactive', 'person_without_referent',
    'municipality_mismatch')),
  enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_id, professional_id, kind)
);
SELECT caliu_enable_tenant_rls('home_alert_preferences');
REVOKE TRUNCATE ON home_alert_preferences FROM caliu_app;

-- "Recent case files": the professional's own reads of case files, newest first. Partial, so
-- that it holds only those rows and the case file's opening (a hot path) pays one small index
-- entry, no extra statement.
CREATE INDEX audit_log_case_file_reads_idx ON audit_log (entity_id, actor_id, at DESC)
  WHERE action = 'case_file.read';

-- "Persons without a referent" of the teams a coordinator coordinates, found by team.
CREATE INDEX persons_without_referent_idx ON persons (entity_id, team_id)
  WHERE referent_id IS NULL AND status = 'active';

-- The resources that may become an alert (granted past their end, pre-assigned for long), by
-- case file: the alerts look them up per case file of the professional's scope, reading only
-- the index (its INCLUDE holds what the alert shows).
CREATE INDEX resources_pending_alert_idx ON resources (entity_id, case_file_id)
  INCLUDE (state, ends_on, recorded_on, person_id, type_id)
  WHERE state IN ('granted', 'pre_assigned');

-- A team's open case files with what the scope predicates and the alerts read, for a
-- coordinator's alerts and caseload: read from the index alone (at a million persons a team
-- holds some 9,000 open case files among 20,000; through case_files_team_idx reading them was
-- 100 ms of heap, from this index 10).
CREATE INDEX case_files_open_team_idx ON case_files (entity_id, team_id)
  INCLUDE (id, year, seq, municipality_id, opened_on, scope, referent_id)
  WHERE state = 'open';
