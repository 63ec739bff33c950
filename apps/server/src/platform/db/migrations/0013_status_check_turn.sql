-- Appends a group of audit entries to one tenant's hash chain in one statement: the same lock key
-- ('audit:<tenant>'), the same link and the same hash as AuditService.recordMany, as
-- civicline_register_cases appends its entries. Each element of p_entries is what
-- AuditService.prepare returns ({row, body}: the row without its place in the chain, and the
-- canonical text its hash covers with holes 'seq' and 'prev'). Called as a statement of its own,
-- the lock is held only for this implicit transaction, and the statement returns once the entries
-- have committed (synchronous_commit as configured: audit entries never use the relaxed commit of
-- the probes and sessions). The status-check turn's audit group used five round trips for this
-- (BEGIN, the lock, the chain's end, the insert, COMMIT).
CREATE OR REPLACE FUNCTION civicline_append_audit(p_tenant uuid, p_entries jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
  v_seq bigint;
  v_prev text;
  v_body text;
  v_hash text;
  n integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_tenant::text, 0));
  SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_entries a WHERE a.tenant_id = p_tenant ORDER BY a.seq DESC LIMIT 1;
  v_seq := COALESCE(v_seq, 0);
  v_prev := COALESCE(v_prev, repeat('0', 64));
  FOR e IN SELECT x FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS t(x, i) ORDER BY i LOOP
    -- An entry must name the chain it is appended to: the function appends to p_tenant's only.
    IF (e -> 'row' ->> 'tenantId')::uuid IS DISTINCT FROM p_tenant THEN
      RAISE EXCEPTION 'civicline_append_audit: an entry of tenant % in the chain of %', e -> 'row' ->> 'tenantId', p_tenant;
    END IF;
    v_seq := v_seq + 1;
    v_body := civicline_fill_text(e -> 'body', jsonb_build_object('seq', v_seq::text, 'prev', to_json(v_prev)::text));
    v_hash := encode(sha256(convert_to(v_body, 'UTF8')), 'hex');
    INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, action, subject_type, subject_id, purpose, channel,
                               request_id, details, prev_hash, hash)
    VALUES (p_tenant, v_seq, (e -> 'row' ->> 'occurredAt')::timestamptz, e -> 'row' ->> 'actorType', e -> 'row' ->> 'actorId',
            e -> 'row' ->> 'action', e -> 'row' ->> 'subjectType', e -> 'row' ->> 'subjectId', e -> 'row' ->> 'purpose',
            e -> 'row' ->> 'channel', e -> 'row' ->> 'requestId', COALESCE(e -> 'row' -> 'details', '{}'::jsonb), v_prev, v_hash);
    v_prev := v_hash;
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;
