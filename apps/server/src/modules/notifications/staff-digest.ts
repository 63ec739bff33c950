import { IntlMessageFormat } from 'intl-messageformat';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { staffNotifications, users } from '../../platform/db/schema/index.ts';
import type { MessagingService } from '../messaging/index.ts';

type StaffLocale = 'en' | 'ro' | 'ru';

/** Staff-facing texts of the digest (the console speaks en, ro, ru). */
const KIND: Record<StaffLocale, Record<string, string>> = {
  en: { staff_assigned: 'New assignment', staff_approval_waiting: 'Approval waiting', staff_deadline_approaching: 'Deadline approaching', staff_overdue: 'Deadline passed' },
  ro: { staff_assigned: 'Caz nou repartizat', staff_approval_waiting: 'Aprobare în așteptare', staff_deadline_approaching: 'Termen aproape', staff_overdue: 'Termen depășit' },
  ru: { staff_assigned: 'Новое назначение', staff_approval_waiting: 'Ожидает утверждения', staff_deadline_approaching: 'Срок истекает', staff_overdue: 'Срок истёк' },
};
const SUBJECT: Record<StaffLocale, string> = {
  en: '{count, plural, one {# new notification} other {# new notifications}} in CivicLine',
  ro: '{count, plural, one {# notificare nouă} few {# notificări noi} other {# de notificări noi}} în CivicLine',
  ru: '{count, plural, one {# новое уведомление} few {# новых уведомления} other {# новых уведомлений}} в CivicLine',
};
const LINE: Record<StaffLocale, string> = { en: '{kind}: case {number} — {subject}', ro: '{kind}: cazul {number} — {subject}', ru: '{kind}: дело {number} — {subject}' };
const LOCALES: Record<StaffLocale, string> = { en: 'en-GB', ro: 'ro-RO', ru: 'ru-RU' };

/**
 * The e-mail digest: everything staff were told in the console since their last digest, one
 * message per person. Rows are claimed with SKIP LOCKED and marked in the transaction that queues
 * the e-mail, whose key names the last row it covers: a second worker or a retry sends nothing twice.
 */
export async function sendStaffDigests(deps: { db: Db; clock: Clock; messaging: MessagingService; consoleUrl: string }): Promise<number> {
  let sent = 0;
  const pending = await deps.db.selectDistinct({ tenantId: staffNotifications.tenantId, userId: staffNotifications.userId }).from(staffNotifications).where(isNull(staffNotifications.digestedAt)).limit(500);
  for (const p of pending) {
    await deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(staffNotifications)
        .where(and(eq(staffNotifications.tenantId, p.tenantId), eq(staffNotifications.userId, p.userId), isNull(staffNotifications.digestedAt)))
        .orderBy(asc(staffNotifications.createdAt), asc(staffNotifications.id))
        .limit(200)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return;
      const [user] = await tx.select({ email: users.email, locale: users.locale, active: users.active }).from(users).where(eq(users.id, p.userId));
      if (user?.active) {
        const locale = (['en', 'ro', 'ru'].includes(user.locale) ? user.locale : 'en') as StaffLocale;
        const line = new IntlMessageFormat(LINE[locale], LOCALES[locale]);
        const body = [
          ...rows.map((r) => String(line.format({ kind: KIND[locale][r.kind.replace(/-/g, '_')] ?? r.kind, number: r.registrationNumber ?? '—', subject: String(r.data.subject ?? '') }))),
          '',
          deps.consoleUrl,
        ].join('\n');
        await deps.messaging.queue(tx, {
          tenantId: p.tenantId,
          channel: 'email',
          purpose: 'notification',
          toAddress: user.email,
          subject: String(new IntlMessageFormat(SUBJECT[locale], LOCALES[locale]).format({ count: rows.length })),
          body,
          language: locale,
          idempotencyKey: `digest:${p.userId}:${rows[rows.length - 1]!.id}`,
        });
        sent++;
      }
      await tx.update(staffNotifications).set({ digestedAt: deps.clock.now() }).where(inArray(staffNotifications.id, rows.map((r) => r.id)));
    });
  }
  return sent;
}
