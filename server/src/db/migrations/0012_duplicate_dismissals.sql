-- Candidate duplicates across the entity (issue 16): the pairs of person records a coordinator
-- marked "not the same person", never listed again, and the other forms of a document number that
-- the list pairs documents on (modules/persons/duplicates/).

-- The ways a DNI or NIE may have been recorded besides the form the person form stores (8 digits
-- and the check letter; X, Y or Z, 7 digits and the letter): without its letter, a DNI without
-- its leading zero (records written before the form checked documents). The person form's
-- warning looks a typed number up in those forms (search/parse.ts#documentCandidates); the
-- duplicates list asks this only of the few numbers not in the stored form, and finds the
-- records holding one of their forms by equality. Anything else (a passport): none.
CREATE FUNCTION caliu_document_forms(d text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT CASE
      WHEN d ~ '^[0-9]{7,8}[A-Z]?$' THEN (
        SELECT ARRAY[n || l, n] || CASE WHEN left(n, 1) = '0'
            THEN ARRAY[substr(n, 2) || l, substr(n, 2)] ELSE '{}'::text[] END
        FROM (SELECT lpad(substring(d FROM '^[0-9]+'), 8, '0') AS n) x,
          LATERAL (SELECT substr('TRWAGMYFPDXBNJZSQVHLCKE', (x.n::bigint % 23)::integer + 1, 1) AS l) y)
      WHEN d ~ '^[XYZ][0-9]{7}[A-Z]?$' THEN (
        SELECT ARRAY[left(d, 8) || substr('TRWAGMYFPDXBNJZSQVHLCKE',
          (((strpos('XYZ', left(d, 1)) - 1)::text || substr(d, 2, 7))::bigint % 23)::integer + 1, 1),
          left(d, 8)])
      ELSE '{}'::text[]
    END
  $$;

-- A pair is stored once, its two ids in order (person_low < person_high), whoever dismissed it
-- and in whichever order the records were shown. It goes with either record (ON DELETE CASCADE):
-- a merge or a deletion leaves nothing to remember.
CREATE TABLE person_duplicate_dismissals (
  entity_id uuid NOT NULL,
  person_low uuid NOT NULL,
  person_high uuid NOT NULL,
  -- Who said "not the same person" (like persons.created_by, no foreign key: a professional's
  -- deactivation never waits on it).
  dismissed_by uuid NOT NULL,
  dismissed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_id, person_low, person_high),
  CHECK (person_low < person_high),
  FOREIGN KEY (entity_id, person_low) REFERENCES persons (entity_id, id) ON DELETE CASCADE,
  FOREIGN KEY (entity_id, person_high) REFERENCES persons (entity_id, id) ON DELETE CASCADE
);
-- The primary key serves the list's look-up of each candidate pair and the low side's cascade;
-- this index the high side's.
CREATE INDEX person_duplicate_dismissals_high_idx
  ON person_duplicate_dismissals (entity_id, person_high);
SELECT caliu_enable_tenant_rls('person_duplicate_dismissals');
-- Dismissals are inserted and undone (deleted), never changed.
REVOKE UPDATE, TRUNCATE ON person_duplicate_dismissals FROM caliu_app;
