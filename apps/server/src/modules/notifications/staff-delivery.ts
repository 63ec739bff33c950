import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { departmentMemberships, staffNotifications, users } from '../../platform/db/schema/index.ts';
import type { RuleRecord } from './rule-model.ts';
import type { StepEvent, StepFacts } from './step-facts.ts';

/** The people a staff rule tells: the case's assignee and/or the supervisors of its department. */
export async function staffRecipients(tx: Tx, rule: RuleRecord, ev: StepEvent, f: StepFacts): Promise<string[]> {
  const out = new Set<string>();
  const who = rule.conditions.recipients ?? ['assignee'];
  const assignee = f.kase?.assigneeId ?? (typeof ev.payload.assigneeId === 'string' ? ev.payload.assigneeId : null);
  if (who.includes('assignee') && assignee) out.add(assignee);
  const departmentId = f.kase?.departmentId ?? null;
  if (who.includes('supervisors') && departmentId) {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(departmentMemberships, eq(departmentMemberships.userId, users.id))
      .where(and(eq(users.tenantId, ev.tenantId), eq(users.active, true), eq(departmentMemberships.departmentId, departmentId), sql`'supervisor' = ANY(${users.roles})`));
    for (const r of rows) out.add(r.id);
  }
  return [...out];
}

/** One console notification per person per step; those the rule keeps out of the digest are marked digested at once. */
export async function notifyStaff(tx: Tx, rule: RuleRecord, ev: StepEvent, f: StepFacts, now: Date): Promise<number> {
  const recipients = await staffRecipients(tx, rule, ev, f);
  if (recipients.length === 0) return 0;
  const inDigest = rule.channels.includes('digest');
  const rows = await tx
    .insert(staffNotifications)
    .values(
      recipients.map((userId) => ({
        tenantId: ev.tenantId,
        userId,
        kind: rule.code,
        caseId: f.kase?.id ?? null,
        registrationNumber: f.kase?.registrationNumber ?? null,
        idempotencyKey: `staff:${rule.id}:${ev.id}:${userId}`,
        data: { dueAt: f.kase?.dueAt?.toISOString() ?? null, subject: f.kase?.subject ?? null, event: ev.type },
        digestedAt: inDigest ? null : now,
        // The console bell lists only what the rule sends in-app; a digest-only rule is read by e-mail.
        readAt: rule.channels.includes('inapp') ? null : now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: staffNotifications.id });
  return rows.length;
}
