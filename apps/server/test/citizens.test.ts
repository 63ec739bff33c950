import { Writable } from 'node:stream';
import { ROLES, type Role } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import { systemContext } from '../src/platform/auth/context.ts';
import { loggerOptions } from '../src/platform/logger.ts';
import { generateNationalId, maskNationalId, type NationalIdScheme } from '../src/modules/citizens/index.ts';
import { createStaff, createTenant, createTestApp, login, testConfig, type TestContext } from './helpers/harness.ts';

type Tenant = Awaited<ReturnType<typeof createTenant>>;
type Json = Record<string, unknown> & { id: string; version: number };

/** Every row a tenant owns, in every table with a tenant_id (found from the catalogue), as JSON text. */
async function tenantRowsText(t: TestContext, tenantId: string): Promise<string> {
  const tables = await t.database.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
  );
  expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['citizens', 'citizen_contacts', 'audit_entries']));
  const out: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await t.database.query<{ row: string }>(`SELECT to_jsonb(x)::text AS row FROM "${table_name}" x WHERE tenant_id = $1`, [tenantId]);
    out.push(...rows.rows.map((r) => `${table_name}: ${r.row}`));
  }
  return out.join('\n');
}

/** A value with a check digit that no longer matches: the last character changed. */
function breakCheck(id: string): string {
  const last = id.slice(-1);
  const replacement = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'A' ? 'B' : 'A';
  return id.slice(0, -1) + replacement;
}

