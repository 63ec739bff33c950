-- The audit trail is append-only: no role of the application may rewrite or remove history.
-- Retention (a later issue) runs as a separate, audited procedure that disables this trigger
-- explicitly inside its own transaction.
CREATE OR REPLACE FUNCTION civicline_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION civicline_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_truncate
  BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION civicline_audit_append_only();
