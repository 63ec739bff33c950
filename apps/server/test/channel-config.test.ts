import type { Mailbox, PhoneLine } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseFixture, ok, problem, type CaseFixture } from './helpers/case-fixtures.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { freshLineNumber } from './helpers/phone-fixtures.ts';

/**
 * The channel settings the administration pages edit: field-level problems the form shows next
 * to its inputs, and the IMAP password, which is written but never read back.
 */
describe('channel settings: mailboxes and phone lines', () => {
  let t: TestContext;
  let fx: CaseFixture;
  const address = () => `sesizari-${Math.random().toString(36).slice(2, 8)}@primaria.example`;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createCaseFixture(t);
  });
  afterAll(() => t.close());

  // Read from this mailbox's row: on a shared PostgreSQL database other test files' mailboxes are
  // encrypted with their own master keys.
  const storedPassword = async (id: string) => {
    const [row] = (await t.database.query<{ c: string | null }>('SELECT imap_password_cipher AS c FROM mailboxes WHERE id = $1', [id])).rows;
    return row?.c ? t.c.cipher.decrypt(row.c) : undefined;
  };

  it('a bad address, a taken address and an unknown category are refused field by field', async () => {
    const bad = problem(await fx.admin.call('POST', '/api/v1/mailboxes', { address: 'not-an-address', name: 'Sesizări', categoryId: fx.categories.complaint.id }), 422, 'request.validation_failed');
    expect(bad.errors?.map((e) => e.path)).toEqual(['address']);
    const first = ok<Mailbox>(await fx.admin.call('POST', '/api/v1/mailboxes', { address: address(), name: 'Sesizări', categoryId: fx.categories.complaint.id }), 201);
    const taken = problem(await fx.admin.call('POST', '/api/v1/mailboxes', { address: first.address, name: 'Again', categoryId: fx.categories.complaint.id }), 409, 'channel.address_taken');
    expect(taken.errors).toEqual([{ path: 'address', message: 'Already in use' }]);
    const unknown = problem(await fx.admin.call('POST', '/api/v1/mailboxes', { address: address(), name: 'X', categoryId: '00000000-0000-4000-8000-000000000000' }), 422, 'request.validation_failed');
    expect(unknown.errors?.map((e) => e.path)).toEqual(['categoryId']);
  });

  it('the IMAP password is never returned; an update without it keeps the stored one, with it replaces it', async () => {
    const created = ok<Mailbox>(
      await fx.admin.call('POST', '/api/v1/mailboxes', {
        address: address(),
        name: 'Registratura',
        categoryId: fx.categories.petition.id,
        imap: { host: 'imap.primaria.example', user: 'registratura', password: 'first-secret' },
      }),
      201,
    );
    expect(JSON.stringify(created)).not.toContain('first-secret');
    expect(created.imap).toEqual({ host: 'imap.primaria.example', port: 993, secure: true, user: 'registratura', folder: 'INBOX' });
    expect(await storedPassword(created.id)).toBe('first-secret');

    const moved = ok<Mailbox>(await fx.admin.call('PATCH', `/api/v1/mailboxes/${created.id}`, { imap: { host: 'mail.primaria.example', port: 143, secure: false, user: 'registratura', folder: 'Cereri' }, version: created.version }));
    expect(moved.imap).toMatchObject({ host: 'mail.primaria.example', port: 143, folder: 'Cereri' });
    expect(await storedPassword(created.id)).toBe('first-secret');

    const changed = ok<Mailbox>(await fx.admin.call('PATCH', `/api/v1/mailboxes/${created.id}`, { imap: { host: 'mail.primaria.example', user: 'registratura', password: 'second-secret' }, version: moved.version }));
    expect(await storedPassword(created.id)).toBe('second-secret');
    const off = ok<Mailbox>(await fx.admin.call('PATCH', `/api/v1/mailboxes/${created.id}`, { active: false, version: changed.version }));
    expect(off).toMatchObject({ active: false, imap: { host: 'mail.primaria.example' } });
  });

  it('mail is routed by the mailbox’s current settings: a change or a switch-off on this node applies to the next message', async () => {
    const created = ok<Mailbox>(await fx.admin.call('POST', '/api/v1/mailboxes', { address: address(), name: 'Sesizări', categoryId: fx.categories.complaint.id }), 201);
    // Any case of the address finds it (RCPT TO is case-insensitive in practice).
    expect(await t.c.channelConfig.resolveMailbox(created.address.toUpperCase())).toMatchObject({ mailboxId: created.id, categoryId: fx.categories.complaint.id });
    const moved = ok<Mailbox>(await fx.admin.call('PATCH', `/api/v1/mailboxes/${created.id}`, { categoryId: fx.categories.petition.id, version: created.version }));
    expect(await t.c.channelConfig.resolveMailbox(created.address)).toMatchObject({ categoryId: fx.categories.petition.id });
    ok<Mailbox>(await fx.admin.call('PATCH', `/api/v1/mailboxes/${created.id}`, { active: false, version: moved.version }));
    expect(await t.c.channelConfig.resolveMailbox(created.address)).toBeNull();
  });

  it('a mailbox that never had IMAP must be given its password', async () => {
    const plain = ok<Mailbox>(await fx.admin.call('POST', '/api/v1/mailboxes', { address: address(), name: 'Plăți', categoryId: fx.categories.petition.id }), 201);
    const refused = problem(await fx.admin.call('PATCH', `/api/v1/mailboxes/${plain.id}`, { imap: { host: 'imap.primaria.example', user: 'plati' }, version: plain.version }), 422, 'request.validation_failed');
    expect(refused.errors).toEqual([{ path: 'imap.password', message: 'Required' }]);
    expect(ok<Mailbox[]>(await fx.admin.call('GET', '/api/v1/mailboxes')).find((m) => m.id === plain.id)).toMatchObject({ imap: null, version: plain.version });
  });

  it('phone lines: numbers normalised to E.164, a bad number named, disabled and enabled again', async () => {
    const bad = problem(await fx.admin.call('POST', '/api/v1/phone-lines', { number: '12ab', name: 'Linia verde' }), 422, 'request.validation_failed');
    expect(bad.errors?.[0]?.path).toBe('number');
    const number = freshLineNumber();
    const line = ok<PhoneLine>(await fx.admin.call('POST', '/api/v1/phone-lines', { number: `0${number.slice(3)}`, name: 'Linia verde', categoryId: fx.categories.petition.id }), 201);
    expect(line).toMatchObject({ number, sms: true, voice: true, active: true });
    const off = ok<PhoneLine>(await fx.admin.call('PATCH', `/api/v1/phone-lines/${line.id}`, { active: false, version: line.version }));
    expect(await t.c.channelConfig.resolveLine(number)).toBeNull();
    ok(await fx.admin.call('PATCH', `/api/v1/phone-lines/${line.id}`, { active: true, version: off.version }));
    expect((await t.c.channelConfig.resolveLine(number))?.id).toBe(line.id);
    problem(await fx.staff.supervisor.call('POST', '/api/v1/phone-lines', { number: freshLineNumber(), name: 'X' }), 403, 'auth.forbidden');
  });
});
