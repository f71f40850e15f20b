-- The audit tables' two foreign keys checked once a statement instead of once a row (issue 21:
-- a mass transfer writes one audit row per moved record, and its subjects, in one statement).
--
-- A foreign key checks each inserted row by its own trigger call (a query and a row lock): for
-- 100,000 audit rows and their 100,000 subjects that is 200,000 calls, measured at about three
-- quarters of the audit statement's time (2.0 s of CPU without them, 6.6–7.2 s with them, on
-- PostgreSQL 15; docs/PERFORMANCE.md, "Support operations"). The same rules are kept, each checked
-- by one statement-level trigger over the statement's rows (a transition table), and the same
-- cascades kept by statement-level triggers:
--
-- audit_subjects.audit_id → audit_log(id), ON DELETE CASCADE. Checked after each statement that
-- inserts or updates subjects: every subject names an existing audit row, of its own entity (one
-- anti-join through audit_log's primary key). The check takes no row lock, where the foreign key
-- took one per row (against the audit row's deletion meanwhile): none is needed here, because
--   - audit rows are append-only: the application role may not update or delete them (0001);
--   - subjects are written only with their audit row, in the same statement (platform/audit.ts:
--     writeAudits, writeAuditPerRecord), so the row they name is the statement's own, which no
--     other transaction can see, let alone delete, before it commits;
--   - the only deletions are the owner's: the purge, of rows older than the retention (at least
--     183 days, commands/purge-audit.ts), and an entity's deletion — neither touches a row being
--     written. (audit_log.id is an identity that no one updates: the trigger below refuses it.)
-- The cascade is one DELETE per statement that deletes audit rows (a hash join), where the foreign
-- key's ran one DELETE per deleted audit row, each a scan of audit_subjects (no index leads by
-- audit_id): the purge gets faster, not slower.
--
-- audit_log.entity_id → entities(id), ON DELETE CASCADE. Checked after each statement that
-- inserts or updates audit rows: every entity they name exists, and is locked FOR KEY SHARE as the
-- foreign key locked it (one lock per entity and statement, not per row), so that an entity's
-- deletion waits for the audit rows being written for it. The cascade: deleting entities deletes
-- their audit rows (and so, by the trigger above, their subjects).
--
-- The triggers' functions run as the owner (SECURITY DEFINER), as a foreign key's checks and
-- cascades do: the cascade deletes rows the application role may not delete. Row-level security
-- still applies to them as to the owner.

ALTER TABLE audit_subjects DROP CONSTRAINT audit_subjects_audit_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_id_fkey;

-- Every subject written by the statement names an existing audit row. By EXECUTE, planned at
-- each statement for its own rows: PL/pgSQL would keep the plan of its first statement in the
-- connection, and one made for a few subjects and a small audit_log (a scan of it for each
-- subject) took minutes over 100,000.
CREATE FUNCTION caliu_audit_subjects_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  orphans boolean;
BEGIN
  EXECUTE 'SELECT EXISTS (SELECT 1 FROM written s
      WHERE NOT EXISTS (SELECT 1 FROM audit_log a
        WHERE a.id = s.audit_id AND a.entity_id = s.entity_id))' INTO orphans;
  IF orphans THEN
    RAISE EXCEPTION 'audit_subjects: audit_id names no audit_log row'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER audit_subjects_inserted AFTER INSERT ON audit_subjects
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_audit_subjects_check();
CREATE TRIGGER audit_subjects_updated AFTER UPDATE ON audit_subjects
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_audit_subjects_check();

-- Every entity named by the audit rows the statement wrote exists; each is locked as a foreign
-- key locks its parent row.
CREATE FUNCTION caliu_audit_log_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  named uuid[];
  found int;
BEGIN
  SELECT array_agg(DISTINCT w.entity_id) INTO named FROM written w;
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
CREATE TRIGGER audit_log_inserted AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_audit_log_check();
CREATE TRIGGER audit_log_updated AFTER UPDATE ON audit_log
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_audit_log_check();

-- The keys the audit rows name do not change (as a foreign key's NO ACTION on update): an audit
-- row keeps its id (its subjects name it), an entity with audit rows its id.
CREATE FUNCTION caliu_audit_log_id_fixed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log: an audit row keeps its id'
    USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE TRIGGER audit_log_id_fixed BEFORE UPDATE OF id ON audit_log
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION caliu_audit_log_id_fixed();

CREATE FUNCTION caliu_entities_audit_id_fixed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = OLD.id) THEN
    RAISE EXCEPTION 'entities: an entity with audit rows keeps its id'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER entities_audit_id_fixed BEFORE UPDATE OF id ON entities
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION caliu_entities_audit_id_fixed();

-- The cascades: deleted audit rows take their subjects; deleted entities their audit rows (by
-- EXECUTE too, planned for the rows deleted).
CREATE FUNCTION caliu_audit_log_cascade() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE 'DELETE FROM audit_subjects s USING removed r WHERE s.audit_id = r.id';
  RETURN NULL;
END $$;
CREATE TRIGGER audit_log_deleted AFTER DELETE ON audit_log
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_audit_log_cascade();

CREATE FUNCTION caliu_entities_audit_cascade() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE 'DELETE FROM audit_log a USING removed r WHERE a.entity_id = r.id';
  RETURN NULL;
END $$;
CREATE TRIGGER entities_deleted_audit AFTER DELETE ON entities
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_entities_audit_cascade();
