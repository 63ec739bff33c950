import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { createTenant, createTestApp, type TestContext } from './helpers/harness.ts';
import { startDovecot, type Dovecot } from './helpers/mail.ts';

/**
 * An institution that keeps its own mail server: a real Dovecot IMAP server started for the test,
 * messages put there with imapflow's APPEND, and the poller turning them into cases exactly once.
 */
describe('e-mail intake by IMAP polling', () => {
  let t: TestContext;
  let dovecot: Dovecot;
  let tenantId: string;
  let categoryId: string;
  let domain: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestApp();
    await t.c.jobs.start({ work: true });
    const tenant = await createTenant(t.c, { defaultLanguage: 'ro' });
    tenantId = tenant.id;
    domain = `${tenant.slug}.primaria.example`;
    const ctx = systemContext(tenantId);
    const dept = await t.c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
    const register = await t.c.registers.create(ctx, { code: 'SES', name: { ro: 'Sesizări' }, format: 'SES-{year}-{seq:5}', yearly: true });
    categoryId = (await t.c.categories.create(ctx, {
      group: 'complaints', description: {}, departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: false, active: true,
      code: 'SES', name: { ro: 'Sesizare' }, fields: [],
    })).id;
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  /** A mailbox polled over IMAP; each test gets its own IMAP user and so its own INBOX. */
  async function imapMailbox(folder = 'INBOX') {
    const user = `user-${randomUUID().slice(0, 8)}`;
    const mailbox = await t.c.channelConfig.createMailbox(systemContext(tenantId), {
      address: `${user}@${domain}`,
      name: 'Sesizări (IMAP)',
      categoryId,
      departmentId: null,
      isFax: false,
      acknowledge: true,
      imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user, password: dovecot.password, folder },
    });
    return { mailbox, user };
  }

  async function imapClient(user: string) {
    const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: dovecot.password }, logger: false, disableAutoIdle: true });
    client.on('error', () => {});
    await client.connect();
    return client;
  }

  function message(to: string, subject: string, body: string, extra: string[] = []) {
    const id = `<${randomUUID()}@client.example.test>`;
    const raw = [
      'From: Ana Popescu <ana.popescu@example.ro>',
      `To: ${to}`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      `Message-ID: ${id}`,
      'Date: Sun, 22 Nov 2026 09:00:00 +0200',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      ...extra,
      '',
      body,
      '',
    ].join('\r\n');
    return { id, raw: Buffer.from(raw) };
  }

  const inboundRows = async (ids: string[]) =>
    (await t.database.query<{ external_id: string; outcome: string; case_id: string | null }>('SELECT external_id, outcome, case_id FROM inbound_messages WHERE tenant_id = $1 AND external_id = ANY($2) ORDER BY received_at', [tenantId, ids])).rows;
  const countCases = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenantId])).rows[0]!.n;

  it('turns new messages into cases once: polling again, or after losing its place, adds nothing', async () => {
    const { mailbox, user } = await imapMailbox();
    const client = await imapClient(user);
    const first = message(mailbox.address, 'Sesizare: trotuar distrus în fața blocului', 'Trotuarul este distrus.');
    const second = message(mailbox.address, 'Жалоба на шум', 'Шум по ночам.');
    const auto = message(mailbox.address, 'Absent', 'Sunt în concediu.', ['Auto-Submitted: auto-replied']);
    for (const m of [first, second, auto]) await client.append('INBOX', m.raw);

    const cases = await countCases();
    const r1 = await t.c.imapPoller.pollMailbox(mailbox.id);
    expect(r1!.outcomes.map((o) => o.outcome)).toEqual(['case_created', 'case_created', 'ignored']);
    expect(r1!.lastUid).toBe(3);
    expect(await countCases()).toBe(cases + 2);
    const rows = await inboundRows([first.id, second.id, auto.id]);
    expect(rows.map((r) => r.outcome)).toEqual(['case_created', 'case_created', 'ignored']);
    const kase = await t.c.cases.get(systemContext(tenantId), rows[0]!.case_id!);
    expect(kase).toMatchObject({ subject: 'Sesizare: trotuar distrus în fața blocului', channel: 'email', status: 'registered' });
    // The acknowledgement is queued like for any e-mail.
    // Intake's acknowledgement by e-mail (the notification rules add the portal inbox copy only).
    expect((await t.c.messageLog.list(systemContext(tenantId), { caseId: kase.id, limit: 5 })).items.filter((m) => m.channel === 'email')).toMatchObject([{ purpose: 'acknowledgement', toAddress: 'ana.popescu@example.ro' }]);

    // What was handled is marked read on the institution's server.
    await client.mailboxOpen('INBOX');
    const flags: Record<number, string[]> = {};
    for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) flags[m.uid] = [...(m.flags ?? [])];
    expect(Object.values(flags).every((f) => f.includes('\\Seen'))).toBe(true);

    // A second poll finds nothing new.
    const r2 = await t.c.imapPoller.pollMailbox(mailbox.id);
    expect(r2!.outcomes).toEqual([]);
    expect(await countCases()).toBe(cases + 2);

    // A newer message is taken on the next poll, and only it.
    const third = message(mailbox.address, 'Copac căzut', 'Pe strada Lungă.');
    await client.append('INBOX', third.raw);
    const r3 = await t.c.imapPoller.pollMailbox(mailbox.id);
    expect(r3!.outcomes.map((o) => o.outcome)).toEqual(['case_created']);
    expect(r3!.lastUid).toBe(4);

    // A crash after intake committed but before the position was saved: the messages come again
    // and intake recognises every one of them.
    await t.c.channelConfig.saveImapState(mailbox.id, { uidValidity: r3!.uidValidity, lastUid: 0 });
    const again = await t.c.imapPoller.pollMailbox(mailbox.id);
    expect(again!.outcomes).toHaveLength(4);
    expect(await countCases()).toBe(cases + 3);
    expect(await inboundRows([first.id, second.id, auto.id, third.id])).toHaveLength(4);
    await client.logout();
  });

  it('a new UIDVALIDITY (the folder was rebuilt) reads the folder again without duplicating cases', async () => {
    const { mailbox, user } = await imapMailbox('Sesizari');
    const client = await imapClient(user);
    await client.mailboxCreate('Sesizari');
    const a = message(mailbox.address, 'Canalizare înfundată', 'Pe strada Morii.');
    await client.append('Sesizari', a.raw);
    const r1 = await t.c.imapPoller.pollMailbox(mailbox.id);
    expect(r1!.outcomes.map((o) => o.outcome)).toEqual(['case_created']);
    const cases = await countCases();

    // The folder is deleted and made again: same messages, new UIDVALIDITY, UIDs from 1.
    await client.mailboxDelete('Sesizari');
    await client.mailboxCreate('Sesizari');
    const b = message(mailbox.address, 'Semafor defect', 'La intersecția mare.');
    await client.append('Sesizari', a.raw);
    await client.append('Sesizari', b.raw);
    const r2 = await t.c.imapPoller.pollMailbox(mailbox.id);
    expect(r2!.uidValidity).not.toBe(r1!.uidValidity);
    expect(r2!.outcomes.map((o) => o.outcome)).toEqual(['case_created', 'case_created']);
    expect(r2!.outcomes[0]).toEqual(r1!.outcomes[0]);
    expect(await countCases()).toBe(cases + 1);
    await client.logout();
  });

  it('the worker polls through the job queue', async () => {
    const { mailbox, user } = await imapMailbox();
    const client = await imapClient(user);
    const m = message(mailbox.address, 'Prin coada de lucrări', 'Iluminat stradal.');
    await client.append('INBOX', m.raw);
    await client.logout();
    expect(await t.c.imapPoller.schedulePolls()).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await inboundRows([m.id])).map((r) => r.outcome), { timeout: 20_000 }).toEqual(['case_created']);
    await expect.poll(async () => (await t.c.channelConfig.imapMailboxes()).find((b) => b.id === mailbox.id)?.state?.lastUid, { timeout: 5000 }).toBe(1);
  });

  it('a mailbox whose server refuses the login changes nothing and keeps its place', async () => {
    const { mailbox } = await imapMailbox();
    await t.c.channelConfig.updateMailbox(systemContext(tenantId), mailbox.id, {
      version: mailbox.version,
      imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: 'someone', password: 'wrong-password', folder: 'INBOX' },
    });
    await expect(t.c.imapPoller.pollMailbox(mailbox.id)).rejects.toThrow();
    expect((await t.c.channelConfig.imapMailboxes()).find((b) => b.id === mailbox.id)?.state).toBeNull();
  });
});
