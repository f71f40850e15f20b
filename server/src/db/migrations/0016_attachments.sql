-- Attachments (issue 17, docs/decisions/0007-attachments.md): files on a person record, a case
-- file or an item of its content, stored here in chunks behind the same tenant wall as their
-- record; the document categories they are filed under; each entity's storage quota.

-- How many bytes of attachments an entity may hold (ready files, and the bytes uploads in
-- progress have received, counted): 10 GiB
-- unless the installation's operator sets another figure for that entity (SQL, as the owner).
ALTER TABLE entities ADD COLUMN attachment_quota_bytes bigint NOT NULL DEFAULT 10737418240
  CHECK (attachment_quota_bytes >= 0);

-- The catalogue of document categories: `identity` is the one the access rule names (on a person
-- record, identity documents follow basic data); the administrator may add more.
ALTER TABLE catalogue_items DROP CONSTRAINT catalogue_items_catalogue_check;
ALTER TABLE catalogue_items ADD CONSTRAINT catalogue_items_catalogue_check CHECK (
  catalogue IN ('intervention_type', 'closing_reason', 'demand', 'problem', 'resource', 'procedure',
    'document_category')
);

-- The seeding of every entity's catalogues (0009) keeps its list and gains the categories' seven
-- standard entries: the function entities call is now the old one, then these.
ALTER FUNCTION caliu_seed_catalogues(uuid) RENAME TO caliu_seed_case_catalogues;
CREATE FUNCTION caliu_seed_catalogues(p_entity uuid) RETURNS void
  LANGUAGE sql AS $$
    SELECT caliu_seed_case_catalogues(p_entity);
    INSERT INTO catalogue_items (entity_id, catalogue, code, position)
    SELECT p_entity, 'document_category', d.code, d.position
    FROM (VALUES ('identity', 1), ('health', 2), ('education', 3), ('economic', 4), ('legal', 5),
      ('consent', 6), ('other', 7)) AS d (code, position)
    ON CONFLICT (entity_id, catalogue, code) DO NOTHING;
  $$;
GRANT EXECUTE ON FUNCTION caliu_seed_catalogues(uuid) TO caliu_app;
SELECT caliu_seed_catalogues(id) FROM entities WHERE kind = 'council';

-- One row per file. Its owner is exactly one of: a person (person_id); a case file (case_file_id
-- alone); an item of a case file's content (case_file_id + item_kind + item_id: the item's table
-- is named by its kind, so there is no foreign key to it — the commands that move or delete an
-- item move or delete its attachments). The foreign keys to persons and case files do not
-- cascade: whatever deletes a record deletes its attachments first, audited, or fails loudly.
-- `uploading` until its last chunk and checksum are in; `ready` is the one state anyone sees.
-- Deleting an attachment deletes the row and its chunks; the audit row keeps the trace (who,
-- when, title, checksum, size).
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  person_id uuid,
  case_file_id uuid,
  item_kind text
    CHECK (item_kind IN ('intervention', 'demand', 'problem', 'resource', 'procedure', 'plan')),
  item_id uuid,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category_id uuid NOT NULL,
  document_date date NOT NULL,
  -- As the browser named it: shown and offered back on download, never trusted for anything.
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  -- Decided from the first chunk's bytes.
  media_type text,
  size bigint NOT NULL CHECK (size > 0),
  received_bytes bigint NOT NULL DEFAULT 0,
  chunk_count integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  state text NOT NULL DEFAULT 'uploading' CHECK (state IN ('uploading', 'ready')),
  uploaded_by uuid,
  created_at timestamptz NOT NULL,
  -- The last chunk received (or the creation), by the database's clock (now()): an upload idle
  -- for an hour is abandoned.
  last_activity_at timestamptz NOT NULL,
  completed_at timestamptz,
  UNIQUE (entity_id, id),
  CHECK (
    (person_id IS NOT NULL AND case_file_id IS NULL AND item_kind IS NULL AND item_id IS NULL)
    OR (person_id IS NULL AND case_file_id IS NOT NULL AND (item_kind IS NULL) = (item_id IS NULL))
  ),
  CHECK (received_bytes BETWEEN 0 AND size),
  CHECK (state <> 'ready' OR (received_bytes = size AND sha256 IS NOT NULL
    AND media_type IS NOT NULL AND completed_at IS NOT NULL)),
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id),
  FOREIGN KEY (entity_id, case_file_id) REFERENCES case_files (entity_id, id),
  FOREIGN KEY (entity_id, category_id) REFERENCES catalogue_items (entity_id, id),
  FOREIGN KEY (entity_id, uploaded_by) REFERENCES professionals (entity_id, id)
);
-- A person's attachments, a case file's (its own and its items'), newest first.
CREATE INDEX attachments_person_idx ON attachments (entity_id, person_id, created_at DESC)
  WHERE person_id IS NOT NULL;
CREATE INDEX attachments_case_file_idx
  ON attachments (entity_id, case_file_id, item_kind, item_id, created_at DESC)
  WHERE case_file_id IS NOT NULL;
-- The catalogue administrator's use counts, and the foreign-key check of a deleted entry.
CREATE INDEX attachments_category_idx ON attachments (entity_id, category_id);
-- The entity's quota: a sum read from the index alone.
CREATE INDEX attachments_quota_idx ON attachments (entity_id) INCLUDE (size);
-- The clean-up of abandoned uploads, across entities (caliu_abandoned_attachments below).
CREATE INDEX attachments_uploading_idx ON attachments (last_activity_at)
  WHERE state = 'uploading';
SELECT caliu_enable_tenant_rls('attachments');
REVOKE TRUNCATE ON attachments FROM caliu_app;

-- A file is its chunks in order: (attachment, index) → at most 1 MiB, each written by its own
-- short transaction. TOASTed like any large value (compressed where that helps).
CREATE TABLE attachment_chunks (
  entity_id uuid NOT NULL,
  attachment_id uuid NOT NULL,
  chunk_index integer NOT NULL CHECK (chunk_index >= 0),
  data bytea NOT NULL CHECK (length(data) BETWEEN 1 AND 1048576),
  PRIMARY KEY (entity_id, attachment_id, chunk_index),
  FOREIGN KEY (entity_id, attachment_id) REFERENCES attachments (entity_id, id) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('attachment_chunks');
REVOKE TRUNCATE ON attachment_chunks FROM caliu_app;

-- The outbox worker's periodic pass finds the uploads abandoned — still uploading an hour after
-- their last chunk (ATTACHMENT_ABANDONED_AFTER_MS), by the database's clock, which writes
-- last_activity_at too; no caller chooses the cut-off — of the entities listed, or all: ids only;
-- each is then deleted behind its own entity's wall.
CREATE FUNCTION caliu_abandoned_attachments(p_limit integer, p_entities text)
  RETURNS TABLE (id uuid, entity_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.id, a.entity_id FROM attachments a
    WHERE a.state = 'uploading' AND a.last_activity_at < now() - interval '1 hour'
      AND (p_entities IS NULL OR a.entity_id = ANY (string_to_array(p_entities, ',')::uuid[]))
    ORDER BY a.last_activity_at
    LIMIT least(greatest(p_limit, 1), 500)
  $$;
REVOKE ALL ON FUNCTION caliu_abandoned_attachments(integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_abandoned_attachments(integer, text) TO caliu_app;
