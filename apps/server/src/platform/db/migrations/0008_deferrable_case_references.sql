-- Rows that belong to a case may be written before the case row in the same transaction: intake
-- records a message's attachments, its outcome and its acknowledgement first, and registers the
-- case last, so that the register's counter row (locked from the number to COMMIT) is held for
-- the registration statement and the COMMIT only. The references are still checked, at COMMIT;
-- nothing in CivicLine acts on a failed check before then.
ALTER TABLE "case_attachments" ALTER CONSTRAINT "case_attachments_case_id_cases_id_fk" DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE "case_events" ALTER CONSTRAINT "case_events_case_id_cases_id_fk" DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE "inbound_messages" ALTER CONSTRAINT "inbound_messages_case_id_cases_id_fk" DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE "outbound_messages" ALTER CONSTRAINT "outbound_messages_case_id_cases_id_fk" DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
-- civicline_register_cases of migration 0006, which also gives the number to messages queued
-- before it in the transaction (.messages, and .register.numberUri for links).
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
--   .messages                             [{id, subject, body}]: outbound messages the caller queued in
--                                         this transaction, their texts with holes number/numberUri
--   .register.numberUri                   the number template, URI-encoded (for links in messages)
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
  v_number_uri text;
  m jsonb;
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
    v_number_uri := civicline_fill_text(COALESCE(v_register -> 'numberUri', v_register -> 'number'), jsonb_build_object('seq', v_seq::text));
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

    -- Messages about this case queued earlier in the transaction (an acknowledgement) get the number.
    FOR m IN SELECT x FROM jsonb_array_elements(COALESCE(c -> 'messages', '[]'::jsonb)) AS t(x) LOOP
      UPDATE outbound_messages o SET
        subject = CASE WHEN jsonb_typeof(m -> 'subject') = 'array' THEN civicline_fill_text(m -> 'subject', jsonb_build_object('number', v_number, 'numberUri', v_number_uri)) ELSE o.subject END,
        body = civicline_fill_text(m -> 'body', jsonb_build_object('number', v_number, 'numberUri', v_number_uri))
      WHERE o.tenant_id = v_tenant AND o.id = (m ->> 'id')::uuid;
    END LOOP;

    v_out := v_out || jsonb_build_array(jsonb_build_object('seq', v_seq, 'number', v_number, 'status', v_status, 'assigneeId', v_assignee, 'writtenAt', now()));
  END LOOP;
  RETURN v_out;
END
$$;
