-- Person records: identification, contact, housing, status, referent and team, their history,
-- and what name search needs (docs: modules/persons/search.ts).

-- The search key of a name: accent- and case-folded (caliu_fold), apostrophes and middle dots
-- dropped ("D'Amico" → "damico", "Paral·lel" → "parallel"), any other punctuation a word break,
-- words separated by one space. IMMUTABLE so that it can be a stored column and be indexed.
CREATE FUNCTION caliu_name_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT btrim(regexp_replace(
      regexp_replace(public.caliu_fold(t), '[''’`´·.]', '', 'g'),
      '[[:space:][:punct:]]+', ' ', 'g'))
  $$;

CREATE FUNCTION caliu_person_name_key(given text, first_surname text, second_surname text)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT public.caliu_name_key(
      coalesce(given, '') || ' ' || coalesce(first_surname, '') || ' ' || coalesce(second_surname, ''))
  $$;

-- How many words of a search key are not particles ("de", "la", "i", "della"…): a query that
-- names that many of them, whole, names the person exactly.
CREATE FUNCTION caliu_significant_words(key text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT count(*)::integer FROM unnest(string_to_array(key, ' ')) AS w (word)
    WHERE w.word <> '' AND w.word <> ALL (ARRAY['de', 'del', 'dels', 'la', 'las', 'les', 'los',
      'el', 'i', 'y', 'e', 'di', 'da', 'dal', 'dalla', 'della', 'delle', 'degli', 'dello', 'lo',
      'le', 'van', 'von', 'du', 'des', 'do', 'dos', 'das'])
  $$;

-- The word with each one of its letters removed: two words are within one edit (insertion,
-- deletion, substitution, transposition) only if one is in the other's set or the sets meet.
CREATE FUNCTION caliu_deletions(w text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce(array_agg(DISTINCT left(w, i - 1) || substr(w, i + 1)), '{}')
    FROM generate_series(1, length(w)) AS i
  $$;

-- Optimal-string-alignment distance ≤ 1: Levenshtein ≤ 1, or one swap of adjacent letters.
CREATE FUNCTION caliu_within_one_edit(a text, b text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT public.levenshtein_less_equal(a, b, 1) <= 1
      OR (length(a) = length(b) AND EXISTS (
        SELECT 1 FROM generate_series(1, length(a) - 1) AS i
        WHERE substr(a, i, 1) = substr(b, i + 1, 1)
          AND substr(a, i + 1, 1) = substr(b, i, 1)
          AND left(a, i - 1) = left(b, i - 1)
          AND substr(a, i + 2) = substr(b, i + 2)))
  $$;

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  first_surname text NOT NULL CHECK (length(first_surname) BETWEEN 1 AND 100),
  second_surname text CHECK (length(second_surname) BETWEEN 1 AND 100),
  sex text CHECK (sex IN ('female', 'male', 'other')),
  birth_date date,
  nationality text CHECK (nationality ~ '^[A-Z]{2}$'),
  document_type text CHECK (document_type IN ('dni', 'nie', 'passport')),
  document_number text CHECK (document_number ~ '^[A-Z0-9]{3,20}$'),
  mobile_phone text CHECK (length(mobile_phone) BETWEEN 3 AND 30),
  other_phone text CHECK (length(other_phone) BETWEEN 3 AND 30),
  email text CHECK (length(email) BETWEEN 3 AND 254),
  preferred_language text CHECK (preferred_language IN ('ca', 'es', 'it', 'en')),
  consent_sms boolean NOT NULL DEFAULT false,
  consent_email boolean NOT NULL DEFAULT false,
  address text CHECK (length(address) <= 300),
  postal_code text CHECK (length(postal_code) <= 10),
  municipality_id uuid NOT NULL,
  sector_id uuid,
  housing_type text
    CHECK (housing_type IN ('flat', 'house', 'room', 'institution', 'no_home', 'other')),
  housing_tenure text
    CHECK (housing_tenure IN ('owned', 'rented', 'social_rental', 'sublet', 'lent', 'without_title', 'other')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deceased')),
  deceased_on date,
  referent_id uuid,
  team_id uuid,
  search_name text COLLATE "C" NOT NULL
    GENERATED ALWAYS AS (caliu_person_name_key(given_name, first_surname, second_surname)) STORED,
  search_words integer NOT NULL GENERATED ALWAYS AS
    (caliu_significant_words(caliu_person_name_key(given_name, first_surname, second_surname))) STORED,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity_id, id),
  CHECK ((document_type IS NULL) = (document_number IS NULL)),
  CHECK ((status = 'deceased') = (deceased_on IS NOT NULL)),
  CHECK (NOT consent_sms OR mobile_phone IS NOT NULL),
  CHECK (NOT consent_email OR email IS NOT NULL),
  FOREIGN KEY (entity_id, municipality_id) REFERENCES municipalities (entity_id, id),
  FOREIGN KEY (entity_id, sector_id) REFERENCES sectors (entity_id, id),
  FOREIGN KEY (entity_id, team_id) REFERENCES teams (entity_id, id),
  FOREIGN KEY (entity_id, referent_id) REFERENCES professionals (entity_id, id)
);
-- A trigram index on the folded name. Under the tenant wall it cannot filter the application's
-- queries (LIKE and the trigram operators are not leakproof; see person_name_terms below): it is
-- for jobs that run as a role that bypasses row-level security (candidate duplicate pairs).
CREATE INDEX persons_search_name_trgm_idx ON persons USING gin (search_name gin_trgm_ops);
-- One record per document in an entity (normalized: upper case, no spaces, dots or dashes);
-- text_pattern_ops also serves prefix search while a number is being typed.
CREATE UNIQUE INDEX persons_document_key ON persons (entity_id, document_number text_pattern_ops)
  WHERE document_number IS NOT NULL;
CREATE INDEX persons_birth_date_idx ON persons (entity_id, birth_date);
CREATE INDEX persons_created_idx ON persons (entity_id, created_at DESC, id DESC);
CREATE INDEX persons_team_idx ON persons (entity_id, team_id);
CREATE INDEX persons_referent_idx ON persons (entity_id, referent_id);
CREATE INDEX persons_municipality_idx ON persons (entity_id, municipality_id);
SELECT caliu_enable_tenant_rls('persons');

-- Changes of referent, municipality, team and status, oldest kept forever.
CREATE TABLE person_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id uuid NOT NULL,
  person_id uuid NOT NULL,
  field text NOT NULL CHECK (field IN ('referent', 'municipality', 'team', 'status')),
  old_id uuid,
  new_id uuid,
  detail text CHECK (length(detail) <= 200),
  changed_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX person_history_person_idx ON person_history (entity_id, person_id, created_at DESC);
SELECT caliu_enable_tenant_rls('person_history');

-- Row-level security lets an index serve only leakproof operators: LIKE and the trigram
-- operators are not, so under the tenant wall name search runs on this inverted index of name
-- words, through B-tree equality and ranges (leakproof): every distinct word of every person's
-- search key, carrying the whole key (name) and its count of significant words, so that the
-- other typed words are checked and a broad query ("garcia": thousands of persons) is ranked from
-- the index alone.
CREATE TABLE person_name_terms (
  entity_id uuid NOT NULL,
  person_id uuid NOT NULL,
  word text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  name_words integer NOT NULL,
  PRIMARY KEY (entity_id, person_id, word),
  FOREIGN KEY (entity_id, person_id) REFERENCES persons (entity_id, id) ON DELETE CASCADE
);
CREATE INDEX person_name_terms_word_idx ON person_name_terms (entity_id, word, person_id)
  INCLUDE (name, name_words);
SELECT caliu_enable_tenant_rls('person_name_terms');

-- The vocabulary of name words of an entity, with how many persons have had each (counted up
-- as persons are recorded, never down: an estimate that tells search which typed word is the
-- rarest), and, for words of 4 letters or more, their one-letter deletions: the index that finds
-- the words within one edit of a typed word without scanning (symmetric deletion). A word no
-- longer used by anyone only costs a useless candidate.
CREATE TABLE person_name_words (
  entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  word text COLLATE "C" NOT NULL,
  persons integer NOT NULL DEFAULT 0,
  PRIMARY KEY (entity_id, word)
);
SELECT caliu_enable_tenant_rls('person_name_words');

CREATE TABLE person_name_word_deletions (
  entity_id uuid NOT NULL,
  deletion text COLLATE "C" NOT NULL,
  word text COLLATE "C" NOT NULL,
  PRIMARY KEY (entity_id, deletion, word),
  FOREIGN KEY (entity_id, word) REFERENCES person_name_words (entity_id, word) ON DELETE CASCADE
);
SELECT caliu_enable_tenant_rls('person_name_word_deletions');

-- Keeps terms and vocabulary in step with names. Statement-level, with transition tables: a
-- batched INSERT of thousands of persons indexes their words in one statement, not one per row.
CREATE FUNCTION caliu_index_new_person_names() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  WITH terms AS (
    INSERT INTO person_name_terms (entity_id, person_id, word, name, name_words)
    SELECT DISTINCT n.entity_id, n.id, w.word, n.search_name, n.search_words
    FROM new_rows n, unnest(string_to_array(n.search_name, ' ')) AS w (word)
    WHERE w.word <> ''
    RETURNING entity_id, word),
  counted AS (
    INSERT INTO person_name_words AS v (entity_id, word, persons)
    SELECT t.entity_id, t.word, count(*) FROM terms t GROUP BY t.entity_id, t.word
    ON CONFLICT (entity_id, word) DO UPDATE SET persons = v.persons + excluded.persons
    RETURNING v.entity_id, v.word, v.xmax = 0 AS added)
  INSERT INTO person_name_word_deletions (entity_id, deletion, word)
  SELECT c.entity_id, d.deletion, c.word
  FROM counted c, unnest(caliu_deletions(c.word)) AS d (deletion)
  WHERE c.added AND length(c.word) >= 4
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION caliu_index_changed_person_names() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_name_terms t
  USING new_rows n JOIN old_rows o ON o.id = n.id
  WHERE o.search_name IS DISTINCT FROM n.search_name
    AND t.entity_id = n.entity_id AND t.person_id = n.id;
  WITH terms AS (
    INSERT INTO person_name_terms (entity_id, person_id, word, name, name_words)
    SELECT DISTINCT n.entity_id, n.id, w.word, n.search_name, n.search_words
    FROM new_rows n JOIN old_rows o ON o.id = n.id,
      unnest(string_to_array(n.search_name, ' ')) AS w (word)
    WHERE o.search_name IS DISTINCT FROM n.search_name AND w.word <> ''
    RETURNING entity_id, word),
  counted AS (
    INSERT INTO person_name_words AS v (entity_id, word, persons)
    SELECT t.entity_id, t.word, count(*) FROM terms t GROUP BY t.entity_id, t.word
    ON CONFLICT (entity_id, word) DO UPDATE SET persons = v.persons + excluded.persons
    RETURNING v.entity_id, v.word, v.xmax = 0 AS added)
  INSERT INTO person_name_word_deletions (entity_id, deletion, word)
  SELECT c.entity_id, d.deletion, c.word
  FROM counted c, unnest(caliu_deletions(c.word)) AS d (deletion)
  WHERE c.added AND length(c.word) >= 4
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER persons_index_names_insert AFTER INSERT ON persons
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_index_new_person_names();
CREATE TRIGGER persons_index_names_update AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION caliu_index_changed_person_names();
