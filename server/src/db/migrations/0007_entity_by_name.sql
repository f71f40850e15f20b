-- Sign-in accepts the entity's code or its name. People know their council by its name
-- ("Ajuntament de Vilanova"), seldom by its code: the name matches whatever the accents,
-- capitals and runs of spaces, as the person search does. A name that more than one entity
-- shares answers nothing (the code then tells them apart): a sign-in never lands in an entity
-- the person did not mean. Like caliu_entity_by_code, it reads across the tenant wall and
-- returns only what the login needs.
CREATE FUNCTION caliu_entity_for_login(p_code_or_name text)
  RETURNS TABLE (id uuid, code text, name text, kind text, default_language text,
                 time_zone text, requires_second_factor boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH wanted AS (
      SELECT lower(btrim(p_code_or_name)) AS code,
             caliu_fold(regexp_replace(btrim(p_code_or_name), '\s+', ' ', 'g')) AS name
    ), by_code AS (
      SELECT e.* FROM entities e, wanted w WHERE e.code = w.code
    ), by_name AS (
      SELECT e.* FROM entities e, wanted w
       WHERE caliu_fold(regexp_replace(btrim(e.name), '\s+', ' ', 'g')) = w.name
    )
    SELECT e.id, e.code, e.name, e.kind, e.default_language, e.time_zone, e.requires_second_factor
      FROM by_code e
    UNION ALL
    SELECT e.id, e.code, e.name, e.kind, e.default_language, e.time_zone, e.requires_second_factor
      FROM by_name e
     WHERE NOT EXISTS (SELECT 1 FROM by_code) AND (SELECT count(*) FROM by_name) = 1
  $$;
REVOKE ALL ON FUNCTION caliu_entity_for_login(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caliu_entity_for_login(text) TO caliu_app;
