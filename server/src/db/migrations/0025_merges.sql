-- Merges run from support tickets (issue 20, docs/decisions/0010): the record merged into another
-- remains as a tombstone pointing at the survivor, so its old links resolve and its audit rows
-- (never rewritten) keep meaning something.

-- A case file merged into another is closed with no closing reason of the catalogue (one would be
-- offered to professionals closing by hand): `merged_into_id` says why it closed.
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO c FROM pg_constraint
    WHERE conrelid = 'case_files'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%closing_reason_id IS NOT NULL%';
  EXECUTE format('ALTER TABLE case_files DROP CONSTRAINT %I', c);
END $$;

ALTER TABLE case_files
  ADD COLUMN merged_into_id uuid,
  ADD CONSTRAINT case_files_merged_into_fkey FOREIGN KEY (entity_id, merged_into_id)
    REFERENCES case_files (entity_id, id),
  ADD CONSTRAINT case_files_merged_into_check CHECK (merged_into_id <> id),
  ADD CONSTRAINT case_files_closing_reason_check CHECK (
    (state = 'closed' AND merged_into_id IS NULL) = (closing_reason_id IS NOT NULL)),
  ADD CONSTRAINT case_files_merged_closed_check CHECK (
    merged_into_id IS NULL OR state = 'closed');
CREATE INDEX case_files_merged_into_idx ON case_files (entity_id, merged_into_id)
  WHERE merged_into_id IS NOT NULL;

-- A person record merged into another: its page redirects to the survivor, search skips it.
ALTER TABLE persons
  ADD COLUMN merged_into_id uuid,
  ADD COLUMN merged_at timestamptz,
  ADD CONSTRAINT persons_merged_into_fkey FOREIGN KEY (entity_id, merged_into_id)
    REFERENCES persons (entity_id, id),
  ADD CONSTRAINT persons_merged_into_check CHECK (merged_into_id <> id),
  ADD CONSTRAINT persons_merged_at_check CHECK ((merged_into_id IS NULL) = (merged_at IS NULL));
CREATE INDEX persons_merged_into_idx ON persons (entity_id, merged_into_id)
  WHERE merged_into_id IS NOT NULL;
