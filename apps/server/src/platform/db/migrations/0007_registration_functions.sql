-- The small helpers of migration 0006 as plpgsql: plpgsql keeps its plans for the session, while
-- a sql function that cannot be inlined (an aggregate, a data change) is planned anew for every
-- statement that calls it, which cost registration more than the rest of its work.
CREATE OR REPLACE FUNCTION civicline_add_workload(p_tenant uuid, p_user uuid, p_open integer, p_load integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO staff_workload AS w (tenant_id, user_id, open_cases, load) VALUES (p_tenant, p_user, p_open, p_load)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET open_cases = w.open_cases + EXCLUDED.open_cases, load = w.load + EXCLUDED.load;
END
$$;
--> statement-breakpoint
-- Text with holes: a JSON array of strings and {"hole": name, "width": n} objects, the holes
-- filled from p_values (a JSON object of strings), numbers zero-padded to width (never cut).
-- (plpgsql, not sql: its plans are kept per session; a sql function this size is planned anew
-- for every statement that calls it.)
CREATE OR REPLACE FUNCTION civicline_fill_text(p_parts jsonb, p_values jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  x jsonb;
  v text;
  w integer;
  out text := '';
BEGIN
  FOR x IN SELECT jsonb_array_elements(p_parts) LOOP
    IF jsonb_typeof(x) = 'string' THEN
      out := out || (x #>> '{}');
    ELSE
      v := COALESCE(p_values ->> (x ->> 'hole'), '');
      w := COALESCE((x ->> 'width')::integer, 0);
      out := out || CASE WHEN w > length(v) THEN lpad(v, w, '0') ELSE v END;
    END IF;
  END LOOP;
  RETURN out;
END
$$;
--> statement-breakpoint
-- A JSON object whose top-level values may be holes ({"$hole": name}), filled from p_values.
CREATE OR REPLACE FUNCTION civicline_fill_json(p_object jsonb, p_values jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k text;
  v jsonb;
  out jsonb := p_object;
BEGIN
  FOR k, v IN SELECT * FROM jsonb_each(p_object) LOOP
    IF jsonb_typeof(v) = 'object' AND v ? '$hole' THEN
      out := jsonb_set(out, ARRAY[k], COALESCE(p_values -> (v ->> '$hole'), 'null'::jsonb));
    END IF;
  END LOOP;
  RETURN out;
END
$$;
