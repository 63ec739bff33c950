CREATE TABLE "staff_workload" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"open_cases" integer DEFAULT 0 NOT NULL,
	"load" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "staff_workload_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "staff_workload" ADD CONSTRAINT "staff_workload_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_workload" ADD CONSTRAINT "staff_workload_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Workload per person: what least-loaded routing balances. One row per person who has held a
-- case, kept by a trigger in the transaction of every change to a case's assignee, status or
-- priority. Open statuses and weights match OPEN_STATUSES (case.lifecycle.ts) and PRIORITY_WEIGHT
-- (routing.service.ts).
CREATE OR REPLACE FUNCTION civicline_case_weight(status text, priority text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status IN ('registered', 'assigned', 'in_progress', 'suspended', 'resolution_proposed', 'reopened')
              THEN CASE priority WHEN 'low' THEN 1 WHEN 'high' THEN 3 WHEN 'urgent' THEN 4 ELSE 2 END
              ELSE 0 END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION civicline_add_workload(p_tenant uuid, p_user uuid, p_open integer, p_load integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO staff_workload AS w (tenant_id, user_id, open_cases, load) VALUES (p_tenant, p_user, p_open, p_load)
  ON CONFLICT (tenant_id, user_id) DO UPDATE SET open_cases = w.open_cases + EXCLUDED.open_cases, load = w.load + EXCLUDED.load
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION civicline_track_workload() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_w integer := 0;
  new_w integer := 0;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.assignee_id IS NOT NULL THEN old_w := civicline_case_weight(OLD.status, OLD.priority); END IF;
  IF TG_OP <> 'DELETE' AND NEW.assignee_id IS NOT NULL THEN new_w := civicline_case_weight(NEW.status, NEW.priority); END IF;
  IF TG_OP = 'UPDATE' AND OLD.assignee_id IS NOT DISTINCT FROM NEW.assignee_id AND OLD.tenant_id = NEW.tenant_id THEN
    IF old_w <> new_w THEN
      PERFORM civicline_add_workload(NEW.tenant_id, NEW.assignee_id, (new_w > 0)::integer - (old_w > 0)::integer, new_w - old_w);
    END IF;
    RETURN NULL;
  END IF;
  -- Two people: their rows are locked in user-id order, so two opposite reassignments cannot deadlock.
  IF old_w > 0 AND new_w > 0 AND NEW.assignee_id < OLD.assignee_id THEN
    PERFORM civicline_add_workload(NEW.tenant_id, NEW.assignee_id, 1, new_w);
    PERFORM civicline_add_workload(OLD.tenant_id, OLD.assignee_id, -1, -old_w);
  ELSE
    IF old_w > 0 THEN PERFORM civicline_add_workload(OLD.tenant_id, OLD.assignee_id, -1, -old_w); END IF;
    IF new_w > 0 THEN PERFORM civicline_add_workload(NEW.tenant_id, NEW.assignee_id, 1, new_w); END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER cases_track_workload
  AFTER INSERT OR DELETE OR UPDATE OF status, assignee_id, priority, tenant_id ON cases
  FOR EACH ROW EXECUTE FUNCTION civicline_track_workload();
--> statement-breakpoint
INSERT INTO staff_workload (tenant_id, user_id, open_cases, load)
SELECT tenant_id, assignee_id, count(*)::integer, sum(civicline_case_weight(status, priority))::integer
FROM cases
WHERE assignee_id IS NOT NULL AND civicline_case_weight(status, priority) > 0
GROUP BY tenant_id, assignee_id;
--> statement-breakpoint
-- The technicians of a department who may get a case on p_day (active, not absent), with their
-- capacity and workload.
CREATE OR REPLACE FUNCTION civicline_routing_candidates(p_tenant uuid, p_department uuid, p_day date)
RETURNS TABLE (user_id uuid, capacity integer, open_cases integer, load integer)
LANGUAGE sql STABLE AS $$
  SELECT u.id, cap.capacity, COALESCE(w.open_cases, 0), COALESCE(w.load, 0)
  FROM users u
  JOIN department_memberships m ON m.user_id = u.id AND m.tenant_id = u.tenant_id AND m.department_id = p_department
  LEFT JOIN staff_capacity cap ON cap.user_id = u.id AND cap.tenant_id = u.tenant_id
  LEFT JOIN staff_workload w ON w.user_id = u.id AND w.tenant_id = u.tenant_id
  WHERE u.tenant_id = p_tenant AND u.active AND 'technician' = ANY (u.roles)
    AND NOT EXISTS (
      SELECT 1 FROM staff_absences a
      WHERE a.tenant_id = u.tenant_id AND a.user_id = u.id AND a.from_day <= p_day AND a.to_day >= p_day)
$$;
--> statement-breakpoint
-- Who gets a new case of a department, by the category's strategy, among those below capacity:
-- fixed (that person), round_robin (the next one by id after the category's last), least_loaded
-- (the smallest weighted load, then the fewest open cases, then the smallest id). Routing for one
-- department is serialised by an advisory lock held to the end of the transaction, so concurrent
-- registrations see each other's assignments. Key: 'routing:<tenant>:<department>'.
CREATE OR REPLACE FUNCTION civicline_choose_assignee(p_tenant uuid, p_department uuid, p_category uuid, p_strategy text, p_fixed uuid, p_day date)
RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
  v_last uuid;
  v_chosen uuid;
BEGIN
  IF p_strategy = 'manual' THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('routing:' || p_tenant::text || ':' || p_department::text, 0));
  IF p_strategy = 'fixed' THEN
    SELECT c.user_id INTO v_chosen FROM civicline_routing_candidates(p_tenant, p_department, p_day) c
    WHERE c.user_id = p_fixed AND (c.capacity IS NULL OR c.open_cases < c.capacity);
  ELSIF p_strategy = 'round_robin' THEN
    SELECT r.last_user_id INTO v_last FROM routing_cursors r WHERE r.tenant_id = p_tenant AND r.category_id = p_category;
    SELECT c.user_id INTO v_chosen FROM civicline_routing_candidates(p_tenant, p_department, p_day) c
    WHERE c.capacity IS NULL OR c.open_cases < c.capacity
    ORDER BY (v_last IS NOT NULL AND c.user_id > v_last) DESC, c.user_id
    LIMIT 1;
    IF v_chosen IS NOT NULL THEN
      INSERT INTO routing_cursors (tenant_id, category_id, last_user_id) VALUES (p_tenant, p_category, v_chosen)
      ON CONFLICT (tenant_id, category_id) DO UPDATE SET last_user_id = EXCLUDED.last_user_id;
    END IF;
  ELSE
    SELECT c.user_id INTO v_chosen FROM civicline_routing_candidates(p_tenant, p_department, p_day) c
    WHERE c.capacity IS NULL OR c.open_cases < c.capacity
    ORDER BY c.load, c.open_cases, c.user_id
    LIMIT 1;
  END IF;
  RETURN v_chosen;
END
$$;
--> statement-breakpoint
-- Text with holes: a JSON array of strings and {"hole": name, "width": n} objects, the holes
-- filled from p_values (a JSON object of strings), numbers zero-padded to width (never cut).
CREATE OR REPLACE FUNCTION civicline_fill_text(p_parts jsonb, p_values jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(string_agg(
    CASE
      WHEN jsonb_typeof(x) = 'string' THEN x #>> '{}'
      WHEN COALESCE((x ->> 'width')::integer, 0) > length(p_values ->> (x ->> 'hole'))
        THEN lpad(p_values ->> (x ->> 'hole'), (x ->> 'width')::integer, '0')
      ELSE p_values ->> (x ->> 'hole')
    END, '' ORDER BY i), '')
  FROM jsonb_array_elements(p_parts) WITH ORDINALITY AS t(x, i)
$$;
--> statement-breakpoint
-- A JSON object whose top-level values may be holes ({"$hole": name}), filled from p_values.
CREATE OR REPLACE FUNCTION civicline_fill_json(p_object jsonb, p_values jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'object' AND v ? '$hole' THEN p_values -> (v ->> '$hole') ELSE v END), '{}'::jsonb)
  FROM jsonb_each(p_object) AS t(k, v)
$$;
--> statement-breakpoint
-- Registers cases in one round trip: everything the case service could prepare beforehand
-- (validation, deadlines, the rows, the timeline, events and audit entries, with holes for what
-- is only known here) comes in p, and the serialised part runs here, in the one lock order every
-- registration takes: the department's routing lock, the register's counter row, the tenant's
-- audit chain lock. Each is held to the end of the transaction, so what runs under them is only
-- what follows: the number, the row, its timeline, events and audit entries, and the COMMIT.
-- Several cases of one department, register and year (a batch the case service gathered while
-- the previous one was being written) take the same locks once and share one COMMIT.
--   p.tenantId, p.cases[]                 per case:
--   .caseId, .at                          the case, and the moment of registration
--   .citizenId                            checked first (unknown or merged: that case is skipped)
--   .draftVersion                         absent: insert .case; present: register that draft
--   .case                                 the row (column names), without number, status, assignee
--   .routing                              {departmentId, categoryId, strategy, fixedUserId, day}
--   .register                             {id, year, number: text with a seq hole, search: the same, normalised}
--   .searchRest                           the normalised subject and description
--   .timeline, .events                    rows; "ifAssigned" ones only when someone was chosen
--   .audit                                [{row, body}]: body is the entry's canonical JSON with holes
-- Holes: number, status, assignee (JSON values); seq, prev, and their JSON text in audit bodies.
-- The row's created_at/updated_at are the database's time, as for any other write.
-- Returns per case {seq, number, status, assigneeId, writtenAt}, or {error} when nothing was
-- written for it.
CREATE OR REPLACE FUNCTION civicline_register_cases(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_tenant uuid := (p ->> 'tenantId')::uuid;
  c jsonb;
  v_case uuid;
  v_at timestamptz;
  v_routing jsonb;
  v_register jsonb;
  v_merged uuid;
  v_assignee uuid;
  v_status text;
  v_seq integer;
  v_number text;
  v_search text;
  v_values jsonb;
  v_texts jsonb;
  v_audit_locked boolean := false;
  v_routed boolean := false;
  v_last_seq bigint;
  v_prev text;
  v_body text;
  v_hash text;
  e jsonb;
  v_out jsonb := '[]'::jsonb;
BEGIN
  FOR c IN SELECT x FROM jsonb_array_elements(p -> 'cases') WITH ORDINALITY AS t(x, i) ORDER BY i LOOP
    v_case := (c ->> 'caseId')::uuid;
    v_at := (c ->> 'at')::timestamptz;
    v_routing := c -> 'routing';
    v_register := c -> 'register';
    v_assignee := NULL;

    IF c ->> 'citizenId' IS NOT NULL THEN
      SELECT z.merged_into_id INTO v_merged FROM citizens z WHERE z.tenant_id = v_tenant AND z.id = (c ->> 'citizenId')::uuid;
      IF NOT FOUND THEN v_out := v_out || jsonb_build_array(jsonb_build_object('error', 'citizen_unknown')); CONTINUE; END IF;
      IF v_merged IS NOT NULL THEN v_out := v_out || jsonb_build_array(jsonb_build_object('error', 'citizen_merged', 'mergedIntoId', v_merged)); CONTINUE; END IF;
    END IF;
    IF c ? 'draftVersion' THEN
      PERFORM 1 FROM cases k WHERE k.tenant_id = v_tenant AND k.id = v_case AND k.version = (c ->> 'draftVersion')::integer AND k.status = 'draft' FOR UPDATE;
      IF NOT FOUND THEN v_out := v_out || jsonb_build_array(jsonb_build_object('error', 'stale')); CONTINUE; END IF;
    END IF;

    -- The lock order: routing (department), counter (register and year), workload rows, audit chain.
    IF v_routing IS NOT NULL AND v_routing ->> 'strategy' <> 'manual' THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('routing:' || v_tenant::text || ':' || (v_routing ->> 'departmentId'), 0));
    END IF;
    INSERT INTO register_counters AS rc (tenant_id, register_id, year, last_seq)
    VALUES (v_tenant, (v_register ->> 'id')::uuid, (v_register ->> 'year')::integer, 1)
    ON CONFLICT (register_id, year) DO UPDATE SET last_seq = rc.last_seq + 1
    RETURNING rc.last_seq INTO v_seq;
    IF v_routing IS NOT NULL THEN
      IF NOT v_routed AND jsonb_array_length(p -> 'cases') > 1 AND v_routing ->> 'strategy' <> 'manual' THEN
        -- Several cases may go to several people: their workload rows are taken now, in user-id
        -- order (as the workload trigger takes two), not one by one as each is chosen.
        INSERT INTO staff_workload AS w (tenant_id, user_id)
        SELECT v_tenant, r.user_id FROM civicline_routing_candidates(v_tenant, (v_routing ->> 'departmentId')::uuid, (v_routing ->> 'day')::date) r
        ORDER BY r.user_id
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET open_cases = w.open_cases;
        v_routed := true;
      END IF;
      v_assignee := civicline_choose_assignee(v_tenant, (v_routing ->> 'departmentId')::uuid, (v_routing ->> 'categoryId')::uuid,
                                              v_routing ->> 'strategy', (v_routing ->> 'fixedUserId')::uuid, (v_routing ->> 'day')::date);
    END IF;
    v_status := CASE WHEN v_assignee IS NULL THEN 'registered' ELSE 'assigned' END;
    v_number := civicline_fill_text(v_register -> 'number', jsonb_build_object('seq', v_seq::text));
    v_search := btrim(regexp_replace(civicline_fill_text(v_register -> 'search', jsonb_build_object('seq', v_seq::text)) || ' ' || COALESCE(c ->> 'searchRest', ''), ' {2,}', ' ', 'g'));
    v_values := jsonb_build_object('number', v_number, 'status', v_status, 'assignee', v_assignee);

    IF c ? 'draftVersion' THEN
      UPDATE cases k SET
        registration_number = v_number, register_id = (v_register ->> 'id')::uuid,
        registration_year = (v_register ->> 'year')::integer, registration_seq = v_seq,
        status = v_status, assignee_id = v_assignee, search_text = v_search,
        department_id = r.department_id, registered_at = r.registered_at, clock_started_at = r.clock_started_at,
        due_at = r.due_at, forward_due_at = r.forward_due_at, warned_at = NULL, overdue_at = NULL,
        version = k.version + 1, updated_at = now()
      FROM jsonb_populate_record(NULL::cases, c -> 'case') r
      WHERE k.tenant_id = v_tenant AND k.id = v_case;
    ELSE
      INSERT INTO cases (id, tenant_id, registration_number, register_id, registration_year, registration_seq, category_id, status,
                         channel, citizen_id, subject, description, custom_fields, latitude, longitude, address, priority,
                         department_id, assignee_id, registered_at, clock_started_at, due_at, forward_due_at, search_text,
                         created_by, version, created_at, updated_at)
      SELECT v_case, v_tenant, v_number, (v_register ->> 'id')::uuid, (v_register ->> 'year')::integer, v_seq, r.category_id, v_status,
             r.channel, r.citizen_id, r.subject, r.description, r.custom_fields, r.latitude, r.longitude, r.address, r.priority,
             r.department_id, v_assignee, r.registered_at, r.clock_started_at, r.due_at, r.forward_due_at, v_search,
             r.created_by, 1, now(), now()
      FROM jsonb_populate_record(NULL::cases, c -> 'case') r;
    END IF;

    INSERT INTO case_events (tenant_id, case_id, type, actor_type, actor_id, from_status, to_status, reason, comment, visibility, data, occurred_at)
    SELECT v_tenant, v_case, x ->> 'type', x ->> 'actorType', x ->> 'actorId', x ->> 'fromStatus', x ->> 'toStatus', x ->> 'reason',
           x ->> 'comment', x ->> 'visibility', civicline_fill_json(x -> 'data', v_values), v_at
    FROM jsonb_array_elements(c -> 'timeline') WITH ORDINALITY AS t(x, i)
    WHERE NOT COALESCE((x ->> 'ifAssigned')::boolean, false) OR v_assignee IS NOT NULL
    ORDER BY i;

    INSERT INTO domain_events (id, tenant_id, type, subject_type, subject_id, actor_id, payload, occurred_at)
    SELECT (x ->> 'id')::uuid, v_tenant, x ->> 'type', 'case', v_case::text, x ->> 'actorId', civicline_fill_json(x -> 'payload', v_values), v_at
    FROM jsonb_array_elements(c -> 'events') WITH ORDINALITY AS t(x, i)
    WHERE NOT COALESCE((x ->> 'ifAssigned')::boolean, false) OR v_assignee IS NOT NULL
    ORDER BY i;

    -- The tenant's audit chain: the same lock key, link and hash as AuditService.record.
    IF NOT v_audit_locked THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || v_tenant::text, 0));
      SELECT a.seq, a.hash INTO v_last_seq, v_prev FROM audit_entries a WHERE a.tenant_id = v_tenant ORDER BY a.seq DESC LIMIT 1;
      v_last_seq := COALESCE(v_last_seq, 0);
      v_prev := COALESCE(v_prev, repeat('0', 64));
      v_audit_locked := true;
    END IF;
    FOR e IN SELECT x FROM jsonb_array_elements(c -> 'audit') WITH ORDINALITY AS t(x, i) ORDER BY i LOOP
      v_last_seq := v_last_seq + 1;
      v_texts := jsonb_build_object('seq', v_last_seq::text, 'prev', to_json(v_prev)::text, 'number', to_json(v_number)::text,
                                    'status', to_json(v_status)::text, 'assignee', COALESCE(to_json(v_assignee)::text, 'null'));
      v_body := civicline_fill_text(e -> 'body', v_texts);
      v_hash := encode(sha256(convert_to(v_body, 'UTF8')), 'hex');
      INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, action, subject_type, subject_id, purpose, channel,
                                 request_id, details, prev_hash, hash)
      VALUES (v_tenant, v_last_seq, (e -> 'row' ->> 'occurredAt')::timestamptz, e -> 'row' ->> 'actorType', e -> 'row' ->> 'actorId',
              e -> 'row' ->> 'action', e -> 'row' ->> 'subjectType', e -> 'row' ->> 'subjectId', e -> 'row' ->> 'purpose',
              e -> 'row' ->> 'channel', e -> 'row' ->> 'requestId', civicline_fill_json(e -> 'row' -> 'details', v_values), v_prev, v_hash);
      v_prev := v_hash;
    END LOOP;

    v_out := v_out || jsonb_build_array(jsonb_build_object('seq', v_seq, 'number', v_number, 'status', v_status, 'assigneeId', v_assignee, 'writtenAt', now()));
  END LOOP;
  RETURN v_out;
END
$$;
