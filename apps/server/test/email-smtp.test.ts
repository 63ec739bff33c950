import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpListener, type SmtpListener } from '../src/channels/email/index.ts';
import { systemContext } from '../src/platform/auth/context.ts';
import { createTenant, createTestApp, type TestContext } from './helpers/harness.ts';
import { samplePdf, selfSignedCertificate, startRelay, swaks, tempFile } from './helpers/mail.ts';

/** RFC 2047 "B" encoding in UTF-8, as a mail program writes a subject with diacritics. */
const b = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

/**
 * The SMTP listener driven by a real client (Debian's swaks) over a real socket, with intake on the
 * real database, and acknowledgements leaving over SMTP through nodemailer to a local relay.
 */
describe('e-mail intake over SMTP', () => {
  let t: TestContext;
  let listener: SmtpListener;
  let port: number;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let tenantId: string;
  let domain: string;
  let petitii: string;
  let fax: string;
  const MAX_BYTES = 256 * 1024;

  beforeAll(async () => {
    t = await createTestApp();
    await t.c.jobs.start({ work: true });
    relay = await startRelay({ user: 'relay-user', password: 'relay-pass' });
    const tenant = await createTenant(t.c, { defaultLanguage: 'ro' });
    tenantId = tenant.id;
    domain = `${tenant.slug}.primaria.example`;
    const ctx = systemContext(tenantId);
    const dept = await t.c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
    const register = await t.c.registers.create(ctx, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
    const category = await t.c.categories.create(ctx, {
      group: 'petitions', description: {}, departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: false, active: true,
      code: 'PET', name: { ro: 'Petiție' }, fields: [],
    });
    petitii = `petitii@${domain}`;
    fax = `fax@${domain}`;
    const mailbox = { departmentId: null, acknowledge: true, imap: null } as const;
    await t.c.channelConfig.createMailbox(ctx, { ...mailbox, address: petitii, name: 'Petiții', categoryId: category.id, isFax: false });
    await t.c.channelConfig.createMailbox(ctx, { ...mailbox, address: fax, name: 'Fax registratură', categoryId: category.id, isFax: true });
    await t.c.channelConfig.createAccount(ctx, {
      provider: 'smtp',
      name: 'Relay',
      settings: { host: '127.0.0.1', port: relay.port, secure: false, user: 'relay-user', from: `Primăria Test <registratura@${domain}>` },
      secret: 'relay-pass',
    });
    listener = createSmtpListener({
      intake: t.c.intake,
      channelConfig: t.c.channelConfig,
      settings: { port: 0, host: '127.0.0.1', hostname: 'mx.civicline.test', tls: null, maxBytes: MAX_BYTES, allowSenders: [], denySenders: ['@spam.example'] },
      log: { info() {}, warn() {}, error: (o, m) => console.error(m, o) },
    });
    port = await listener.listen();
  });
  afterAll(async () => {
    await listener?.close();
    await relay?.close();
    await t?.close();
  });

  const inbound = async (externalId: string) =>
    (await t.database.query<{ outcome: string; case_id: string | null; subject: string | null; body_text: string; channel: string; sender_address: string | null; auto_generated: boolean }>(
      'SELECT outcome, case_id, subject, body_text, channel, sender_address, auto_generated FROM inbound_messages WHERE tenant_id = $1 AND external_id = $2',
      [tenantId, externalId],
    )).rows;
  const count = async (table: string) => (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]!.n;
  const ctx = () => systemContext(tenantId);
  const newId = () => `<${randomUUID()}@client.example.test>`;

  it('Romanian diacritics and Cyrillic in RFC 2047 subjects open cases with the subjects decoded', async () => {
    const subjects = ['Sesizare: groapă pe șoseaua Ștefan cel Mare, în fața școlii', 'Жалоба: нет отопления в доме № 5'];
    for (const subject of subjects) {
      const id = newId();
      const r = await swaks(port, ['--to', petitii, '--from', 'ana.popescu@example.ro', '--header', `Subject: ${b(subject)}`, '--header', `Message-Id: ${id}`, '--header', `From: ${b('Ana Popescu')} <ana.popescu@example.ro>`, '--body', 'Vă rog să remediați.']);
      expect(r.code, r.transcript).toBe(0);
      expect(r.replies.find((l) => l.startsWith('250 2.0.0 Ok'))).toBeDefined();
      const [row] = await inbound(id);
      expect(row).toMatchObject({ outcome: 'case_created', subject, channel: 'email', sender_address: 'ana.popescu@example.ro' });
      const kase = await t.c.cases.get(ctx(), row!.case_id!);
      expect(kase).toMatchObject({ subject, channel: 'email', status: 'registered' });
    }
  });

  it('a PDF attachment becomes the case’s document; the acknowledgement goes out over SMTP, threaded, in UTF-8', async () => {
    const id = newId();
    const pdf = tempFile('cerere-autorizație.pdf', samplePdf('Cerere autorizatie'));
    const r = await swaks(port, [
      '--to', petitii, '--from', 'ion.ionescu@example.ro', '--header', `Message-Id: ${id}`, '--header', `Subject: ${b('Cerere autorizație de construire')}`,
      '--header', 'From: Ion Ionescu <ion.ionescu@example.ro>',
      '--attach-type', 'text/plain', '--attach-body', 'Atașez cererea.', '--attach-type', 'application/pdf', '--attach', `@${pdf}`,
    ]);
    expect(r.code, r.transcript).toBe(0);
    const [row] = await inbound(id);
    expect(row!.outcome).toBe('case_created');
    expect(row!.body_text).toBe('Atașez cererea.');
    const files = await t.c.attachments.list(ctx(), row!.case_id!);
    expect(files.map((f) => f.fileName)).toEqual(['cerere-autorizație.pdf']);
    const kase = await t.c.cases.get(ctx(), row!.case_id!);

    // The acknowledgement, delivered by the worker through nodemailer to the institution's relay.
    const ack = await relay.waitFor('ion.ionescu@example.ro');
    const [stored] = (await t.database.query<{ message_id: string; status: string; provider: string }>("SELECT message_id, status, provider FROM outbound_messages WHERE case_id = $1 AND purpose = 'acknowledgement'", [row!.case_id])).rows;
    expect(ack.parsed.messageId).toBe(stored!.message_id);
    expect(ack.parsed.inReplyTo).toBe(id);
    expect(ack.parsed.references).toBe(id);
    expect(ack.parsed.subject).toContain(kase.registrationNumber!);
    expect(ack.parsed.text).toContain(kase.registrationNumber!);
    expect(ack.parsed.from?.value[0]).toMatchObject({ address: `registratura@${domain}`, name: 'Primăria Test' });
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    // A Romanian subject travels as an RFC 2047 UTF-8 encoded word.
    const rawSubject = ack.raw.toString('latin1').match(/^Subject: (.*(?:\r\n[ \t].*)*)/m)![1]!;
    expect(rawSubject).toMatch(/=\?UTF-8\?[BQ]\?/i);
    expect(ack.parsed.subject).toMatch(/[ăâîșț]/);
    await expect.poll(async () => (await t.database.query<{ status: string }>('SELECT status FROM outbound_messages WHERE message_id = $1', [stored!.message_id])).rows[0]!.status).toBe('sent');
  });

  it('an HTML-only mail is read as sanitised text', async () => {
    const id = newId();
    const html = '<html><head><style>p{}</style><script>alert("x")</script></head><body><p>Stimată doamnă,</p><p>Iluminatul public <b>nu funcționează</b> pe strada Florilor.<img src="https://tracker.example/p.gif"></p></body></html>';
    const raw = [`From: Maria <maria@example.ro>`, `To: ${petitii}`, `Subject: ${b('Iluminat public')}`, `Message-ID: ${id}`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', html, ''].join('\r\n');
    const r = await swaks(port, ['--to', petitii, '--from', 'maria@example.ro', '--data', `@${tempFile('html.eml', raw)}`]);
    expect(r.code, r.transcript).toBe(0);
    const [row] = await inbound(id);
    expect(row!.body_text).toBe('Stimată doamnă,\n\nIluminatul public nu funcționează pe strada Florilor.');
    expect((await t.c.cases.get(ctx(), row!.case_id!)).description).toBe(row!.body_text);
  });

  it('legacy charsets: a Windows-1250 Romanian body and a KOI8-R subject', async () => {
    const id = newId();
    const { default: iconv } = await import('iconv-lite');
    const head = [`From: vechi@example.ro`, `To: ${petitii}`, `Subject: =?KOI8-R?B?${iconv.encode('Обращение', 'koi8-r').toString('base64')}?=`, `Message-ID: ${id}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=windows-1250', 'Content-Transfer-Encoding: 8bit', '', ''].join('\r\n');
    const file = tempFile('legacy.eml', Buffer.concat([Buffer.from(head), iconv.encode('Bună ziua, în curtea şcolii e apă.\r\n', 'windows-1250')]));
    expect((await swaks(port, ['--to', petitii, '--from', 'vechi@example.ro', '--data', `@${file}`])).code).toBe(0);
    const [row] = await inbound(id);
    expect(row).toMatchObject({ subject: 'Обращение', body_text: 'Bună ziua, în curtea şcolii e apă.' });
  });

  it('a reply naming the registration number is added to that case, not a new one', async () => {
    const first = newId();
    await swaks(port, ['--to', petitii, '--from', 'elena@example.ro', '--header', `Message-Id: ${first}`, '--header', 'Subject: Copac cazut pe strada Lunga', '--body', 'Un copac a căzut.']);
    const [orig] = await inbound(first);
    const kase = await t.c.cases.get(ctx(), orig!.case_id!);
    const cases = await count('cases');
    const reply = newId();
    const r = await swaks(port, ['--to', petitii, '--from', 'elena@example.ro', '--header', `Message-Id: ${reply}`, '--header', `Subject: ${b(`Re: Înregistrare ${kase.registrationNumber}`)}`, '--body', 'Am mai atașat o fotografie.']);
    expect(r.code, r.transcript).toBe(0);
    const [row] = await inbound(reply);
    expect(row).toMatchObject({ outcome: 'appended', case_id: kase.id });
    expect(await count('cases')).toBe(cases);
    const timeline = await t.c.cases.timeline(ctx(), kase.id);
    expect(timeline.filter((e) => e.type === 'message_received').map((e) => e.comment)).toContain('Am mai atașat o fotografie.');
  });

  it('an auto-reply and a bounce are recorded and ignored: no case, no acknowledgement, still 250', async () => {
    const cases = await count('cases');
    const auto = newId();
    const r1 = await swaks(port, ['--to', petitii, '--from', 'away@example.ro', '--header', `Message-Id: ${auto}`, '--header', 'Subject: Out of office', '--header', 'Auto-Submitted: auto-replied', '--body', 'I am away until Monday.']);
    expect(r1.code, r1.transcript).toBe(0);
    const bounce = newId();
    const r2 = await swaks(port, ['--to', petitii, '--from', '<>', '--header', `Message-Id: ${bounce}`, '--header', 'From: Mail Delivery System <MAILER-DAEMON@mx.example.ro>', '--header', 'Subject: Undelivered Mail Returned to Sender', '--body', 'This is the mail system.']);
    expect(r2.code, r2.transcript).toBe(0);
    expect(r2.transcript).toMatch(/MAIL FROM:<>/);
    expect(await inbound(auto)).toMatchObject([{ outcome: 'ignored', case_id: null, auto_generated: true }]);
    expect(await inbound(bounce)).toMatchObject([{ outcome: 'ignored', case_id: null, auto_generated: true }]);
    expect(await count('cases')).toBe(cases);
    // Nothing went back to either sender (other tests' notifications may still be leaving meanwhile).
    const answered = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbound_messages WHERE tenant_id = $1 AND (in_reply_to = ANY($2) OR lower(to_address) IN ('away@example.ro', 'mailer-daemon@mx.example.ro'))",
      [tenantId, [auto, bounce]],
    );
    expect(answered.rows[0]!.n).toBe(0);
  });

  it('a fax from the gateway becomes a fax draft for the registrar with the sender’s number and the document', async () => {
    const id = newId();
    // The PBX sends the fax as a TIFF (a minimal little-endian TIFF header and one empty IFD).
    const tiff = tempFile('fax-0213153344.tif', Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(2048)]));
    const r = await swaks(port, ['--to', fax, '--from', 'pbx@gateway.primaria.example', '--header', `Message-Id: ${id}`, '--header', 'Subject: Fax from +40 21 315 33 44 (1 page)', '--attach-type', 'text/plain', '--attach-body', 'You have received a fax.', '--attach-type', 'image/tiff', '--attach', `@${tiff}`]);
    expect(r.code, r.transcript).toBe(0);
    const rows = (await t.database.query<{ outcome: string; case_id: string; sender_address: string }>("SELECT outcome, case_id, sender_address FROM inbound_messages WHERE tenant_id = $1 AND channel = 'fax' AND external_id = $2", [tenantId, id])).rows;
    expect(rows).toMatchObject([{ outcome: 'draft_created', sender_address: '+40 21 315 33 44'.replace(/ /g, '') }]);
    const kase = await t.c.cases.get(ctx(), rows[0]!.case_id);
    expect(kase).toMatchObject({ status: 'draft', channel: 'fax', registrationNumber: null });
    const citizen = await t.c.citizens.get(ctx(), kase.citizenId!, { audit: false });
    expect(citizen.phones).toEqual(['+40213153344']);
    expect(citizen.emails).toEqual([]);
    expect((await t.c.attachments.list(ctx(), kase.id)).map((a) => [a.fileName, a.contentType])).toEqual([['fax-0213153344.tif', 'image/tiff']]);
    expect((await t.c.messageLog.list(ctx(), { caseId: kase.id, limit: 5 })).items).toEqual([]);
  });

  it('the same message delivered again (a sender retrying) is one case', async () => {
    const id = newId();
    const args = ['--to', petitii, '--from', 'retry@example.ro', '--header', `Message-Id: ${id}`, '--header', 'Subject: Gunoi neridicat', '--body', 'De o săptămână.'];
    expect((await swaks(port, args)).code).toBe(0);
    const cases = await count('cases');
    expect((await swaks(port, args)).code).toBe(0);
    expect(await count('cases')).toBe(cases);
    expect(await inbound(id)).toHaveLength(1);
  });

  it('refuses what it must: unknown recipient 550, over-size 552, a denied sender 550 — and keeps nothing', async () => {
    const before = { inbound: await count('inbound_messages'), cases: await count('cases') };
    const unknown = await swaks(port, ['--to', `nimeni@${domain}`, '--from', 'ana@example.ro', '--body', 'x']);
    expect(unknown.code).toBe(24);
    expect(unknown.replies).toContainEqual(expect.stringMatching(/^550 5\.1\.1/));

    const big = tempFile('mare.pdf', Buffer.concat([samplePdf(), Buffer.alloc(MAX_BYTES, 0x41)]));
    const oversize = await swaks(port, ['--to', petitii, '--from', 'ana@example.ro', '--attach-type', 'application/pdf', '--attach', `@${big}`]);
    expect(oversize.code).not.toBe(0);
    expect(oversize.replies).toContainEqual(expect.stringMatching(/^552 /));

    const denied = await swaks(port, ['--to', petitii, '--from', 'bulk@spam.example', '--body', 'x']);
    expect(denied.code).toBe(23);
    expect(denied.replies).toContainEqual(expect.stringMatching(/^550 5\.7\.1/));
    expect({ inbound: await count('inbound_messages'), cases: await count('cases') }).toEqual(before);
  });

  it('a port already taken stops the start with a message that says what to do', async () => {
    const second = createSmtpListener({ intake: t.c.intake, channelConfig: t.c.channelConfig, settings: { port, host: '127.0.0.1', hostname: 'mx.civicline.test', tls: null, maxBytes: MAX_BYTES, allowSenders: [], denySenders: [] } });
    await expect(second.listen()).rejects.toThrow(/SMTP port \d+ on 127\.0\.0\.1 is already in use: set SMTP_PORT/);
  });

  it('offers STARTTLS when a certificate is configured', async () => {
    const tls = selfSignedCertificate();
    const secured = createSmtpListener({ intake: t.c.intake, channelConfig: t.c.channelConfig, settings: { port: 0, host: '127.0.0.1', hostname: 'mx.civicline.test', tls, maxBytes: MAX_BYTES, allowSenders: [], denySenders: [] } });
    const securePort = await secured.listen();
    try {
      const id = newId();
      const r = await swaks(securePort, ['--tls', '--to', petitii, '--from', 'tls@example.ro', '--header', `Message-Id: ${id}`, '--header', 'Subject: Prin TLS', '--body', 'Criptat.']);
      expect(r.code, r.transcript).toBe(0);
      expect(r.transcript).toMatch(/STARTTLS/);
      expect(r.transcript).toMatch(/TLS started/);
      expect(await inbound(id)).toMatchObject([{ outcome: 'case_created' }]);
      // A client that insists on TLS is served too (nodemailer's requireTLS).
      const client = nodemailer.createTransport({ host: '127.0.0.1', port: securePort, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
      const info = await client.sendMail({ from: 'tls2@example.ro', to: petitii, subject: 'Tot prin TLS', text: 'Da.', messageId: newId() });
      expect(info.response).toMatch(/^250 2\.0\.0 Ok/);
      // Without a certificate the listener does not pretend to offer it.
      const plain = await swaks(port, ['--tls', '--to', petitii, '--from', 'x@example.ro', '--body', 'x']);
      expect(plain.code).toBe(29);
    } finally {
      await secured.close();
    }
  });
});
