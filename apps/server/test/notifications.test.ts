import type { CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { createManualClock } from '../src/platform/clock.ts';
import { SEED_SCENARIO_CODES } from '../src/modules/notifications/index.ts';
import { act, createCaseFixture, ok, openCase, problem, type CaseFixture } from './helpers/case-fixtures.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { createNotificationFixture, notificationsOf, pairs, recordingCarrier, settle, type NotificationFixture } from './helpers/notification-fixtures.ts';

const ALL = (rule: string) => [`${rule}/email`, `${rule}/portal`, `${rule}/sms`];

/**
 * The default rule set, scenario by scenario: the step happens through the real API (or, for
 * appointments, as status-check records it in the outbox), the worker runs the notification and
 * delivery jobs, and exactly the expected messages exist — channels, language, variables.
 */
describe('notifications: the default scenarios', () => {
  let t: TestContext;
  let fx: CaseFixture;
  let nf: NotificationFixture;
  const clock = createManualClock(new Date());
  const carrier = recordingCarrier();

  beforeAll(async () => {
    t = await createTestApp({ clock, resolveTransport: carrier.resolve });
    await t.c.jobs.start({ work: true });
    fx = await createCaseFixture(t);
    nf = await createNotificationFixture(fx);
  });
  afterAll(() => t.close());

  const sent = async (caseId: string) => {
    await settle(t);
    return notificationsOf(t, fx.tenant.id, caseId);
  };
  const open = (body: Record<string, unknown> = {}) => openCase(fx, fx.staff.operator, { categoryId: nf.smsCategory.id, citizenId: nf.citizen.id, channel: 'post', subject: 'Certificat de urbanism pentru teren', ...body });
  /** A case in the works: registered, assigned to technician A, started. Its notices so far are left behind. */
  const working = async (body: Record<string, unknown> = {}) => {
    let c = await open(body);
    c = await act(fx.staff.supervisor, c, 'assign', { assigneeId: fx.staff.techA.id });
    c = await act(fx.staff.techA, c, 'start');
    await settle(t);
    const before = (await notificationsOf(t, fx.tenant.id, c.id)).length;
    return { c, since: async () => (await sent(c.id)).slice(before) };
  };

  it('the default rules are the eighteen seed scenarios first, each named and documented, then the general ones', async () => {
    const rules = ok<{ code: string; name: { en: string; ro: string }; description: { en: string }; enabled: boolean }[]>(await fx.admin.call('GET', '/api/v1/notification-rules'));
    expect(SEED_SCENARIO_CODES).toHaveLength(18);
    for (const code of [...SEED_SCENARIO_CODES, 'request-registered', 'department-assigned', 'answer-ready', 'deadline-extended', 'redirected-agency', 'appointment-booked', 'appointment-rescheduled', 'appointment-cancelled', 'appointment-tomorrow', 'staff-assigned', 'staff-approval-waiting', 'staff-deadline-approaching', 'staff-overdue']) {
      const r = rules.find((x) => x.code === code);
      expect(r, code).toBeDefined();
      expect(r!.enabled).toBe(true);
      expect(r!.name.en.length).toBeGreaterThan(3);
      expect(r!.name.ro.length).toBeGreaterThan(3);
      expect(r!.description.en.length).toBeGreaterThan(10);
    }
  });

  it('scenario 1: a postal submission gets its receipt by SMS, e-mail and inbox, in Romanian, with number and deadline; the general notice does not double it', async () => {
    const c = await open();
    const list = await sent(c.id);
    expect(pairs(list)).toEqual(ALL('receipt-remote'));
    for (const n of list) {
      expect(n.language).toBe('ro');
      expect(n.body).toContain(c.registrationNumber!);
      expect(n.body).toContain('Certificat de urbanism');
    }
    const due = new Intl.DateTimeFormat('ro-RO', { dateStyle: 'long', timeZone: 'Europe/Bucharest' }).format(new Date(c.deadline.dueAt!));
    expect(list.find((n) => n.channel === 'email')!.body).toContain(due);
    expect(list.find((n) => n.channel === 'sms')!.toAddress).toBe(nf.citizen.phone);
    expect(list.find((n) => n.channel === 'email')!.toAddress).toBe(nf.citizen.email);
    expect(carrier.sms.filter((m) => m.toAddress === nf.citizen.phone && m.body.includes(c.registrationNumber!))).toHaveLength(1);
  });

  it('in person, nothing is sent (the desk prints a receipt); by phone, the general notice goes by SMS and to the inbox', async () => {
    const walkIn = await open({ channel: 'walk_in' });
    expect(await sent(walkIn.id)).toEqual([]);
    const phone = await open({ channel: 'phone' });
    const list = await sent(phone.id);
    expect(pairs(list)).toEqual(['request-registered/portal', 'request-registered/sms']);
    expect(list[0]!.body).toContain(phone.registrationNumber!);
  });

  it('a Russian-speaking citizen gets the notices in Russian', async () => {
    const c = await open({ citizenId: nf.ruCitizen.id });
    const list = await sent(c.id);
    expect(pairs(list)).toEqual(ALL('receipt-remote'));
    for (const n of list) expect(n.language).toBe('ru');
    expect(list.find((n) => n.channel === 'email')!.subject).toBe(`Ваши документы получены: № ${c.registrationNumber}`);
    expect(list.find((n) => n.channel === 'email')!.body).toContain('Градостроительная справка');
  });

  it('an instant category sends nothing at all, on any step', async () => {
    let c = await open({ categoryId: nf.instantCategory.id });
    c = await act(fx.staff.supervisor, c, 'assign', { assigneeId: fx.staff.techA.id });
    c = await act(fx.staff.techA, c, 'start');
    c = await act(fx.staff.techA, c, 'suspend', { reason: 'awaiting_citizen_documents' });
    expect(await sent(c.id)).toEqual([]);
  });

  it('a category without "send SMS" sends no SMS, but the inbox and e-mail still get the notice', async () => {
    const before = carrier.sms.length;
    const c = await open({ categoryId: nf.noSmsCategory.id });
    expect(pairs(await sent(c.id))).toEqual(['receipt-remote/email', 'receipt-remote/portal']);
    expect(carrier.sms.length).toBe(before);
  });

  it('scenarios 2–3: postal return registered (the address) and the result handed to the post (its tracking number)', async () => {
    const { c, since } = await working();
    ok(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/postal-steps`, { kind: 'return_registered', address: 'Str. Lungă nr. 5, Cluj-Napoca' }), 201);
    const first = await since();
    expect(pairs(first)).toEqual(ALL('postal-return-registered'));
    expect(first.every((n) => n.body.includes('Str. Lungă nr. 5'))).toBe(true);
    ok(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/postal-steps`, { kind: 'dispatched', trackingNumber: 'RR123456789RO' }), 201);
    const second = (await since()).slice(3);
    expect(pairs(second)).toEqual(ALL('postal-return-dispatched'));
    expect(second.every((n) => n.body.includes('RR123456789RO'))).toBe(true);
  });

  it('scenarios 4–7: one clock-stop notice per reason, on every submission method', async () => {
    const expected: Record<string, string> = {
      awaiting_citizen_documents: 'asteapta documente',
      awaiting_other_institution: 'altei institutii',
      on_site_inspection: 'verificare pe teren',
      citizen_request: 'la cererea dvs.',
    };
    for (const [i, [reason, words]] of Object.entries(expected).entries()) {
      const { c, since } = await working({ channel: ['web', 'post', 'phone', 'email'][i] });
      await act(fx.staff.techA, c, 'suspend', { reason });
      const list = await since();
      expect(pairs(list), reason).toEqual(ALL(`clock-stopped-${reason.replace(/_/g, '-')}`));
      expect(list.find((n) => n.channel === 'sms')!.body).toContain(words);
    }
  });

  it('scenarios 8–10: the result notice says how it is returned — at the desk, by post, online', async () => {
    for (const [method, rule] of [['in_person', 'result-desk'], ['post', 'result-post'], ['online', 'result-online']] as const) {
      const { c, since } = await working();
      const proposed = await act(fx.staff.techA, c, 'propose_resolution', { answer: 'Se eliberează certificatul.', returnMethod: method });
      await act(fx.staff.supervisor, proposed, 'approve');
      const list = (await since()).filter((n) => n.channel !== 'inapp');
      expect(pairs(list), method).toEqual(ALL(rule));
      expect(list[0]!.body).toContain(c.registrationNumber!);
    }
  });

  it('switching a rule off lets the next of its group speak: without "result at the desk", the general "answer ready" goes', async () => {
    const rules = ok<{ id: string; code: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/notification-rules'));
    const desk = rules.find((r) => r.code === 'result-desk')!;
    const off = ok<{ version: number }>(await fx.admin.call('PATCH', `/api/v1/notification-rules/${desk.id}`, { enabled: false, version: desk.version }));
    try {
      const { c, since } = await working();
      const proposed = await act(fx.staff.techA, c, 'propose_resolution', { answer: 'Răspuns.', returnMethod: 'in_person' });
      await act(fx.staff.supervisor, proposed, 'approve');
      expect(pairs(await since())).toEqual(ALL('answer-ready'));
    } finally {
      ok(await fx.admin.call('PATCH', `/api/v1/notification-rules/${desk.id}`, { enabled: true, version: off.version }));
    }
  });

  it('scenario 11: a refusal, with its reason in the citizen’s words', async () => {
    const { c, since } = await working();
    await act(fx.staff.supervisor, c, 'reject', { reason: 'incomplete', comment: 'Lipsesc actele de proprietate.' });
    const list = await since();
    expect(pairs(list)).toEqual(ALL('refusal'));
    expect(list.find((n) => n.channel === 'email')!.body).toContain('cererea este incompletă');
  });

  it('scenarios 13–14 and 17–18: online payment before submission / before the result; fees with and without a receipt number, in lei', async () => {
    const { c, since } = await working();
    const steps: [Record<string, unknown>, string, string[]][] = [
      [{ amountMinor: 5000, onlineStage: 'before_submission', payUrl: 'https://plati.example.ro/p/1' }, 'payment-before-submission', ['50,00 RON', 'https://plati.example.ro/p/1']],
      [{ amountMinor: 12550, onlineStage: 'before_result', payUrl: 'https://plati.example.ro/p/2' }, 'payment-before-result', ['125,50 RON']],
      [{ amountMinor: 1500, receiptNumber: 'CH-0042' }, 'fee-with-receipt', ['15,00 RON', 'CH-0042']],
      [{ amountMinor: 2000 }, 'fee-without-receipt', ['20,00 RON']],
    ];
    let seen = 0;
    for (const [body, rule, words] of steps) {
      ok(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/fees`, body), 201);
      const list = (await since()).slice(seen);
      seen += list.length;
      expect(pairs(list), rule).toEqual(ALL(rule));
      for (const w of words) expect(list.find((n) => n.channel === 'email')!.body.replace(/\u00a0/g, ' '), rule).toContain(w);
    }
    // Paying records the payment; no default rule speaks of it.
    const { fees } = ok<{ fees: { id: string; version: number; status: string }[] }>(await fx.staff.techA.call('GET', `/api/v1/cases/${c.id}/services`));
    ok(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/fees/${fees[2]!.id}/payment`, { reference: 'OP-991', version: fees[2]!.version }));
    problem(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/fees/${fees[2]!.id}/payment`, { reference: 'OP-991', version: fees[2]!.version + 1 }), 409, 'case.fee_already_paid');
    expect((await since()).length).toBe(seen);
  });

  it('scenarios 15–16: the postal code confirmed for the dossier sent in and for the result sent back', async () => {
    const { c, since } = await working();
    ok(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/postal-steps`, { kind: 'code_confirmed', phase: 'submission', postalCode: '400001' }), 201);
    ok(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/postal-steps`, { kind: 'code_confirmed', phase: 'return', postalCode: '400002' }), 201);
    const list = await since();
    expect(pairs(list)).toEqual([...ALL('postal-code-return'), ...ALL('postal-code-submission')].sort());
    expect(list.filter((n) => n.rule === 'postal-code-submission').every((n) => n.body.includes('400001'))).toBe(true);
    expect(list.filter((n) => n.rule === 'postal-code-return').every((n) => n.body.includes('400002'))).toBe(true);
  });

  it('deadline extended (reason and new date) and redirected to another agency (its contacts)', async () => {
    const { c, since } = await working();
    const extended = await act(fx.staff.supervisor, c, 'extend', { days: 10, reason: 'Necesită avizul Direcției Patrimoniu' });
    let list = await since();
    expect(pairs(list)).toEqual(ALL('deadline-extended'));
    const newDue = new Intl.DateTimeFormat('ro-RO', { dateStyle: 'long', timeZone: 'Europe/Bucharest' }).format(new Date(extended.deadline.dueAt!));
    expect(list.find((n) => n.channel === 'email')!.body).toContain(newDue);
    expect(list.find((n) => n.channel === 'email')!.body).toContain('Necesită avizul Direcției Patrimoniu');
    await act(fx.staff.supervisor, extended, 'redirect', { agency: { name: 'Oficiul de Cadastru Cluj', contact: 'tel. 0264 123 456, ocpi@example.ro' }, reason: 'Ține de cadastru' });
    list = (await since()).slice(3);
    expect(pairs(list)).toEqual(ALL('redirected-agency'));
    expect(list.find((n) => n.channel === 'email')!.body).toContain('tel. 0264 123 456, ocpi@example.ro');
  });

  it('moved to another department: the citizen learns where it is now (inbox and e-mail)', async () => {
    const { c, since } = await working();
    await act(fx.staff.supervisor, c, 'redirect', { departmentId: fx.departments.social, reason: 'Ține de asistența socială' });
    const list = await since();
    expect(pairs(list)).toEqual(['department-assigned/email', 'department-assigned/portal']);
    expect(list[0]!.body).toContain('Asistenta sociala');
  });

  it('appointments: booked, moved and cancelled notices; the reminder the day before; scenario 12, no result 3 hours before, warned once', async () => {
    const { c, since } = await working();
    const appointmentId = crypto.randomUUID();
    const record = (type: string, payload: Record<string, unknown>) =>
      t.c.db.transaction((tx) => t.c.events.record(tx, { tenantId: fx.tenant.id, type, subjectType: 'appointment', subjectId: appointmentId, payload: { appointmentId, caseId: c.id, citizenId: nf.citizen.id, ...payload } }));
    const inHours = (h: number) => new Date(clock.now().getTime() + h * 3_600_000).toISOString();
    const moment = (iso: string) => new Intl.DateTimeFormat('ro-RO', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Bucharest' }).format(new Date(iso));

    const first = inHours(48);
    await record('appointment.booked', { startsAt: first, place: 'Ghișeul 3' });
    let list = await since();
    expect(pairs(list)).toEqual(ALL('appointment-booked'));
    expect(list[0]!.body).toContain(moment(first));
    const second = inHours(20);
    await record('appointment.rescheduled', { startsAt: second, previousStartsAt: first, place: 'Ghișeul 3' });
    list = (await since()).slice(3);
    expect(pairs(list)).toEqual(ALL('appointment-rescheduled'));
    expect(list.find((n) => n.channel === 'email')!.body).toContain(moment(first));
    expect(list.find((n) => n.channel === 'email')!.body).toContain(moment(second));

    // The sweep (a cron job on workers) raises the reminder once, however often it runs.
    expect(await t.c.notifications.sweepAppointments()).toMatchObject({ reminders: 1 });
    expect(await t.c.notifications.sweepAppointments()).toMatchObject({ reminders: 0, warnings: 0 });
    list = (await since()).slice(6);
    expect(pairs(list)).toEqual(ALL('appointment-tomorrow'));

    // 2 hours before, the case still has no result: the overdue warning, urgent, once.
    clock.advance(18 * 3_600_000);
    expect(await t.c.notifications.sweepAppointments()).toMatchObject({ warnings: 1 });
    expect(await t.c.notifications.sweepAppointments()).toMatchObject({ warnings: 0 });
    list = (await since()).slice(9);
    expect(pairs(list)).toEqual(ALL('overdue-before-appointment'));
    expect(list[0]!.body).toContain(c.registrationNumber!);
    clock.set(new Date());

    await record('appointment.cancelled', { startsAt: second, place: 'Ghișeul 3' });
    list = (await since()).slice(12);
    expect(pairs(list)).toEqual(ALL('appointment-cancelled'));
  });

  it('every notice is in the case timeline', async () => {
    const c = await open();
    const list = await sent(c.id);
    const timeline = ok<{ type: string; data: { messageId?: string; rule?: string } }[]>(await fx.staff.supervisor.call('GET', `/api/v1/cases/${c.id}/timeline`));
    const entries = timeline.filter((e) => e.type === 'notification');
    expect(entries.map((e) => e.data.messageId).sort()).toEqual(list.map((n) => n.id).sort());
  });

  it('a step handled twice (a retry, a second worker) sends nothing more', async () => {
    const c = await open();
    const list = await sent(c.id);
    const [ev] = (await t.database.query<{ id: string }>("SELECT id FROM domain_events WHERE subject_id = $1 AND type = 'case.registered'", [c.id])).rows;
    await Promise.all([t.c.notifications.dispatch(fx.tenant.id, ev!.id), t.c.notifications.dispatch(fx.tenant.id, ev!.id)]);
    expect(await sent(c.id)).toEqual(list);
  });

  it('a citizen who withdrew SMS consent gets no SMS', async () => {
    await t.database.query("INSERT INTO citizen_channel_consents (tenant_id, citizen_id, channel, granted) VALUES ($1, $2, 'sms', false)", [fx.tenant.id, nf.ruCitizen.id]);
    try {
      const c = await open({ citizenId: nf.ruCitizen.id });
      expect(pairs(await sent(c.id))).toEqual(['receipt-remote/email', 'receipt-remote/portal']);
    } finally {
      await t.database.query('DELETE FROM citizen_channel_consents WHERE tenant_id = $1 AND citizen_id = $2', [fx.tenant.id, nf.ruCitizen.id]);
    }
  });

  it('staff: the assignee hears of a new assignment, supervisors of an answer waiting; both of a deadline approaching; the digest sums it up by e-mail', async () => {
    const { c } = await working();
    const mine = async () => ok<{ unread: number; items: { kind: string; caseId: string; registrationNumber: string }[] }>(await fx.staff.techA.call('GET', '/api/v1/me/notifications'));
    expect((await mine()).items.filter((i) => i.caseId === c.id).map((i) => i.kind)).toEqual(['staff-assigned']);
    await act(fx.staff.techA, c, 'propose_resolution', { answer: 'Propunere', returnMethod: 'online' });
    await settle(t);
    const sup = ok<{ items: { id: string; kind: string; caseId: string }[] }>(await fx.staff.supervisor.call('GET', '/api/v1/me/notifications'));
    const waiting = sup.items.find((i) => i.caseId === c.id && i.kind === 'staff-approval-waiting');
    expect(waiting).toBeDefined();
    expect((await mine()).items.some((i) => i.caseId === c.id && i.kind === 'staff-approval-waiting')).toBe(false);
    // Read: it leaves the bell.
    expect((await fx.staff.supervisor.call('POST', `/api/v1/me/notifications/${waiting!.id}/read`)).statusCode).toBe(204);
    expect(ok<{ items: { id: string }[] }>(await fx.staff.supervisor.call('GET', '/api/v1/me/notifications')).items.map((i) => i.id)).not.toContain(waiting!.id);
    problem(await fx.staff.techA.call('POST', `/api/v1/me/notifications/${waiting!.id}/read`), 404, 'resource.not_found');

    // The deadline sweep, two days before the deadline (warned 72 h before it).
    clock.set(new Date(new Date(c.deadline.dueAt!).getTime() - 48 * 3_600_000));
    expect((await t.c.cases.sweepDeadlines()).approaching).toBeGreaterThanOrEqual(1);
    await settle(t);
    clock.set(new Date());
    expect((await mine()).items.some((i) => i.caseId === c.id && i.kind === 'staff-deadline-approaching')).toBe(true);
    const supNow = ok<{ items: { kind: string; caseId: string }[] }>(await fx.staff.supervisor.call('GET', '/api/v1/me/notifications'));
    expect(supNow.items.some((i) => i.caseId === c.id && i.kind === 'staff-deadline-approaching')).toBe(true);

    await t.c.notifications.sendStaffDigests('http://console.test');
    await settle(t);
    const digests = (await t.database.query<{ subject: string; body: string }>("SELECT subject, body FROM outbound_messages WHERE tenant_id = $1 AND to_address = $2 AND idempotency_key LIKE 'digest:%'", [fx.tenant.id, fx.staff.techA.email])).rows;
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(digests.map((d) => d.body).join('\n')).toContain(`New assignment: case ${c.registrationNumber}`);
    // Nothing is summed up twice.
    expect(await t.c.notifications.sendStaffDigests('http://console.test')).toBe(0);
  });

  it('only the tenant’s administrators manage rules; a rule for an unknown event is refused', async () => {
    problem(await fx.staff.techA.call('GET', '/api/v1/notification-rules'), 403, 'auth.forbidden');
    problem(await fx.staff.supervisor.call('POST', '/api/v1/notification-rules', {}), 403, 'auth.forbidden');
    const bad = problem(await fx.admin.call('POST', '/api/v1/notification-rules', { code: 'x-rule', name: { en: 'X', ro: 'X' }, eventType: 'case.exploded', audience: 'citizen', channels: ['sms'], templateCode: 'registered' }), 422, 'request.validation_failed');
    expect(bad.errors!.map((e) => e.path)).toContain('eventType');
    expect(systemContext(fx.tenant.id).tenantId).toBe(fx.tenant.id);
  });

  it('a case of another institution cannot be previewed', async () => {
    const other = await createCaseFixture(t);
    const theirs: CaseDetail = await openCase(other, other.staff.operator);
    problem(await fx.admin.call('POST', '/api/v1/notification-templates/preview', { channel: 'sms', language: 'ro', body: '{number}', caseId: theirs.id }), 404, 'resource.not_found');
  });
});
