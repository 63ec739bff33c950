import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '@civicline/contracts';
import { systemContext } from '../src/platform/auth/context.ts';
import type { InboundMessage } from '../src/modules/intake/index.ts';
import { createTenant, createTestApp, type TestContext } from './helpers/harness.ts';

/** Intake decides what a message is and commits it whole; channels only translate. */
describe('intake', () => {
  let t: TestContext;
  let tenantId: string;
  let petitions: Category;
  let permits: Category;
  let n = 0;
  let departmentId: string;
  const petitionsCommon = (registerId: string) => ({
    group: 'petitions', description: {}, departmentId, registerId, routing: { strategy: 'manual' as const, supervisorIds: [] },
    deadline: { unit: 'calendar_days' as const, amount: 30, endOnNonWorkingDay: 'next_working_day' as const, maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
    sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1' as const, allowAnonymous: false, active: true,
  });
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20), Buffer.from('%%EOF')]);

  beforeAll(async () => {
    t = await createTestApp();
    await t.c.jobs.start({ work: true });
    const tenant = await createTenant(t.c, { defaultLanguage: 'ro' });
    tenantId = tenant.id;
    const ctx = systemContext(tenantId);
    const dept = await t.c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
    const register = await t.c.registers.create(ctx, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
    departmentId = dept.id;
    const common = petitionsCommon(register.id);
    petitions = await t.c.categories.create(ctx, { ...common, code: 'PET', name: { ro: 'Petiție' }, fields: [] });
    permits = await t.c.categories.create(ctx, {
      ...common, code: 'AC', name: { ro: 'Autorizație' },
      fields: [{ key: 'cadastral_no', type: 'text', label: { ro: 'Nr. cadastral' }, required: true }],
    });
  });
  afterAll(() => t.close());

  const mail = (over: Partial<InboundMessage> = {}): InboundMessage => ({
    tenantId,
    channel: 'email',
    externalId: `<m${++n}-${Date.now()}@mail.example>`,
    receivedAt: new Date(),
    from: { email: `ana.${n}@example.ro`, name: 'Ana Popescu' },
    to: 'petitii@primaria.example',
    subject: `Groapă pe strada Mare nr. ${n}`,
    text: `Bună ziua, pe strada Mare nr. ${n} este o groapă periculoasă.`,
    raw: { contentType: 'message/rfc822', data: Buffer.from(`Subject: test ${n}\r\n\r\nbody`) },
    route: { categoryId: petitions.id },
    ...over,
  });
  const count = async (table: string) => (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]!.n;

  it('opens a registered case in the sender’s name, keeps the raw message, and queues an acknowledgement in their language', async () => {
    const m = mail({ attachments: [{ fileName: 'plan.pdf', content: pdf }] });
    const r = await t.c.intake.receive(m);
    expect(r).toMatchObject({ outcome: 'case_created', acknowledged: true });
    if (r.outcome !== 'case_created') throw new Error('unreachable');
    expect(r.registrationNumber).toMatch(/^PET-\d{4}-\d{6}$/);
    const kase = await t.c.cases.get(systemContext(tenantId), r.caseId);
    expect(kase).toMatchObject({ status: 'registered', channel: 'email', subject: m.subject });
    const citizen = await t.c.citizens.get(systemContext(tenantId), kase.citizenId!, { audit: false });
    expect(citizen).toMatchObject({ displayName: 'Ana Popescu', emails: [m.from.email], preferredLanguage: 'ro' });
    const inbound = (await t.database.query<{ outcome: string; raw_storage_key: string; case_id: string }>('SELECT outcome, raw_storage_key, case_id FROM inbound_messages WHERE id = $1', [r.inboundId])).rows[0]!;
    expect(inbound).toMatchObject({ outcome: 'case_created', case_id: r.caseId });
    expect(fs.readFileSync(`${t.c.config.filesDir}/${inbound.raw_storage_key}`, 'utf8')).toContain(`Subject: test`);
    expect((await t.c.attachments.list(systemContext(tenantId), r.caseId)).map((a) => a.fileName)).toEqual(['plan.pdf']);
    const acks = (await t.c.messageLog.list(systemContext(tenantId), { caseId: r.caseId, limit: 10 })).items.filter((m) => m.purpose === 'acknowledgement');
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ channel: 'email', purpose: 'acknowledgement', toAddress: m.from.email, language: 'ro' });
    expect(acks[0]!.subject).toContain(r.registrationNumber);
    expect(acks[0]!.body).toContain('Termenul de răspuns este');
    // The link leads to the portal's status page of this institution.
    expect(acks[0]!.body).toMatch(new RegExp(`/portal/[a-z0-9-]+/status\\?number=${r.registrationNumber}`));
    // The worker delivers it (to the development sink here).
    await expect.poll(async () => (await t.c.messageLog.get(systemContext(tenantId), acks[0]!.id)).status, { timeout: 15_000 }).toBe('delivered');
  });

  it('the acknowledgement, queued before the number exists, carries it as written and URI-encoded in its link; the timeline reads created, registered, files', async () => {
    const ctx = systemContext(tenantId);
    const register = await t.c.registers.create(ctx, { code: 'SES', name: { ro: 'Sesizări' }, format: 'Nr. {seq}/{year} S&C', yearly: true });
    const complaints = await t.c.categories.create(ctx, {
      ...petitionsCommon(register.id), code: `SES${n}`, name: { ro: 'Sesizare' }, fields: [],
    });
    const r = await t.c.intake.receive(mail({ route: { categoryId: complaints.id }, attachments: [{ fileName: 'poza.pdf', content: pdf }] }));
    if (r.outcome !== 'case_created') throw new Error(`unexpected ${r.outcome}`);
    expect(r.registrationNumber).toMatch(/^Nr\. \d+\/\d{4} S&C$/);
    const [ack] = (await t.c.messageLog.list(ctx, { caseId: r.caseId, limit: 10 })).items.filter((m) => m.purpose === 'acknowledgement');
    expect(ack!.subject).toBe(`Cererea dumneavoastră a fost înregistrată cu nr. ${r.registrationNumber}`);
    expect(ack!.body).toContain(`cu numărul ${r.registrationNumber},`);
    expect(ack!.body).toContain(`/status?number=${encodeURIComponent(r.registrationNumber!)} `);
    expect(`${ack!.subject}${ack!.body}`).not.toContain('\uE000');
    const timeline = await t.c.cases.timeline(ctx, r.caseId);
    expect(timeline.map((e) => e.type)).toEqual(['created', 'status_changed', 'attachment_added']);
  });

  it('the same message delivered again is recognised: one case, one acknowledgement', async () => {
    const m = mail();
    const first = await t.c.intake.receive(m);
    const cases = await count('cases');
    const second = await t.c.intake.receive(m);
    expect(second).toEqual(first);
    expect(await count('cases')).toBe(cases);
    const concurrent = mail();
    const [a, b] = await Promise.all([t.c.intake.receive(concurrent), t.c.intake.receive(concurrent)]);
    expect(a.outcome === 'case_created' && b.outcome === 'case_created' && a.caseId === b.caseId).toBe(true);
  });

  it('a message received before keeps its first outcome even when a setting it passed has changed since (its category switched off)', async () => {
    const ctx = systemContext(tenantId);
    const register = await t.c.registers.create(ctx, { code: `TMP${n}`, name: { ro: 'Temporar' }, format: `TMP${n}-{year}-{seq:6}`, yearly: true });
    const seasonal = await t.c.categories.create(ctx, { ...petitionsCommon(register.id), code: `SEZ${n}`, name: { ro: 'Sezonier' }, fields: [] });
    // A fax without the sender's number: no sender, so no duplicate check to recognise it by.
    const m = mail({ channel: 'fax', from: {}, draft: true, route: { categoryId: seasonal.id }, attachments: [{ fileName: 'a.pdf', content: pdf }] });
    const first = await t.c.intake.receive(m);
    expect(first.outcome).toBe('draft_created');
    await t.c.categories.update(ctx, seasonal.id, { active: false, version: seasonal.version });
    // A new message to it is refused; the sender's retry of the first one is answered as before.
    await expect(t.c.intake.receive(mail({ route: { categoryId: seasonal.id } }))).rejects.toThrow(/no longer takes requests/);
    const cases = await count('cases');
    const attachmentsBefore = await count('case_attachments');
    expect(await t.c.intake.receive(m)).toEqual(first);
    expect(await count('cases')).toBe(cases);
    expect(await count('case_attachments')).toBe(attachmentsBefore);
  });

  it('a reply naming the registration number, or answering our acknowledgement, joins that case', async () => {
    const first = await t.c.intake.receive(mail());
    if (first.outcome !== 'case_created') throw new Error('expected a case');
    const byNumber = await t.c.intake.receive(mail({ subject: `Re: cererea ${first.registrationNumber}`, text: 'Am mai găsit o fotografie.' }));
    expect(byNumber).toMatchObject({ outcome: 'appended', caseId: first.caseId });
    const [ack] = (await t.c.messageLog.list(systemContext(tenantId), { caseId: first.caseId, limit: 5 })).items.filter((m) => m.purpose === 'acknowledgement');
    const messageId = (await t.database.query<{ message_id: string }>('SELECT message_id FROM outbound_messages WHERE id = $1', [ack!.id])).rows[0]!.message_id;
    const threaded = await t.c.intake.receive(mail({ subject: 'Re: mulțumesc', text: 'Mulțumesc!', inReplyTo: [messageId] }));
    expect(threaded).toMatchObject({ outcome: 'appended', caseId: first.caseId });
    const timeline = await t.c.cases.timeline(systemContext(tenantId), first.caseId);
    expect(timeline.filter((e) => e.type === 'message_received').map((e) => e.comment)).toEqual(['Am mai găsit o fotografie.', 'Mulțumesc!']);
  });

  it('the same text from the same sender within the window is a duplicate, linked, not a second case', async () => {
    const original = mail();
    const first = await t.c.intake.receive(original);
    const again = await t.c.intake.receive({ ...original, externalId: `<other-${Date.now()}@mail.example>` });
    expect(again).toMatchObject({ outcome: 'duplicate', caseId: (first as { caseId: string }).caseId });
  });

  it('auto-replies and bounces never open a case nor get an acknowledgement', async () => {
    const cases = await count('cases');
    const m = mail({ autoGenerated: true, subject: 'Out of office' });
    const r = await t.c.intake.receive(m);
    expect(r.outcome).toBe('ignored');
    expect(await count('cases')).toBe(cases);
    // Nothing to the sender. (The whole outbox is not counted: earlier tests' cases may still be
    // getting their notifications from the job worker.)
    const toSender = await t.database.query('SELECT id FROM outbound_messages WHERE tenant_id = $1 AND (to_address = $2 OR idempotency_key = $3)', [tenantId, m.from.email, `ack:${r.inboundId}`]);
    expect(toSender.rows).toEqual([]);
  });

  it('what a channel cannot complete (required fields) becomes a draft for staff, without an acknowledgement', async () => {
    const r = await t.c.intake.receive(mail({ route: { categoryId: permits.id } }));
    expect(r.outcome).toBe('draft_created');
    if (r.outcome !== 'draft_created') throw new Error('unreachable');
    expect((await t.c.cases.get(systemContext(tenantId), r.caseId)).status).toBe('draft');
    expect((await t.c.messageLog.list(systemContext(tenantId), { caseId: r.caseId, limit: 5 })).items).toEqual([]);
  });

  it('a file of a type we do not take is kept out and noted, the message is still registered', async () => {
    const r = await t.c.intake.receive(mail({ attachments: [{ fileName: 'factura.pdf.exe', content: Buffer.from('MZ\u0090\u0000 not a document') }] }));
    if (r.outcome !== 'case_created') throw new Error('expected a case');
    expect(await t.c.attachments.list(systemContext(tenantId), r.caseId)).toEqual([]);
    const timeline = await t.c.cases.timeline(systemContext(tenantId), r.caseId);
    expect(timeline.find((e) => e.type === 'attachment_refused')?.data).toMatchObject({ fileName: 'factura.pdf.exe', reason: 'type not accepted' });
  });

  it('when the transaction fails nothing is kept: no message row, no case, no stored files', async () => {
    const before = { cases: await count('cases'), inbound: await count('inbound_messages') };
    const root = `${t.c.config.filesDir}/${tenantId}/inbound`;
    const storedFiles = () => (fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);
    const storedBefore = storedFiles();
    await expect(t.c.intake.receive(mail({ route: { categoryId: '00000000-0000-4000-8000-000000000000' }, attachments: [{ fileName: 'a.pdf', content: pdf }] }))).rejects.toThrow();
    expect({ cases: await count('cases'), inbound: await count('inbound_messages') }).toEqual(before);
    expect(storedFiles()).toBe(storedBefore);
  });
});
