-- For a registration that is the last statement of its caller's transaction and commits it in the
-- same round trip (see writeRegistrations): a case the registration had to skip (unknown or merged
-- citizen, stale draft) fails the statement instead, so that what the caller wrote before it rolls
-- back with it rather than being committed without its case.
CREATE OR REPLACE FUNCTION civicline_register_cases_or_fail(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_out jsonb := civicline_register_cases(p);
  e jsonb;
BEGIN
  FOR e IN SELECT x FROM jsonb_array_elements(v_out) AS t(x) WHERE x ? 'error' LOOP
    RAISE EXCEPTION 'registration refused: %', e ->> 'error' USING ERRCODE = 'CL001', DETAIL = e::text;
  END LOOP;
  RETURN v_out;
END
$$;
