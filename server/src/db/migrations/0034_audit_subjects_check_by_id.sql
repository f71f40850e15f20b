-- The audit tables' statement-level checks of migration 0028, planned so that no estimate can make
-- them quadratic (issue 21).
--
-- 0028 checked the subjects written by a statement with
--   NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = s.audit_id AND a.entity_id = s.entity_id)
-- which the planner may answer through audit_log_entity_at_idx (entity_id = s.entity_id, then
-- id as a filter): each subject then reads every audit row of its entity. It did, at full scale,
-- with audit_log's statistics taken while it was nearly empty: a mass transfer's 100,000
-- subjects against its own 100,000 audit rows ran for minutes (10^10 index entries read). Here
-- each subject's audit row is looked up by its id alone, a scalar sub-query that no plan turns
-- into a join (a join of the statement's rows with a range of audit_log, estimated at one row,
-- was also planned as a nested loop over the whole range: quadratic again): one probe of the
-- primary key per subject, whatever the statistics say, and the entity compared on the row
-- found. The same rule as 0028: every subject names an existing audit row, of its own entity.
--
-- The entities named by a statement's audit rows are found by hashing, not by sorting 100,000
-- uuids (array_agg(DISTINCT …)); the rest is 0028's: each entity exists, locked FOR KEY SHARE.

CREATE OR REPLACE FUNCTION caliu_audit_subjects_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  orphans boolean;
BEGIN
  EXECUTE 'SELECT EXISTS (SELECT 1 FROM written s
      WHERE (SELECT a.entity_id FROM audit_log a WHERE a.id = s.audit_id)
        IS DISTINCT FROM s.entity_id)' INTO orphans;
  IF orphans THEN
    RAISE EXCEPTION 'audit_subjects: audit_id names no audit_log row'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION caliu_audit_log_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  named uuid[];
  found int;
BEGIN
  SELECT array_agg(d.entity_id) INTO named FROM (SELECT DISTINCT w.entity_id FROM written w) d;
  IF named IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM entities e WHERE e.id = ANY (named) ORDER BY e.id FOR KEY SHARE;
  GET DIAGNOSTICS found = ROW_COUNT;
  IF found <> cardinality(named) THEN
    RAISE EXCEPTION 'audit_log: entity_id names no entity'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
