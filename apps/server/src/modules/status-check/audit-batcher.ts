import type { RequestContext } from '../../platform/auth/context.ts';
import { queryRaw, type Db } from '../../platform/db/client.ts';
import { createStatementGroups } from '../../platform/db/statement-groups.ts';
import type { AuditRecord, AuditService, TextPart } from '../audit/index.ts';
import { insertSessions, sessionRow, type NewSession } from './status-check.sessions.ts';

/**
 * An entry's canonical text with its holes marked as civicline_append_audit_texts fills them:
 * \x01seq\x01 and \x01prev\x01. Canonical JSON escapes control characters, so a raw \x01 in its
 * text would be a bug upstream: refused rather than hashed ambiguously.
 */
export function bodyWithMarkedHoles(parts: TextPart[]): string {
  let text = '';
  for (const part of parts) {
    if (typeof part !== 'string') {
      if (part.hole !== 'seq' && part.hole !== 'prev') throw new Error(`audit text: unexpected hole ${part.hole}`);
      text += `\x01${part.hole}\x01`;
    } else if (part.includes('\x01')) throw new Error('audit text: a raw control character in canonical JSON');
    else text += part;
  }
  return text;
}

/**
 * The audit entries of status look-ups (and the sessions those turns opened), grouped per tenant: concurrent look-ups share one lock of
 * the tenant's hash chain and one commit instead of taking turns for them. Every caller's promise
 * resolves only once its entry has committed: nothing is disclosed before it is audited.
 */
export function createAuditBatcher(db: Db, audit: AuditService) {
  // Each item is serialised when its turn adds it, so the group's statement, which the turns
  // arriving meanwhile wait for, only joins texts.
  const groups = createStatementGroups<{ entry: string; session: string | null }, void>(
    async (tenantId, items) => {
      // One statement (migration 0017): the chain's lock, its end, the linked and hashed rows and
      // the commit in one round trip; the sessions the turns opened are written by the same
      // statement and commit with their entries.
      const entries = `[${items.map((i) => i.entry).join(',')}]`;
      const sessions = `[${items.flatMap((i) => (i.session ? [i.session] : [])).join(',')}]`;
      await queryRaw(db, `WITH ${insertSessions(3)} SELECT civicline_append_audit_texts($1::uuid, $2::jsonb) AS n`, [tenantId, entries, sessions], {
        prepared: 'status-audit-entries-with-sessions',
      });
      return items.map(() => undefined);
    },
    { name: 'status audit and sessions', maxGroup: 200 },
  );

  /** `session`: a session the turn opened, written with the entry. */
  function add(ctx: RequestContext, entry: AuditRecord, session: NewSession | null = null): Promise<void> {
    const prepared = audit.prepare(ctx, entry);
    return groups.add(ctx.tenantId, {
      entry: JSON.stringify({ row: prepared.row, body: bodyWithMarkedHoles(prepared.body) }),
      session: session ? JSON.stringify(sessionRow(session)) : null,
    });
  }

  return { add };
}
