-- Community help, part 1 (issue 22, docs/decisions/0012): the public help-request form's
-- submissions, held apart and untrusted until an operator imports them, and the help requests the
-- operators work on. Part 2 (issue 23) adds volunteers and the dispatch.

-- The web portal origins allowed to frame an entity's form (sent as CSP `frame-ancestors`);
-- none: the form may not be framed.
ALTER TABLE entities ADD COLUMN help_frame_origins text[] NOT NULL DEFAULT '{}';

-- A submission as typed (on the public page, or in the console by a professional after a call:
-- `entered_by`), its `fields` validated by common/src/help-requests.ts but untrusted: nothing
-- reads them but the import. The citizen's reference and the hash of their status link's token
-- stay after the import (the status page follows the help request); the fields are emptied then.
CREATE TABLE help_request_submissions (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  reference text NOT NULL CHECK (reference ~ '^A-[0-9]{4}-[0-9]{6}$'),
  status_token_hash bytea NOT NULL CHECK (length(status_token_hash) = 32),
  fields jsonb NOT NULL,
  language text NOT NULL CHECK (language IN ('ca', 'es', 'it', 'en')),
  entered_by uuid,
  submitted_at timestamptz NOT NULL,
  imported_at timestamptz,
  help_request_id uuid,
  PRIMARY KEY (entity_id, id),
  UNIQUE (entity_id, reference),
  UNIQUE (entity_id, status_token_hash),
  FOREIGN KEY (entity_id, entered_by) REFERENCES professionals (entity_id, id),
  CHECK ((imported_at IS NULL) = (help_request_id IS NULL))
);
-- What waits for the import, oldest first; the watcher's count.
CREATE INDEX help_request_submissions_pending_idx ON help_request_submissions
  (entity_id, submitted_at) WHERE imported_at IS NULL;
SELECT caliu_enable_tenant_rls('help_request_submissions');
REVOKE TRUNCATE, DELETE ON help_request_submissions FROM caliu_app;

-- A help request the operators work on. Its personal data (name, contact, address, description)
-- is erased `help_request_retention_days` after a deletion (`erased_at`), the rest kept for the
-- figures. `person_id`: the person record an operator linked it to (never created from it).
CREATE TABLE help_requests (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  reference text NOT NULL CHECK (reference ~ '^A-[0-9]{4}-[0-9]{6}$'),
  status text NOT NULL DEFAULT 'imported'
    CHECK (status IN ('imported', 'dispatched', 'deleted', 'completed')),
  name text CHECK (length(name) BETWEEN 1 AND 200),
  phone text CHECK (length(phone) <= 30),
  email text CHECK (length(email) <= 254),
  address text CHECK (length(address) BETWEEN 1 AND 300),
  municipality_id uuid NOT NULL,
  help_type text NOT NULL CHECK (help_type IN ('shopping', 'medicines', 'accompaniment',
    'phone_company', 'transport', 'paperwork', 'other')),
  needed_on date,
  needed_part text CHECK (needed_part IN ('morning', 'afternoon', 'evening')),
  urgency text NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
  description text CHECK (length(description) BETWEEN 1 AND 2000),
  language text NOT NULL CHECK (language IN ('ca', 'es', 'it', 'en')),
  consent_at timestamptz NOT NULL,
  person_id uuid,
  entered_by uuid,
  submitted_at timestamptz NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz,
  deleted_by uuid,
  delete_reason text CHECK (length(delete_reason) BETWEEN 1 AND 1000),
  erased_at timestamptz,
  PRIMARY KEY (entity_id, id),
  UNIQUE (entity_id, reference),
  FOREIGN KEY (entity_id, municipality_id) REFERENCES municipalities (entity_id, id),
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id),
  FOREIGN KEY (entity_id, entered_by) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, imported_by) REFERENCES professionals (entity_id, id),
  FOREIGN KEY (entity_id, deleted_by) REFERENCES professionals (entity_id, id),
  -- "As soon as possible" has no date; a date has its part of the day.
  CHECK ((needed_on IS NULL) = (needed_part IS NULL)),
  CHECK ((status = 'deleted') = (deleted_at IS NOT NULL)),
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL) AND (deleted_at IS NULL) = (delete_reason IS NULL)),
  -- Until erased, who asked and how to reach them: a name, and a phone or an email.
  CHECK (erased_at IS NOT NULL
    OR (name IS NOT NULL AND address IS NOT NULL AND description IS NOT NULL
        AND (coalesce(phone, '') <> '' OR coalesce(email, '') <> ''))),
  CHECK (erased_at IS NULL OR deleted_at IS NOT NULL)
);
ALTER TABLE help_request_submissions ADD FOREIGN KEY (entity_id, help_request_id)
  REFERENCES help_requests (entity_id, id);
-- The operators' table: by state, newest first (its other filters narrow this).
CREATE INDEX help_requests_status_idx ON help_requests (entity_id, status, submitted_at DESC, id);
-- The retention job: deleted requests whose personal data is still there.
CREATE INDEX help_requests_erasable_idx ON help_requests (deleted_at)
  WHERE deleted_at IS NOT NULL AND erased_at IS NULL;
SELECT caliu_enable_tenant_rls('help_requests');
REVOKE TRUNCATE, DELETE ON help_requests FROM caliu_app;
