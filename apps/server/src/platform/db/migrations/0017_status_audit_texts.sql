-- The status-check turn's audit group, cheaper per entry than civicline_append_audit (0013), which
-- fills each entry's text with a query over its JSON parts and inserts the entries one by one.
-- Here each body comes as text, its two holes marked E'\x01seq\x01' and E'\x01prev\x01' (a raw
-- control character never occurs in canonical JSON, which escapes them), filled by replace(); the
-- rows go in with one INSERT once the loop has linked and hashed them. Same lock key, link and hash
-- as AuditService.recordMany. Each element of p_entries is {row, body}: AuditService.prepare's row
-- and the marked text.
CREATE OR REPLACE FUNCTION civicline_append_audit_texts(p_tenant uuid, p_entries jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  n integer := jsonb_array_length(p_entries);
  v_seq bigint;
  v_prev text;
  v_prevs text[] := ARRAY[]::text[];
  v_hashes text[] := ARRAY[]::text[];
  v_hash text;
BEGIN
  IF n = 0 THEN
    RETURN 0;
  END IF;
  -- An entry must name the chain it is appended to: the function appends to p_tenant's only.
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_entries) AS t(x) WHERE (x -> 'row' ->> 'tenantId')::uuid IS DISTINCT FROM p_tenant) THEN
    RAISE EXCEPTION 'civicline_append_audit_texts: an entry of another tenant in the chain of %', p_tenant;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_tenant::text, 0));
  SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_entries a WHERE a.tenant_id = p_tenant ORDER BY a.seq DESC LIMIT 1;
  v_seq := COALESCE(v_seq, 0);
  v_prev := COALESCE(v_prev, repeat('0', 64));
  FOR i IN 1..n LOOP
    v_hash := encode(sha256(convert_to(replace(replace(p_entries -> (i - 1) ->> 'body', E'\x01seq\x01', (v_seq + i)::text), E'\x01prev\x01', to_json(v_prev)::text), 'UTF8')), 'hex');
    v_prevs := v_prevs || v_prev;
    v_hashes := v_hashes || v_hash;
    v_prev := v_hash;
  END LOOP;
  INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, action, subject_type, subject_id, purpose, channel,
                             request_id, details, prev_hash, hash)
  SELECT p_tenant, v_seq + t.i, (t.r ->> 'occurredAt')::timestamptz, t.r ->> 'actorType', t.r ->> 'actorId',
         t.r ->> 'action', t.r ->> 'subjectType', t.r ->> 'subjectId', t.r ->> 'purpose',
         t.r ->> 'channel', t.r ->> 'requestId', COALESCE(t.r -> 'details', '{}'::jsonb), v_prevs[t.i::integer], v_hashes[t.i::integer]
    FROM (SELECT e -> 'row' AS r, i FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x(e, i)) t;
  RETURN n;
END
$$;
--> statement-breakpoint
-- civicline_append_audit_texts replaces it: nothing calls the older function any more.
DROP FUNCTION IF EXISTS civicline_append_audit(uuid, jsonb);