describe('citizens', () => {
  let t: TestContext;
  let ro: Tenant;
  const schemes: Record<NationalIdScheme, { tenant: Tenant; cookie: string; phone: string; e164: string }> = {} as never;
  /** One signed-in user per role in the Romanian tenant. */
  const staff = {} as Record<Role, { cookie: string; userId: string }>;
  let categoryId: string;

  const newId = (scheme: NationalIdScheme = 'ro_cnp') => generateNationalId(scheme, Math.random);

  const as = (role: Role, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: staff[role].cookie }, ...(payload !== undefined ? { payload } : {}) });

  const create = async (body: object, role: Role = 'operator') => {
    const res = await as(role, 'POST', '/api/v1/citizens', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Json;
  };

  const counts = async (tenantId = ro.id) => {
    const n = async (table: string) =>
      (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]!.n;
    return { citizens: await n('citizens'), contacts: await n('citizen_contacts'), audit: await n('audit_entries'), events: await n('domain_events') };
  };

  const auditOf = async (subjectId: string) =>
    (
      await t.database.query<{ action: string; actor_id: string | null; details: unknown }>(
        'SELECT action, actor_id, details FROM audit_entries WHERE tenant_id = $1 AND subject_id = $2 ORDER BY seq',
        [ro.id, subjectId],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestApp();
    ro = await createTenant(t.c, { name: 'Primăria Cluj' });
    const ru = await createTenant(t.c, { name: 'Администрация', country: 'RU', timeZone: 'Europe/Moscow', defaultLanguage: 'ru', nationalIdScheme: 'ru_snils' });
    const it_ = await createTenant(t.c, { name: 'Comune', country: 'IT', timeZone: 'Europe/Rome', defaultLanguage: 'it', nationalIdScheme: 'it_codice_fiscale' });
    const vn = await createTenant(t.c, { name: 'UBND', country: 'VN', timeZone: 'Asia/Ho_Chi_Minh', defaultLanguage: 'vi', nationalIdScheme: 'vn_cccd' });

    for (const role of ROLES) {
      const s = await createStaff(t.c, ro.id, [role]);
      staff[role] = { cookie: (await login(t.app, s.email)).cookie, userId: s.user.id };
    }
    const cookieOf = async (tenant: Tenant) => (await login(t.app, (await createStaff(t.c, tenant.id, ['registrar'])).email)).cookie;
    schemes.ro_cnp = { tenant: ro, cookie: staff.registrar.cookie, phone: '0722 123 456', e164: '+40722123456' };
    schemes.ru_snils = { tenant: ru, cookie: await cookieOf(ru), phone: '8 (912) 345-67-89', e164: '+79123456789' };
    schemes.it_codice_fiscale = { tenant: it_, cookie: await cookieOf(it_), phone: '347 123 4567', e164: '+393471234567' };
    schemes.vn_cccd = { tenant: vn, cookie: await cookieOf(vn), phone: '0912 345 678', e164: '+84912345678' };

    // A category to open cases with (no anonymous requests: a case needs its citizen).
    const ctx = systemContext(ro.id);
    const dept = await t.c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
    const register = await t.c.registers.create(ctx, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
    const category = await t.c.categories.create(ctx, {
      code: 'PETITION', group: 'petitions', name: { ro: 'Petiție' }, description: {}, fields: [],
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: false, active: true,
    });
    categoryId = category.id;
  });
  afterAll(() => t.close());

  describe('national identifiers', () => {
    it.each(['ro_cnp', 'ru_snils', 'it_codice_fiscale', 'vn_cccd'] as const)(
      '%s: a valid identifier is accepted, stored only as blind index and ciphertext, and returned masked',
      async (scheme) => {
        const { tenant, cookie, phone, e164 } = schemes[scheme];
        const nationalId = newId(scheme);
        const res = await t.app.inject({
          method: 'POST', url: '/api/v1/citizens', headers: { cookie },
          payload: { firstName: 'Test', lastName: 'Citizen', nationalId, phones: [phone] },
        });
        expect(res.statusCode, res.body).toBe(201);
        const body = res.json();
        expect(body).toMatchObject({ kind: 'person', displayName: 'Test Citizen', nationalIdMasked: true, phones: [e164], preferredLanguage: tenant.defaultLanguage });
        expect(body.nationalId).toBe(maskNationalId(scheme, nationalId));
        expect(res.body).not.toContain(nationalId);

        // The row itself: no column holds the identifier; the cipher decrypts to it; the index is an HMAC.
        const row = (await t.database.query<Record<string, unknown>>('SELECT * FROM citizens WHERE id = $1', [body.id])).rows[0]!;
        for (const [column, value] of Object.entries(row)) {
          const text = value instanceof Date ? value.toISOString() : JSON.stringify(value);
          expect(text ?? '', `citizens.${column}`).not.toContain(nationalId);
        }
        expect(row.national_id_index).toMatch(/^[0-9a-f]{64}$/);
        expect(String(row.national_id_cipher)).toMatch(/^v1\./);
        expect(t.c.cipher.decrypt(String(row.national_id_cipher))).toBe(nationalId);
        // Nor anywhere else the institution has rows: contacts, audit, events, jobs.
        expect(await tenantRowsText(t, tenant.id)).not.toContain(nationalId);

        // The identifier is found by its blind index, whatever the spacing it is typed with.
        const spaced = `${nationalId.slice(0, 4)} ${nationalId.slice(4, 8)}-${nationalId.slice(8)}`;
        const found = await t.app.inject({ method: 'GET', url: `/api/v1/citizens?nationalId=${encodeURIComponent(spaced.toLowerCase())}`, headers: { cookie } });
        expect(found.statusCode).toBe(200);
        expect(found.json().map((c: Json) => c.id)).toEqual([body.id]);
      },
    );

    it.each(['ro_cnp', 'ru_snils', 'it_codice_fiscale'] as const)('%s: a wrong check character is refused with 422 on nationalId, and nothing is written', async (scheme) => {
      const { tenant, cookie } = schemes[scheme];
      const bad = breakCheck(newId(scheme));
      const before = await counts(tenant.id);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizens', headers: { cookie }, payload: { lastName: 'Typo', nationalId: bad, phones: [schemes[scheme].phone] } });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'citizen.invalid_national_id', errors: [{ path: 'nationalId', code: 'checksum' }] });
      expect(res.json().detail).not.toContain(bad);
      expect(await counts(tenant.id)).toEqual(before);
    });

    it('vn_cccd: a malformed citizen ID is refused with 422 on nationalId, and nothing is written', async () => {
      const { tenant, cookie } = schemes.vn_cccd;
      const before = await counts(tenant.id);
      for (const bad of [newId('vn_cccd').slice(0, 11), `999${newId('vn_cccd').slice(3)}`]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/citizens', headers: { cookie }, payload: { lastName: 'Nguyen', nationalId: bad } });
        expect(res.statusCode, bad).toBe(422);
        expect(res.json()).toMatchObject({ code: 'citizen.invalid_national_id', errors: [{ path: 'nationalId' }] });
      }
      expect(await counts(tenant.id)).toEqual(before);
    });

    it('the birth date encoded in a CNP is filled in', async () => {
      const nationalId = generateNationalId('ro_cnp', Math.random, { birthDate: '1984-07-21', sex: 'F' });
      const c = await create({ firstName: 'Ioana', lastName: 'Pop', nationalId });
      expect(c.birthDate).toBe('1984-07-21');
    });

    it('a duplicate identifier is 409 citizen.national_id_taken, in any spelling, on create and on update', async () => {
      const nationalId = newId();
      const first = await create({ lastName: 'Original', nationalId });
      const before = await counts();
      const again = await as('operator', 'POST', '/api/v1/citizens', { lastName: 'Copy', nationalId: ` ${nationalId.slice(0, 7)} ${nationalId.slice(7)} `, emails: ['copy@example.ro'] });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'citizen.national_id_taken', errors: [{ path: 'nationalId' }] });
      expect(again.body).not.toContain(first.id);
      expect(await counts()).toEqual(before);

      const other = await create({ lastName: 'Other' });
      const rowBefore = await t.database.query('SELECT to_jsonb(c)::text AS r FROM citizens c WHERE id = $1', [other.id]);
      const before2 = await counts();
      const patch = await as('operator', 'PATCH', `/api/v1/citizens/${other.id}`, { nationalId, version: other.version });
      expect(patch.statusCode).toBe(409);
      expect(patch.json().code).toBe('citizen.national_id_taken');
      expect((await t.database.query('SELECT to_jsonb(c)::text AS r FROM citizens c WHERE id = $1', [other.id])).rows).toEqual(rowBefore.rows);
      expect(await counts()).toEqual(before2);
    });

    it('the same person may be registered by another institution: identifiers are unique per tenant only', async () => {
      const nationalId = newId();
      await create({ lastName: 'Here', nationalId });
      const tenant2 = await createTenant(t.c);
      const cookie2 = (await login(t.app, (await createStaff(t.c, tenant2.id, ['operator'])).email)).cookie;
      const there = await t.app.inject({ method: 'POST', url: '/api/v1/citizens', headers: { cookie: cookie2 }, payload: { lastName: 'There', nationalId } });
      expect(there.statusCode).toBe(201);
    });

    it('the institution\'s identifier scheme cannot change under registered identifiers (their blind indexes would never match again)', async () => {
      const tenant = await createTenant(t.c);
      const admin = await createStaff(t.c, tenant.id, ['admin']);
      const { cookie } = await login(t.app, admin.email);
      const patch = (body: object) => t.app.inject({ method: 'PATCH', url: '/api/v1/tenant', headers: { cookie }, payload: body });
      // Without identifiers on file, the scheme may still be corrected.
      expect((await patch({ nationalIdScheme: 'ru_snils' })).statusCode).toBe(200);
      expect((await patch({ nationalIdScheme: 'ro_cnp' })).statusCode).toBe(200);
      const nationalId = newId();
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/citizens', headers: { cookie }, payload: { lastName: 'Anchored', nationalId } });
      expect(created.statusCode).toBe(201);
      const res = await patch({ nationalIdScheme: 'it_codice_fiscale', name: 'Renamed too' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'resource.in_use', errors: [{ path: 'nationalIdScheme' }] });
      const row = await t.database.query('SELECT national_id_scheme, name FROM tenants WHERE id = $1', [tenant.id]);
      expect(row.rows[0]).toEqual({ national_id_scheme: 'ro_cnp', name: tenant.name });
      // Other changes, and restating the same scheme, are fine; the identifier is still found.
      expect((await patch({ nationalIdScheme: 'ro_cnp', name: 'Renamed' })).statusCode).toBe(200);
      const found = await t.app.inject({ method: 'GET', url: `/api/v1/citizens?nationalId=${nationalId}`, headers: { cookie } });
      expect(found.json().map((c: Json) => c.id)).toEqual([created.json().id]);
    });

    it('concurrent creates with one identifier: exactly one 201, the rest 409, never a 500', async () => {
      const nationalId = newId();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => as('operator', 'POST', '/api/v1/citizens', { lastName: `Racer ${i}`, nationalId, phones: [`+40722 000 10${i}`] })),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses, results.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('citizen.national_id_taken');
      const winner = results.find((r) => r.statusCode === 201)!.json();
      const rows = await t.database.query<{ id: string }>("SELECT id FROM citizens WHERE tenant_id = $1 AND display_name LIKE 'Racer %'", [ro.id]);
      expect(rows.rows.map((r) => r.id)).toEqual([winner.id]);
      // The losers' contacts were rolled back with them.
      const contacts = await t.database.query<{ citizen_id: string }>("SELECT citizen_id FROM citizen_contacts WHERE tenant_id = $1 AND value LIKE '+4072200010%'", [ro.id]);
      expect(contacts.rows.map((r) => r.citizen_id)).toEqual([winner.id]);
    });
  });

  describe('reading personal data', () => {
    it('every GET of a citizen is an audit entry citizen.read, with the reader', async () => {
      const c = await create({ lastName: 'Read', nationalId: newId() });
      expect((await auditOf(c.id)).map((e) => e.action)).toEqual(['citizen.created']);
      for (const role of ['operator', 'technician', 'supervisor'] as const) {
        const res = await as(role, 'GET', `/api/v1/citizens/${c.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().nationalIdMasked).toBe(true);
      }
      const entries = await auditOf(c.id);
      expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
        ['citizen.created', staff.operator.userId],
        ['citizen.read', staff.operator.userId],
        ['citizen.read', staff.technician.userId],
        ['citizen.read', staff.supervisor.userId],
      ]);
    });

    it('reveal=true shows the identifier in full to admin, registrar and supervisor, each reveal audited', async () => {
      const nationalId = newId();
      const c = await create({ lastName: 'Reveal', nationalId });
      for (const role of ['admin', 'registrar', 'supervisor'] as const) {
        const res = await as(role, 'GET', `/api/v1/citizens/${c.id}?reveal=true&purpose=court_request`);
        expect(res.statusCode, role).toBe(200);
        expect(res.json()).toMatchObject({ nationalId, nationalIdMasked: false });
      }
      const reveals = (await auditOf(c.id)).filter((e) => e.action === 'citizen.national_id_revealed');
      expect(reveals.map((e) => e.actor_id)).toEqual([staff.admin.userId, staff.registrar.userId, staff.supervisor.userId]);
      const purposes = await t.database.query<{ purpose: string }>("SELECT purpose FROM audit_entries WHERE subject_id = $1 AND action = 'citizen.national_id_revealed'", [c.id]);
      expect(purposes.rows.map((r) => r.purpose)).toEqual(['court_request', 'court_request', 'court_request']);
      // The audit trail records that it was shown, never what was shown.
      expect(await tenantRowsText(t, ro.id)).not.toContain(nationalId);
    });

    it('technician and operator may not reveal (403, nothing shown, nothing recorded as revealed); auditor may not read citizens at all', async () => {
      const nationalId = newId();
      const c = await create({ lastName: 'Hidden', nationalId });
      for (const role of ['technician', 'operator', 'auditor'] as const) {
        const res = await as(role, 'GET', `/api/v1/citizens/${c.id}?reveal=true`);
        expect(res.statusCode, role).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
        expect(res.body).not.toContain(nationalId);
      }
      expect((await auditOf(c.id)).map((e) => e.action)).not.toContain('citizen.national_id_revealed');
    });

    it('search results are masked and the search is audited without the searched values', async () => {
      const nationalId = newId();
      const c = await create({ lastName: 'Searched', nationalId, phones: ['0733 555 111'] });
      const res = await as('registrar', 'GET', `/api/v1/citizens?nationalId=${nationalId}`);
      expect(res.json()).toMatchObject([{ id: c.id, nationalIdMasked: true }]);
      expect(res.body).not.toContain(nationalId);
      const searched = await t.database.query<{ details: { by: string[]; found: string[] } }>(
        "SELECT details FROM audit_entries WHERE tenant_id = $1 AND action = 'citizen.searched' AND actor_id = $2 ORDER BY seq DESC LIMIT 1",
        [ro.id, staff.registrar.userId],
      );
      expect(searched.rows[0]!.details).toMatchObject({ by: ['nationalId'], found: [c.id] });
      expect(await tenantRowsText(t, ro.id)).not.toContain(nationalId);
    });

    it('an identifier searched for in the URL is not written to the request log', async () => {
      const nationalId = newId();
      await create({ lastName: 'Logged', nationalId });
      let log = '';
      const stream = new Writable({ write(chunk: Buffer, _enc, cb) { log += chunk.toString(); cb(); } });
      const c = createContainer(testConfig(), t.database, { logError: () => {} });
      const app = await buildApp(c, { logger: { ...loggerOptions('info'), stream } as never });
      await app.ready();
      try {
        for (const id of [nationalId, breakCheck(nationalId)]) {
          await app.inject({ method: 'GET', url: `/api/v1/citizens?nationalId=${id}&limit=5`, headers: { cookie: staff.registrar.cookie } });
        }
      } finally {
        await app.close();
        await c.jobs.stop();
      }
      expect(log).toContain('incoming request'); // the log is really written
      expect(log).toContain('/api/v1/citizens?nationalId=[redacted]&limit=[redacted]');
      expect(log).not.toContain(nationalId);
      expect(log).not.toContain(nationalId.slice(0, 10));
    });

    it('the master key of the embedded database is kept in the data directory: a restart reads what was written', async () => {
      const nationalId = newId();
      const c = await create({ lastName: 'Restart', nationalId });
      const again = createContainer(testConfig({ dataDir: t.c.config.dataDir }), t.database, { logError: () => {} });
      try {
        expect((await again.citizens.get(systemContext(ro.id), c.id, { reveal: true, audit: false })).nationalId).toBe(nationalId);
      } finally {
        await again.jobs.stop();
      }
      const stranger = createContainer(testConfig(), t.database, { logError: () => {} });
      try {
        await expect(stranger.citizens.get(systemContext(ro.id), c.id, { reveal: true, audit: false })).rejects.toThrow(/could not be decrypted/);
      } finally {
        await stranger.jobs.stop();
      }
    });
  });

  describe('contacts', () => {
    it('phones are stored in E.164, one entry per number however it was typed', async () => {
      const c = await create({ lastName: 'Phones', phones: ['0722 123 456', '+40 722-123-456', '0040722123456', '021 315 0000'] });
      expect(c.phones).toEqual(expect.arrayContaining(['+40722123456', '+40213150000']));
      expect(c.phones).toHaveLength(2);
    });

    it('an invalid phone is 422 citizen.invalid_phone naming phones.<i>, and nothing is written', async () => {
      const before = await counts();
      const res = await as('operator', 'POST', '/api/v1/citizens', { lastName: 'Badphone', phones: ['0722 123 456', '12345'], nationalId: newId() });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'citizen.invalid_phone', errors: [{ path: 'phones.1' }] });
      expect(await counts()).toEqual(before);

      const c = await create({ lastName: 'Patchphone', phones: ['0722 999 001'] });
      const patch = await as('operator', 'PATCH', `/api/v1/citizens/${c.id}`, { phones: ['0722 999 002', 'not a phone'], version: c.version });
      expect(patch.statusCode).toBe(422);
      expect(patch.json()).toMatchObject({ code: 'citizen.invalid_phone', errors: [{ path: 'phones.1' }] });
      expect((await as('operator', 'GET', `/api/v1/citizens/${c.id}`)).json()).toMatchObject({ phones: ['+40722999001'], version: c.version });
    });

    it('other bad inputs are refused and change nothing', async () => {
      const before = await counts();
      const cases: [object, string, string][] = [
        [{ firstName: 'No last name' }, 'request.validation_failed', 'lastName'],
        [{ kind: 'organisation' }, 'request.validation_failed', 'organisationName'],
        [{ lastName: 'Mail', emails: ['not-an-email'] }, 'request.validation_failed', 'emails.0'],
        [{ lastName: 'Lang', preferredLanguage: 'xx' }, 'request.validation_failed', 'preferredLanguage'],
        [{ lastName: 'Short', nationalId: '12' }, 'request.validation_failed', 'nationalId'],
      ];
      for (const [body, code, path] of cases) {
        const res = await as('operator', 'POST', '/api/v1/citizens', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(422);
        expect(res.json().code).toBe(code);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect(await counts()).toEqual(before);
    });
  });

  describe('finding', () => {
    let person: Json;
    let org: Json;
    let nationalId: string;

    beforeAll(async () => {
      nationalId = newId();
      person = await create({
        firstName: 'Mihaela', lastName: 'Dumitrescu-Findme', nationalId, phones: ['0744 321 987'], emails: ['Mihaela.D@Example.RO'], clientCodes: ['APA-778812'],
      });
      org = await create({ kind: 'organisation', organisationName: 'Findme Construct SRL', phones: ['0264 595 000'], emails: ['office@findme.ro'], clientCodes: ['APA-990001'] });
    });

    const find = async (query: string) => {
      const res = await as('operator', 'GET', `/api/v1/citizens?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      return res.json().map((c: Json) => c.id) as string[];
    };

    it('an organisation is a citizen record of its own kind', () => {
      expect(org).toMatchObject({ kind: 'organisation', displayName: 'Findme Construct SRL', nationalId: null, nationalIdMasked: false, lastName: null });
    });

    it('by phone, in any format', async () => {
      for (const phone of ['0744 321 987', '+40744321987', '0040 744 321 987', '(0744) 321-987', '+40 (744) 321 987']) {
        expect(await find(`phone=${encodeURIComponent(phone)}`), phone).toEqual([person.id]);
      }
      expect(await find(`phone=${encodeURIComponent('0264 595 000')}`)).toEqual([org.id]);
      expect(await find(`phone=${encodeURIComponent('0744 321 988')}`)).toEqual([]);
      const bad = await as('operator', 'GET', '/api/v1/citizens?phone=12');
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ code: 'citizen.invalid_phone', errors: [{ path: 'phone' }] });
    });

    it('by e-mail, case-insensitively', async () => {
      expect(person.emails).toEqual(['mihaela.d@example.ro']);
      for (const email of ['mihaela.d@example.ro', 'MIHAELA.D@EXAMPLE.RO', ' Mihaela.D@example.ro ']) {
        expect(await find(`email=${encodeURIComponent(email)}`), email).toEqual([person.id]);
      }
      expect(await find('email=mihaela@example.ro')).toEqual([]);
    });

    it('by national ID, client code and name', async () => {
      expect(await find(`nationalId=${nationalId}`)).toEqual([person.id]);
      expect(await find(`nationalId=${newId()}`)).toEqual([]);
      const bad = await as('operator', 'GET', `/api/v1/citizens?nationalId=${breakCheck(nationalId)}`);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().code).toBe('citizen.invalid_national_id');

      expect(await find('clientCode=APA-778812')).toEqual([person.id]);
      expect(await find('clientCode=APA-99000')).toEqual([]);

      expect(await find('name=dumitrescu-find')).toEqual([person.id]);
      expect((await find('name=FINDME')).sort()).toEqual([person.id, org.id].sort());
      // LIKE wildcards are literal characters, not "anything".
      expect(await find(`name=${encodeURIComponent('%%')}`)).toEqual([]);
      expect(await find(`name=${encodeURIComponent('__')}`)).toEqual([]);
      // Criteria combine.
      expect(await find(`name=findme&clientCode=APA-990001`)).toEqual([org.id]);
      expect(await find(`name=mihaela&clientCode=APA-990001`)).toEqual([]);
    });

    it('needs at least one criterion', async () => {
      const res = await as('operator', 'GET', '/api/v1/citizens');
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('request.validation_failed');
    });
  });

  describe('updating', () => {
    it('a PATCH changes only what it names', async () => {
      const c = await create({
        firstName: 'Vasile', lastName: 'Ionescu', preferredChannel: 'sms', preferredLanguage: 'en', phones: ['0755 100 200'], emails: ['vasile@example.ro'],
        clientCodes: ['GAZ-1'], addresses: [{ line: 'Str. Memorandumului 28', locality: 'Cluj-Napoca' }], voiceOptOut: true,
      });
      const res = await as('operator', 'PATCH', `/api/v1/citizens/${c.id}`, { firstName: 'Vasilică', version: c.version });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        kind: 'person', firstName: 'Vasilică', lastName: 'Ionescu', displayName: 'Vasilică Ionescu', preferredChannel: 'sms', preferredLanguage: 'en',
        phones: ['+40755100200'], emails: ['vasile@example.ro'], clientCodes: ['GAZ-1'], addresses: [{ line: 'Str. Memorandumului 28', locality: 'Cluj-Napoca' }],
        voiceOptOut: true, version: c.version + 1,
      });

      // Replacing one kind of contact leaves the others.
      const phones = await as('operator', 'PATCH', `/api/v1/citizens/${c.id}`, { phones: ['0755 100 300'], version: c.version + 1 });
      expect(phones.json()).toMatchObject({ phones: ['+40755100300'], emails: ['vasile@example.ro'], clientCodes: ['GAZ-1'] });
      expect(await find('phone=0755100200')).toEqual([]);
      expect(await find('phone=0755100300')).toEqual([c.id]);

      const org = await create({ kind: 'organisation', organisationName: 'Old Name SRL', emails: ['old@example.ro'] });
      const renamed = await as('operator', 'PATCH', `/api/v1/citizens/${org.id}`, { organisationName: 'New Name SRL', version: org.version });
      expect(renamed.json()).toMatchObject({ kind: 'organisation', displayName: 'New Name SRL', emails: ['old@example.ro'] });
    });

    it('a PATCH may not leave a record without its name', async () => {
      const c = await create({ firstName: 'Only', lastName: 'Person' });
      const res = await as('operator', 'PATCH', `/api/v1/citizens/${c.id}`, { kind: 'organisation', version: c.version });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].path).toBe('organisationName');
      expect((await as('operator', 'GET', `/api/v1/citizens/${c.id}`)).json()).toMatchObject({ kind: 'person', displayName: 'Only Person', version: c.version });
    });

    it('a stale version is 409 and changes nothing', async () => {
      const c = await create({ lastName: 'Versioned', emails: ['v@example.ro'] });
      expect((await as('operator', 'PATCH', `/api/v1/citizens/${c.id}`, { lastName: 'First', version: c.version })).statusCode).toBe(200);
      const before = await counts();
      const stale = await as('operator', 'PATCH', `/api/v1/citizens/${c.id}`, { lastName: 'Second', emails: [], version: c.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('resource.stale_version');
      expect(await counts()).toEqual(before);
      expect((await as('operator', 'GET', `/api/v1/citizens/${c.id}`)).json()).toMatchObject({ lastName: 'First', emails: ['v@example.ro'] });
    });

    async function find(query: string) {
      return (await as('operator', 'GET', `/api/v1/citizens?${query}`)).json().map((c: Json) => c.id) as string[];
    }
  });

  describe('merging', () => {
    const openCase = (citizenId: string, subject = 'Cerere de informații publice') =>
      as('operator', 'POST', '/api/v1/cases', { categoryId, channel: 'walk_in', citizenId, subject });
    const find = async (query: string) => (await as('operator', 'GET', `/api/v1/citizens?${query}`)).json().map((c: Json) => c.id) as string[];

    it('moves the duplicate\'s cases and contacts to the kept record and leaves the duplicate as a pointer', async () => {
      const nationalId = newId();
      const keep = await create({ firstName: 'Elena', lastName: 'Marin-Merge', phones: ['0766 000 111'], emails: ['elena@example.ro'] });
      const dup = await create({ firstName: 'Elena', lastName: 'Marin-Merge', nationalId, phones: ['0766 000 111', '0766 000 222'], emails: ['e.marin@example.ro'], clientCodes: ['TAX-55'] });
      const c1 = await openCase(dup.id);
      const c2 = await openCase(dup.id, 'Sesizare privind iluminatul public');
      const c3 = await openCase(keep.id, 'Cerere certificat fiscal');
      for (const r of [c1, c2, c3]) expect(r.statusCode, r.body).toBe(201);

      const res = await as('registrar', 'POST', `/api/v1/citizens/${keep.id}/merge`, { duplicateId: dup.id });
      expect(res.statusCode, res.body).toBe(200);
      const merged = res.json();
      expect(merged.id).toBe(keep.id);
      expect([...merged.phones].sort()).toEqual(['+40766000111', '+40766000222']);
      expect([...merged.emails].sort()).toEqual(['e.marin@example.ro', 'elena@example.ro']);
      expect(merged.clientCodes).toEqual(['TAX-55']);
      // The kept record had no identifier; it takes the duplicate's.
      expect(merged.nationalId).toBe(maskNationalId('ro_cnp', nationalId));
      expect((await as('registrar', 'GET', `/api/v1/citizens/${keep.id}?reveal=true`)).json().nationalId).toBe(nationalId);

      // Cases follow.
      for (const r of [c1, c2, c3]) {
        expect((await as('operator', 'GET', `/api/v1/cases/${r.json().id}`)).json().citizenId).toBe(keep.id);
      }
      const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1 AND citizen_id = $2', [ro.id, dup.id]);
      expect(rows.rows[0]!.n).toBe(0);
      const listed = await as('operator', 'GET', `/api/v1/cases?citizenId=${keep.id}`);
      expect(listed.json().items.map((i: Json) => i.id).sort()).toEqual([c1, c2, c3].map((r) => r.json().id).sort());

      // The duplicate still resolves, as a pointer without contacts or identifier.
      const old = (await as('operator', 'GET', `/api/v1/citizens/${dup.id}`)).json();
      expect(old).toMatchObject({ mergedIntoId: keep.id, phones: [], emails: [], clientCodes: [], nationalId: null });
      const dupRow = await t.database.query('SELECT national_id_index, national_id_cipher FROM citizens WHERE id = $1', [dup.id]);
      expect(dupRow.rows[0]).toEqual({ national_id_index: null, national_id_cipher: null });

      // Search finds only the kept record, by anything either had.
      expect(await find('name=marin-merge')).toEqual([keep.id]);
      expect(await find('phone=0766000222')).toEqual([keep.id]);
      expect(await find('email=e.marin@example.ro')).toEqual([keep.id]);
      expect(await find(`nationalId=${nationalId}`)).toEqual([keep.id]);

      const audit = (await auditOf(keep.id)).find((e) => e.action === 'citizen.merged');
      expect(audit).toMatchObject({ actor_id: staff.registrar.userId, details: { duplicateId: dup.id, movedCases: 2 } });

      // A merged record refuses edits and new cases; the kept one takes both.
      const patch = await as('operator', 'PATCH', `/api/v1/citizens/${dup.id}`, { lastName: 'Zombie', version: old.version });
      expect(patch.statusCode).toBe(409);
      expect(patch.json().code).toBe('citizen.merged');
      const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [ro.id]);
      const newCase = await openCase(dup.id);
      expect(newCase.statusCode).toBe(409);
      expect(newCase.json()).toMatchObject({ code: 'citizen.merged', errors: [{ path: 'citizenId' }] });
      expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [ro.id])).rows[0]!.n).toBe(before.rows[0]!.n);
      expect((await openCase(keep.id)).statusCode).toBe(201);
      // Nor can it be merged again, in either direction.
      const other = await create({ lastName: 'Third' });
      for (const [k, d] of [[other.id, dup.id], [dup.id, other.id]]) {
        const again = await as('registrar', 'POST', `/api/v1/citizens/${k}/merge`, { duplicateId: d });
        expect(again.statusCode).toBe(409);
        expect(again.json().code).toBe('citizen.merged');
      }
      // The identifier the kept record took over is unique again: a new record cannot reuse it.
      const reuse = await as('operator', 'POST', '/api/v1/citizens', { lastName: 'Reuse', nationalId });
      expect(reuse.statusCode).toBe(409);
    });

    it('refuses to merge different people, a record into itself, unknown records; changes nothing', async () => {
      const a = await create({ lastName: 'Alpha', nationalId: newId(), phones: ['0777 111 222'] });
      const b = await create({ lastName: 'Beta', nationalId: newId(), phones: ['0777 111 333'] });
      const snapshot = async () => (await t.database.query("SELECT to_jsonb(c)::text AS r FROM citizens c WHERE id IN ($1, $2) ORDER BY id", [a.id, b.id])).rows;
      const rowsBefore = await snapshot();
      const before = await counts();
      const attempts: [string, object, number, string][] = [
        [a.id, { duplicateId: b.id }, 422, 'citizen.merge_invalid'],
        [a.id, { duplicateId: a.id }, 422, 'citizen.merge_invalid'],
        [a.id, { duplicateId: '00000000-0000-4000-8000-000000000000' }, 422, 'citizen.merge_invalid'],
        ['00000000-0000-4000-8000-000000000000', { duplicateId: b.id }, 404, 'resource.not_found'],
        [a.id, { duplicateId: 'not-a-uuid' }, 422, 'request.validation_failed'],
      ];
      for (const [keep, body, status, code] of attempts) {
        const res = await as('admin', 'POST', `/api/v1/citizens/${keep}/merge`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(res.json().code).toBe(code);
      }
      for (const role of ['technician', 'operator', 'auditor'] as const) {
        const res = await as(role, 'POST', `/api/v1/citizens/${a.id}/merge`, { duplicateId: b.id });
        expect(res.statusCode, role).toBe(403);
      }
      expect(await snapshot()).toEqual(rowsBefore);
      expect(await counts()).toEqual(before);
    });

    it('concurrent merges of one pair, in both directions and into a third record: the outcome of some serial order, never a 500', async () => {
      for (let round = 0; round < 3; round++) {
        const a = await create({ lastName: `Pair-${round}-a`, phones: ['0788 000 001'] });
        const b = await create({ lastName: `Pair-${round}-b`, phones: ['0788 000 002'] });
        const c = await create({ lastName: `Pair-${round}-c` });
        const attempts: [keep: string, duplicate: string][] = [[a.id, b.id], [b.id, a.id], [c.id, b.id]];
        const results = await Promise.all(attempts.map(([keep, duplicateId]) => as('admin', 'POST', `/api/v1/citizens/${keep}/merge`, { duplicateId })));
        const statuses = results.map((r) => r.statusCode);
        // Whichever runs first, at least one merge wins and at least one finds a record already merged.
        expect(statuses.every((s) => s === 200 || s === 409), statuses.join()).toBe(true);
        expect(statuses.filter((s) => s === 200).length, statuses.join()).toBeGreaterThanOrEqual(1);
        expect(statuses.filter((s) => s === 409).length, statuses.join()).toBeGreaterThanOrEqual(1);
        for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('citizen.merged');

        const rows = await t.database.query<{ id: string; merged_into_id: string | null }>('SELECT id, merged_into_id FROM citizens WHERE id IN ($1, $2, $3)', [a.id, b.id, c.id]);
        const pointer = new Map(rows.rows.map((r) => [r.id, r.merged_into_id]));
        // Each merge that answered 200 is in the data, and nothing else was merged.
        const won = attempts.filter((_, i) => statuses[i] === 200);
        for (const [keep, duplicate] of won) expect(pointer.get(duplicate)).toBe(keep);
        // Through the API every merged record names the one record that is kept.
        const kept = [...pointer].filter(([, p]) => p === null).map(([id]) => id);
        expect(kept).toHaveLength(3 - won.length);
        for (const [id, p] of pointer) {
          if (p !== null) expect((await as('operator', 'GET', `/api/v1/citizens/${id}`)).json().mergedIntoId).toBe(kept.length === 1 ? kept[0] : p);
        }
        expect([...pointer.values()].filter((p) => p !== null)).toHaveLength(won.length);
        // Both phones survived, once each, on records that are not pointers.
        const phones = await t.database.query<{ value: string; citizen_id: string }>('SELECT value, citizen_id FROM citizen_contacts WHERE citizen_id IN ($1, $2, $3) ORDER BY value', [a.id, b.id, c.id]);
        expect(phones.rows.map((r) => r.value)).toEqual(['+40788000001', '+40788000002']);
        for (const p of phones.rows) expect(pointer.get(p.citizen_id)).toBeNull();
      }
    });

    it('a record merged into one merged later names the record finally kept', async () => {
      const x = await create({ lastName: 'Chain-x' });
      const y = await create({ lastName: 'Chain-y' });
      const z = await create({ lastName: 'Chain-z' });
      expect((await as('admin', 'POST', `/api/v1/citizens/${y.id}/merge`, { duplicateId: x.id })).statusCode).toBe(200);
      expect((await as('admin', 'POST', `/api/v1/citizens/${z.id}/merge`, { duplicateId: y.id })).statusCode).toBe(200);
      expect((await as('operator', 'GET', `/api/v1/citizens/${x.id}`)).json().mergedIntoId).toBe(z.id);
      expect((await as('operator', 'GET', `/api/v1/citizens/${y.id}`)).json().mergedIntoId).toBe(z.id);
    });

    it('a record with an identifier may absorb one without', async () => {
      const nationalId = newId();
      const keep = await create({ lastName: 'Gamma', nationalId });
      const dup = await create({ lastName: 'Gamma', emails: ['gamma@example.ro'] });
      const res = await as('supervisor', 'POST', `/api/v1/citizens/${keep.id}/merge`, { duplicateId: dup.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ emails: ['gamma@example.ro'], nationalId: maskNationalId('ro_cnp', nationalId) });
    });
  });
});
