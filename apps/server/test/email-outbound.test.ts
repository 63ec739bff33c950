import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpListener, type SmtpListener } from '../src/channels/email/index.ts';
import { systemContext } from '../src/platform/auth/context.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { mailInstitution, startRelay, swaks } from './helpers/mail.ts';

/**
 * How e-mail leaves: the installation's relay (SMTP_RELAY_URL) when an institution has no account
 * of its own, the institution's account when it has one, the development sink when there is
 * neither; and a citizen's answer to our acknowledgement threading back to the case.
 */
describe('outgoing e-mail', () => {
  let t: TestContext;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let listener: SmtpListener;
  let port: number;

  beforeAll(async () => {
    relay = await startRelay({ refuse: ['nu.exista@example.ro'] });
    t = await createTestApp({ config: { mailOut: { relayUrl: `smtp://127.0.0.1:${relay.port}`, from: 'CivicLine <noreply@civicline.test>' } } });
    await t.c.jobs.start({ work: true });
    listener = createSmtpListener({ intake: t.c.intake, channelConfig: t.c.channelConfig, settings: { port: 0, host: '127.0.0.1', hostname: 'mx.civicline.test', tls: null, maxBytes: 1024 * 1024, allowSenders: [], denySenders: [] } });
    port = await listener.listen();
  });
  afterAll(async () => {
    await listener?.close();
    await relay?.close();
    await t?.close();
  });

  const newId = () => `<${randomUUID()}@client.example.test>`;
  const inbound = async (tenantId: string, externalId: string) =>
    (await t.database.query<{ outcome: string; case_id: string | null }>('SELECT outcome, case_id FROM inbound_messages WHERE tenant_id = $1 AND external_id = $2', [tenantId, externalId])).rows[0];
  const outbound = async (caseId: string) =>
    (await t.database.query<{ message_id: string; status: string; provider: string | null; last_error: string | null; attempts: number }>("SELECT message_id, status, provider, last_error, attempts FROM outbound_messages WHERE case_id = $1 AND purpose = 'acknowledgement'", [caseId])).rows[0]!;

  it('without an account of its own, an institution’s mail leaves by the relay; the citizen’s answer threads back by In-Reply-To', async () => {
    const inst = await mailInstitution(t.c);
    const id = newId();
    const sent = await swaks(port, ['--to', inst.petitii, '--from', 'radu@example.ro', '--header', `Message-Id: ${id}`, '--header', 'Subject: Banca rupta in parc', '--body', 'O bancă e ruptă.']);
    expect(sent.code, sent.transcript).toBe(0);
    const row = await inbound(inst.tenantId, id);
    const ack = await relay.waitFor('radu@example.ro');
    expect(ack.envelope.from).toBe('noreply@civicline.test');
    expect(ack.parsed.from?.value[0]).toMatchObject({ address: 'noreply@civicline.test', name: 'CivicLine' });
    expect(ack.parsed.inReplyTo).toBe(id);
    await expect.poll(async () => (await outbound(row!.case_id!)).status).toBe('sent');
    expect(await outbound(row!.case_id!)).toMatchObject({ provider: 'smtp', message_id: ack.parsed.messageId });

    // The citizen answers the acknowledgement; the subject names no number, the thread does.
    const answer = newId();
    const r = await swaks(port, ['--to', inst.petitii, '--from', 'radu@example.ro', '--header', `Message-Id: ${answer}`, '--header', `In-Reply-To: ${ack.parsed.messageId}`, '--header', `References: ${id} ${ack.parsed.messageId}`, '--header', 'Subject: Poze', '--body', 'Trimit și poze.']);
    expect(r.code, r.transcript).toBe(0);
    expect(await inbound(inst.tenantId, answer)).toMatchObject({ outcome: 'appended', case_id: row!.case_id });
  });

  it('a mailbox the relay refuses (550) fails the acknowledgement at its first attempt, with the relay’s answer, and is not tried again', async () => {
    const inst = await mailInstitution(t.c);
    const id = newId();
    expect((await swaks(port, ['--to', inst.petitii, '--from', 'nu.exista@example.ro', '--header', `Message-Id: ${id}`, '--header', 'Subject: Iluminat stradal', '--body', 'Becul nu merge.'])).code).toBe(0);
    const row = await inbound(inst.tenantId, id);
    // Well inside the first retry's delay (10 s).
    await expect.poll(async () => (await outbound(row!.case_id!)).status, { timeout: 8_000 }).toBe('failed');
    expect(await outbound(row!.case_id!)).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/550.*No such user/) });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(relay.refusals.filter((a) => a === 'nu.exista@example.ro')).toHaveLength(1);
  });

  it('an institution’s own account wins over the relay; a refused login is recorded and retried, not lost', async () => {
    const own = await startRelay({ user: 'primaria', password: 'right' });
    try {
      const inst = await mailInstitution(t.c);
      const ctx = systemContext(inst.tenantId);
      const account = await t.c.channelConfig.createAccount(ctx, { provider: 'smtp', name: 'Own relay', settings: { host: '127.0.0.1', port: own.port, user: 'primaria', from: `Registratura <registratura@${inst.domain}>` }, secret: 'wrong' });
      const id = newId();
      expect((await swaks(port, ['--to', inst.petitii, '--from', 'ioana@example.ro', '--header', `Message-Id: ${id}`, '--header', 'Subject: Zgomot noaptea', '--body', 'Zgomot.'])).code).toBe(0);
      const row = await inbound(inst.tenantId, id);
      // The first attempt fails on the login: the message waits for its retry with the reason.
      await expect.poll(async () => (await outbound(row!.case_id!)).last_error ?? '', { timeout: 15_000 }).toMatch(/auth|535|credentials/i);
      expect((await outbound(row!.case_id!)).status).toBe('queued');
      expect(relay.received.some((m) => m.envelope.to.includes('ioana@example.ro'))).toBe(false);

      // The administrator corrects the password; the job queue's retry sends it through the institution's relay.
      await t.c.channelConfig.updateAccount(ctx, account.id, { version: account.version, secret: 'right' });
      const msg = await own.waitFor('ioana@example.ro', 90_000);
      expect(msg.parsed.from?.value[0]?.address).toBe(`registratura@${inst.domain}`);
      await expect.poll(async () => (await outbound(row!.case_id!)).status).toBe('sent');
      expect(own.received.filter((m) => m.envelope.to.includes('ioana@example.ro'))).toHaveLength(1);
    } finally {
      await own.close();
    }
  }, 120_000);
});
