-- Access: the entity directory for the support desk's explicit cross-entity path.

-- The list of entities (id, code, name). The application calls it only from
-- platform/access/cross-entity.ts, which is reserved to support agents and audits every use.
CREATE FUNCTION caliu_entity_directory()
  RETURNS TABLE (id uuid, code text, name text, kind text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT e.id, e.code, e.name, e.kind FROM entities e ORDER BY e.code $$;
REVOKE ALL ON FUNCTION caliu_entity_directory() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_entity_directory() TO caliu_app;
