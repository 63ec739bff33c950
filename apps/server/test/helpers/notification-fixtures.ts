import { randomUUID } from 'node:crypto';
import { devSinkTransport, type OutgoingMessage, type TransportResolver } from '../../src/modules/messaging/index.ts';
import { addCategory, ok, type CaseFixture, type Category } from './case-fixtures.ts';
import type { TestContext } from './harness.ts';

/** A carrier at the edge we do not own: records every SMS it takes; the other channels land in the development sink. */
export function recordingCarrier() {
  const sms: OutgoingMessage[] = [];
  const resolve: TransportResolver = async (_tenantId, channel) =>
    channel === 'sms'
      ? {
          name: 'test-carrier',
          async send(m) {
            sms.push(m);
            return { provider: 'test-carrier', providerMessageId: `tc-${m.id}` };
          },
        }
      : devSinkTransport;
  return { sms, resolve };
}

export interface SentNotification {
  id: string;
  rule: string;
  channel: string;
  language: string | null;
  subject: string | null;
  body: string;
  toAddress: string;
  status: string;
  fallbackOf: string | null;
}

/** Waits until no notification or delivery job is left to run (also usable in hooks, unlike expect.poll). */
export async function settle(t: TestContext, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const { rows } = await t.database.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM pgboss.job WHERE (name = 'notifications.dispatch' OR name LIKE 'messaging.deliver%') AND state IN ('created', 'retry', 'active') AND start_after <= now() + interval '1 minute'",
    );
    if (Number(rows[0]!.n) === 0) return;
    if (Date.now() > until) throw new Error(`jobs still pending after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The notifications sent about a case, oldest first, with the rule each came from. */
export async function notificationsOf(t: TestContext, tenantId: string, caseId: string): Promise<SentNotification[]> {
  const { rows } = await t.database.query<{ id: string; rule: string; channel: string; language: string | null; subject: string | null; body: string; to_address: string; status: string; fallback_of: string | null }>(
    `SELECT m.id, r.code AS rule, m.channel, m.language, m.subject, m.body, m.to_address, m.status, n.fallback_of
       FROM outbound_messages m JOIN notification_messages n ON n.message_id = m.id JOIN notification_rules r ON r.id = n.rule_id
      WHERE m.tenant_id = $1 AND m.case_id = $2 ORDER BY m.created_at, m.channel`,
    [tenantId, caseId],
  );
  return rows.map((r) => ({ id: r.id, rule: r.rule, channel: r.channel, language: r.language, subject: r.subject, body: r.body, toAddress: r.to_address, status: r.status, fallbackOf: r.fallback_of }));
}

/** "rule/channel" pairs, sorted: the shape most assertions compare. */
export const pairs = (list: SentNotification[]) => list.map((n) => `${n.rule}/${n.channel}`).sort();

export interface NotificationFixture {
  smsCategory: Category;
  noSmsCategory: Category;
  instantCategory: Category;
  citizen: { id: string; phone: string; email: string };
  ruCitizen: { id: string; phone: string; email: string };
}

/** Categories flagged "send SMS", not flagged, and "instant"; citizens with a phone and an e-mail (Romanian, Russian). */
export async function createNotificationFixture(fx: CaseFixture): Promise<NotificationFixture> {
  const base = { admin: fx.admin, registerId: fx.registerId, departments: fx.departments };
  const cat = (over: Record<string, unknown>) => addCategory(base, over as never);
  const smsCategory = await cat({ name: { ro: 'Certificat de urbanism', en: 'Urbanism certificate', ru: 'Градостроительная справка' }, sendSms: true });
  const noSmsCategory = await cat({ name: { ro: 'Petiție', en: 'Petition' }, sendSms: false });
  const instantCategory = await cat({ name: { ro: 'Legalizare copie', en: 'Certified copy' }, sendSms: true, instant: true });
  const person = async (lastName: string, language: string) => {
    const suffix = String(Math.floor(Math.random() * 900000) + 100000);
    const phone = `+40722${suffix}`;
    const email = `${lastName.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`;
    const c = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Test', lastName, phones: [phone], emails: [email], preferredLanguage: language, preferredChannel: 'sms' }), 201);
    return { id: c.id, phone, email };
  };
  // Quiet hours off, so the scenarios do not depend on the hour the suite runs at (they have a test of their own).
  const settings = ok<{ version: number }>(await fx.admin.call('GET', '/api/v1/notification-settings'));
  ok(await fx.admin.call('PATCH', '/api/v1/notification-settings', { quietStart: '00:00', quietEnd: '00:00', version: settings.version }));
  return { smsCategory, noSmsCategory, instantCategory, citizen: await person('Ionescu', 'ro'), ruCitizen: await person('Petrov', 'ru') };
}
