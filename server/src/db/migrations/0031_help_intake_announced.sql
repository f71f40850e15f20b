-- The watcher marks the submissions it announced (issue 22, review): the newest `submitted_at` an
-- email counted (0030's `seen_until`) could pass over a submission that committed later with an
-- earlier time (its clock read before its proof, limits and insert; another process's clock), which
-- then waited, unannounced, for some other submission to come. A submission is news until the
-- transaction that wins a period's email marks it `announced_at`.
ALTER TABLE help_request_submissions ADD COLUMN announced_at timestamptz;
-- Every submission already there was counted by an email, or is counted by the next.
CREATE INDEX help_request_submissions_news_idx ON help_request_submissions (entity_id)
  WHERE imported_at IS NULL AND announced_at IS NULL;

CREATE OR REPLACE FUNCTION caliu_help_intake_pending(p_entities text) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT s.entity_id
    FROM help_request_submissions s
    WHERE s.imported_at IS NULL AND s.announced_at IS NULL
      AND (p_entities IS NULL OR s.entity_id = ANY (string_to_array(p_entities, ',')::uuid[]))
  $$;
