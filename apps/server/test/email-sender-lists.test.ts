import type { Mailbox } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpListener, type SmtpListener } from '../src/channels/email/index.ts';
import { createCaseFixture, ok, problem, type CaseFixture } from './helpers/case-fixtures.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { swaks } from './helpers/mail.ts';

/**
 * A mailbox's own sender lists, set by the administrator: over SMTP (Debian's swaks on a real
 * socket) a sender the mailbox does not take is refused at RCPT TO with 550, and nothing is kept;
 * another mailbox of the same message is not affected.
 */
describe('e-mail intake: sender allow and deny lists per mailbox', () => {
  let t: TestContext;
  let fx: CaseFixture;
  let listener: SmtpListener;
  let port: number;
  const suffix = Math.random().toString(36).slice(2, 8);
  const plati = `plati-${suffix}@primaria.example`;
  const sesizari = `sesizari-${suffix}@primaria.example`;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createCaseFixture(t);
    // Acknowledgements are queued in the same transaction as the case: the queue must be running.
    await t.c.jobs.start({ work: false });
    listener = createSmtpListener({
      intake: t.c.intake,
      channelConfig: t.c.channelConfig,
      settings: { port: 0, host: '127.0.0.1', hostname: 'mx.civicline.test', tls: null, maxBytes: 256 * 1024, allowSenders: [], denySenders: [] },
      log: { info() {}, warn() {}, error: (o, m) => console.error(m, o) },
    });
    port = await listener.listen();
  });
  afterAll(async () => {
    await listener?.close();
    await t?.close();
  });

  const count = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_messages WHERE tenant_id = $1', [fx.tenant.id])).rows[0]!.n;

  it('the lists are checked and normalised when saved; a bad rule is named by its place', async () => {
    const bad = problem(await fx.admin.call('POST', '/api/v1/mailboxes', { address: plati, name: 'Plăți', categoryId: fx.categories.petition.id, senderDeny: ['spam.example', 'not a rule'] }), 422, 'request.validation_failed');
    expect(bad.errors?.map((e) => e.path)).toEqual(['senderDeny.1']);
    const created = ok<Mailbox>(
      await fx.admin.call('POST', '/api/v1/mailboxes', { address: plati, name: 'Plăți', categoryId: fx.categories.petition.id, senderAllow: ['*.Banca.example', 'contabil@firma.example'], senderDeny: ['frauda.banca.example'] }),
      201,
    );
    expect(created).toMatchObject({ senderAllow: ['*.banca.example', 'contabil@firma.example'], senderDeny: ['frauda.banca.example'] });
    ok(await fx.admin.call('POST', '/api/v1/mailboxes', { address: sesizari, name: 'Sesizări', categoryId: fx.categories.complaint.id, senderDeny: ['@spam.example'] }), 201);
  });

  it('over SMTP: only allowed senders reach the mailbox, the deny list wins, and other mailboxes keep their own rules', async () => {
    const before = await count();
    const allowed = await swaks(port, ['--to', plati, '--from', 'plati@ro.banca.example', '--header', 'Subject: Extras de cont', '--body', 'Plata a fost efectuată.']);
    expect(allowed.code, allowed.transcript).toBe(0);
    expect(await count()).toBe(before + 1);

    const stranger = await swaks(port, ['--to', plati, '--from', 'ana@example.ro', '--body', 'x']);
    expect(stranger.replies).toContainEqual(expect.stringMatching(/^550 5\.7\.1 Sender not accepted for this mailbox/));
    const denied = await swaks(port, ['--to', plati, '--from', 'x@frauda.banca.example', '--body', 'x']);
    expect(denied.replies).toContainEqual(expect.stringMatching(/^550 5\.7\.1/));
    expect(await count()).toBe(before + 1);

    // The same stranger may write to the complaints address, which has no allow list.
    const elsewhere = await swaks(port, ['--to', sesizari, '--from', 'ana@example.ro', '--header', 'Subject: Groapă', '--body', 'Groapă pe strada Lungă.']);
    expect(elsewhere.code, elsewhere.transcript).toBe(0);
    expect(await count()).toBe(before + 2);
    const spam = await swaks(port, ['--to', sesizari, '--from', 'bulk@spam.example', '--body', 'x']);
    expect(spam.replies).toContainEqual(expect.stringMatching(/^550 5\.7\.1/));
    expect(await count()).toBe(before + 2);
  });

  it('an update replaces a list; emptied, the allow list admits everyone again', async () => {
    const [mb] = ok<Mailbox[]>(await fx.admin.call('GET', '/api/v1/mailboxes')).filter((m) => m.address === plati);
    ok(await fx.admin.call('PATCH', `/api/v1/mailboxes/${mb!.id}`, { senderAllow: [], version: mb!.version }));
    const before = await count();
    const now = await swaks(port, ['--to', plati, '--from', 'ana@example.ro', '--header', 'Subject: Întrebare', '--body', 'Când pot plăti?']);
    expect(now.code, now.transcript).toBe(0);
    expect(await count()).toBe(before + 1);
  });
});
