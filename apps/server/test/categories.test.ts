import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { createStaff, createTenant, createTestApp, login, type TestContext } from './helpers/harness.ts';

type Tenant = Awaited<ReturnType<typeof createTenant>>;
type Json = Record<string, unknown> & { id: string; version: number };

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Administration of the case core: numbering registers, categories with their own fields,
 * the working calendar, clock-stop reasons and each person's workload. All through HTTP.
 */
describe('case-core administration', () => {
  let t: TestContext;
  let tenant: Tenant;
  const staff = {} as Record<Role, { cookie: string; userId: string }>;
  let deptId: string;
  let registerId: string;
  let supervisorId: string;
  /** Another institution's department, register and user: unknown here. */
  let foreign: { deptId: string; registerId: string; userId: string };

  const as = (role: Role, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: staff[role].cookie }, ...(payload !== undefined ? { payload } : {}) });

  const count = async (table: string, tenantId = tenant.id) =>
    (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows[0]!.n;
  const countsOf = async (...tables: string[]) => Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)] as const)));

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.c, { name: 'Primăria Sibiu' });
    for (const role of ROLES) {
      const s = await createStaff(t.c, tenant.id, [role]);
      staff[role] = { cookie: (await login(t.app, s.email)).cookie, userId: s.user.id };
    }
    supervisorId = staff.supervisor.userId;
    const ctx = systemContext(tenant.id);
    deptId = (await t.c.departments.create(ctx, { code: 'URB', name: { ro: 'Urbanism' }, parentId: null, email: null })).id;
    registerId = (await t.c.registers.create(ctx, { code: 'URB', name: { ro: 'Urbanism' }, format: 'URB-{year}-{seq:5}', yearly: true })).id;

    const other = await createTenant(t.c);
    const octx = systemContext(other.id);
    foreign = {
      deptId: (await t.c.departments.create(octx, { code: 'URB', name: { ro: 'Urbanism' }, parentId: null, email: null })).id,
      registerId: (await t.c.registers.create(octx, { code: 'URB', name: { ro: 'Urbanism' }, format: 'URB-{year}-{seq:5}', yearly: true })).id,
      userId: (await createStaff(t.c, other.id, ['supervisor'])).user.id,
    };
  });
  afterAll(() => t.close());

  describe('registers', () => {
    it('an admin creates a register; its code is upper-cased and listed', async () => {
      const res = await as('admin', 'POST', '/api/v1/registers', { code: 'pet', name: { ro: 'Petiții', en: 'Petitions' }, format: 'PET-{year}-{seq:6}' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ code: 'PET', format: 'PET-{year}-{seq:6}', yearly: true, active: true, version: 1 });
      const list = await as('technician', 'GET', '/api/v1/registers');
      expect(list.json().map((r: Json) => r.code)).toEqual(['PET', 'URB']);
      expect((await as('operator', 'GET', `/api/v1/registers/${res.json().id}`)).json()).toEqual(res.json());
    });

    it('a format must contain {seq} and only known placeholders; a code is unique; bad input changes nothing', async () => {
      const before = await countsOf('registers', 'audit_entries');
      const bad: [object, number, string, string][] = [
        [{ code: 'NOSEQ', name: { ro: 'x' }, format: 'NS-{year}' }, 422, 'request.validation_failed', 'format'],
        [{ code: 'MONTH', name: { ro: 'x' }, format: 'M-{month}-{seq}' }, 422, 'request.validation_failed', 'format'],
        [{ code: 'PADDED', name: { ro: 'x' }, format: 'P-{seq:123}' }, 422, 'request.validation_failed', 'format'],
        [{ code: 'bad code!', name: { ro: 'x' }, format: 'B-{seq}' }, 422, 'request.validation_failed', 'code'],
        [{ code: 'URB', name: { ro: 'Again' }, format: 'U2-{year}-{seq}' }, 409, 'resource.conflict', 'code'],
        [{ code: ' urb ', name: { ro: 'Again' }, format: 'U3-{year}-{seq}' }, 409, 'resource.conflict', 'code'],
        // The same format as another register would render numbers that collide.
        [{ code: 'URB2', name: { ro: 'Copy' }, format: 'URB-{year}-{seq:5}' }, 409, 'resource.conflict', 'format'],
      ];
      for (const [body, status, code, path] of bad) {
        const res = await as('admin', 'POST', '/api/v1/registers', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(res.json().code).toBe(code);
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect(await countsOf('registers', 'audit_entries')).toEqual(before);
    });

    it('a stale version is 409; a fresh one updates; only admins write', async () => {
      const created = (await as('admin', 'POST', '/api/v1/registers', { code: 'ADM', name: { ro: 'Administrativ' }, format: 'ADM/{seq}/{year}' })).json();
      const ok = await as('admin', 'PATCH', `/api/v1/registers/${created.id}`, { format: 'ADM/{seq:4}/{year}', version: created.version });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ format: 'ADM/{seq:4}/{year}', version: created.version + 1 });
      const stale = await as('admin', 'PATCH', `/api/v1/registers/${created.id}`, { active: false, version: created.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('resource.stale_version');
      const badFormat = await as('admin', 'PATCH', `/api/v1/registers/${created.id}`, { format: 'ADM', version: created.version + 1 });
      expect(badFormat.statusCode).toBe(422);
      expect((await as('admin', 'GET', `/api/v1/registers/${created.id}`)).json()).toMatchObject({ format: 'ADM/{seq:4}/{year}', active: true, version: created.version + 1 });
      for (const role of ['supervisor', 'registrar', 'technician', 'operator', 'auditor'] as const) {
        expect((await as(role, 'POST', '/api/v1/registers', { code: `R${role.slice(0, 3)}`.toUpperCase(), name: { ro: 'x' }, format: 'X-{seq}' })).statusCode, role).toBe(403);
        expect((await as(role, 'PATCH', `/api/v1/registers/${created.id}`, { active: false, version: created.version + 1 })).statusCode, role).toBe(403);
      }
    });
  });

  describe('categories', () => {
    const fields = [
      { key: 'cadastral_number', type: 'text', label: { ro: 'Număr cadastral', en: 'Cadastral number' }, required: true, pattern: '^[0-9]{5,7}$' },
      { key: 'purpose', type: 'select', label: { ro: 'Scop' }, options: [{ value: 'sale', label: { ro: 'Vânzare' } }, { value: 'build', label: { ro: 'Construire' } }] },
      { key: 'area_m2', type: 'number', label: { ro: 'Suprafață (m²)' }, min: 1, max: 1_000_000 },
      { key: 'documents', type: 'multi_select', label: { ro: 'Documente' }, options: [{ value: 'deed', label: { ro: 'Act' } }], min: 1 },
      { key: 'visit_date', type: 'date', label: { ro: 'Data vizitei' } },
      { key: 'notes', type: 'long_text', label: { ro: 'Observații' }, max: 2000 },
      { key: 'urgent', type: 'boolean', label: { ro: 'Urgent' } },
      { key: 'plan', type: 'file', label: { ro: 'Plan de situație' } },
    ];
    const body = (overrides: Record<string, unknown> = {}) => ({
      code: `C-${randomUUID().slice(0, 8)}`,
      group: 'urbanism',
      name: { ro: 'Certificat de urbanism', en: 'Urbanism certificate' },
      description: { ro: 'Informare privind regimul juridic al imobilului' },
      fields,
      deadline: { unit: 'calendar_days', amount: 30, maxExtensionDays: 15 },
      departmentId: deptId,
      registerId,
      routing: { strategy: 'least_loaded', supervisorIds: [supervisorId] },
      sendSms: true,
      sensitive: true,
      disclosureLevel: 'L2',
      ...overrides,
    });

    it('an admin creates a category with a custom-field schema of every type; it reads back as written', async () => {
      const res = await as('admin', 'POST', '/api/v1/categories', body({ code: 'cu' }));
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({
        code: 'CU', group: 'urbanism', departmentId: deptId, registerId, sendSms: true, sensitive: true, instant: false, allowAnonymous: false, active: true,
        disclosureLevel: 'L2', routing: { strategy: 'least_loaded', supervisorIds: [supervisorId] },
        deadline: { unit: 'calendar_days', amount: 30, maxExtensionDays: 15, endOnNonWorkingDay: 'next_working_day', forwardingDays: 7, warnBeforeHours: 72 },
        version: 1,
      });
      expect(c.fields.map((f: { key: string; type: string }) => [f.key, f.type])).toEqual(fields.map((f) => [f.key, f.type]));
      expect(c.fields[0]).toMatchObject({ required: true, pattern: '^[0-9]{5,7}$' });
      expect(c.fields[1].options).toEqual(fields[1]!.options);
      for (const role of ROLES) {
        const got = await as(role, 'GET', `/api/v1/categories/${c.id}`);
        expect(got.statusCode, role).toBe(200);
        expect(got.json()).toEqual(c);
      }
      expect((await as('operator', 'GET', '/api/v1/categories')).json().map((x: Json) => x.id)).toContain(c.id);
      const audit = await t.c.audit.list(tenant.id, { subjectId: c.id, limit: 5 });
      expect(audit.map((e) => e.action)).toEqual(['category.created']);
    });

    it('refuses a bad field schema with the path of the bad field; nothing is written', async () => {
      const before = await countsOf('categories', 'audit_entries');
      const withFields = (f: object[]) => body({ fields: f });
      const select = { key: 'kind', type: 'select', label: { ro: 'Tip' } };
      const bad: [object, string][] = [
        [withFields([fields[0]!, select]), 'fields.1.options'],
        [withFields([{ ...select, type: 'multi_select', options: [] }]), 'fields.0.options'],
        [withFields([{ ...select, options: [{ value: 'a', label: { ro: 'A' } }, { value: 'a', label: { ro: 'A again' } }] }]), 'fields.0.options'],
        [withFields([{ key: 'notes', type: 'text', label: { ro: 'x' }, options: [{ value: 'a', label: { ro: 'A' } }] }]), 'fields.0.options'],
        [withFields([fields[0]!, { ...fields[2]!, key: 'cadastral_number' }]), 'fields'],
        [withFields([{ key: 'code', type: 'text', label: { ro: 'Cod' }, pattern: '([A-Z' }]), 'fields.0.pattern'],
        [withFields([{ key: 'n', type: 'number', label: { ro: 'N' }, pattern: '^1$' }]), 'fields.0.pattern'],
        [withFields([{ key: 'n', type: 'number', label: { ro: 'N' }, min: 10, max: 1 }]), 'fields.0.max'],
        [withFields([{ key: 'Bad Key', type: 'text', label: { ro: 'x' } }]), 'fields.0.key'],
        [withFields([{ key: 'x', type: 'colour', label: { ro: 'x' } }]), 'fields.0.type'],
        [body({ routing: { strategy: 'fixed', supervisorIds: [] } }), 'routing.fixedUserId'],
        [body({ deadline: { unit: 'fortnights', amount: 2 } }), 'deadline.unit'],
      ];
      for (const [payload, path] of bad) {
        const res = await as('admin', 'POST', '/api/v1/categories', payload);
        expect(res.statusCode, path).toBe(422);
        expect(res.json().code).toBe('request.validation_failed');
        expect(res.json().errors.map((e: { path: string }) => e.path), path).toContain(path);
      }
      expect(await countsOf('categories', 'audit_entries')).toEqual(before);
    });

    it('unknown (or another institution\'s) department, register and people are 422 naming each path', async () => {
      const before = await countsOf('categories', 'audit_entries');
      for (const ids of [
        { deptId: UNKNOWN, registerId: UNKNOWN, userId: UNKNOWN },
        foreign,
      ]) {
        const res = await as('admin', 'POST', '/api/v1/categories', body({
          departmentId: ids.deptId, registerId: ids.registerId, routing: { strategy: 'fixed', fixedUserId: ids.userId, supervisorIds: [supervisorId, ids.userId] },
        }));
        expect(res.statusCode).toBe(422);
        expect(res.json().code).toBe('request.validation_failed');
        expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['departmentId', 'registerId', 'routing.fixedUserId', 'routing.supervisorIds.1']);
        expect(res.body).not.toContain(foreign.deptId);
      }
      expect(await countsOf('categories', 'audit_entries')).toEqual(before);
    });

    it('a code is unique (409); only admins create or change categories (403)', async () => {
      const first = await as('admin', 'POST', '/api/v1/categories', body({ code: 'AUT-CONSTR' }));
      expect(first.statusCode).toBe(201);
      const before = await countsOf('categories', 'audit_entries');
      const again = await as('admin', 'POST', '/api/v1/categories', body({ code: 'aut-constr' }));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'resource.conflict', errors: [{ path: 'code' }] });
      for (const role of ['supervisor', 'registrar', 'technician', 'operator', 'auditor'] as const) {
        const create = await as(role, 'POST', '/api/v1/categories', body());
        expect(create.statusCode, role).toBe(403);
        expect(create.json().code).toBe('auth.forbidden');
        expect((await as(role, 'PATCH', `/api/v1/categories/${first.json().id}`, { active: false, version: 1 })).statusCode, role).toBe(403);
      }
      expect(await countsOf('categories', 'audit_entries')).toEqual(before);
    });

    it('concurrent creates of one code: one 201, the rest 409, never a 500', async () => {
      const code = `RACE-${randomUUID().slice(0, 6)}`.toUpperCase();
      const results = await Promise.all(Array.from({ length: 5 }, () => as('admin', 'POST', '/api/v1/categories', body({ code }))));
      expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('resource.conflict');
      const rows = await t.database.query('SELECT id FROM categories WHERE tenant_id = $1 AND code = $2', [tenant.id, code]);
      expect(rows.rows).toHaveLength(1);
    });

    it('a PATCH changes only what it names; a stale version is 409 and changes nothing', async () => {
      const c = (await as('admin', 'POST', '/api/v1/categories', body({ allowAnonymous: true }))).json();
      const renamed = await as('admin', 'PATCH', `/api/v1/categories/${c.id}`, { name: { ro: 'Certificat de urbanism (nou)' }, version: c.version });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toEqual({ ...c, name: { ro: 'Certificat de urbanism (nou)' }, version: c.version + 1 });

      const row = async () => (await t.database.query('SELECT to_jsonb(c)::text AS r FROM categories c WHERE id = $1', [c.id])).rows;
      const before = await row();
      const auditBefore = await count('audit_entries');
      const stale = await as('admin', 'PATCH', `/api/v1/categories/${c.id}`, { active: false, fields: [], version: c.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('resource.stale_version');
      const unknownRef = await as('admin', 'PATCH', `/api/v1/categories/${c.id}`, { registerId: foreign.registerId, version: c.version + 1 });
      expect(unknownRef.statusCode).toBe(422);
      expect(unknownRef.json().errors).toEqual([expect.objectContaining({ path: 'registerId' })]);
      const badField = await as('admin', 'PATCH', `/api/v1/categories/${c.id}`, { fields: [{ key: 'k', type: 'select', label: { ro: 'K' } }], version: c.version + 1 });
      expect(badField.statusCode).toBe(422);
      expect(badField.json().errors[0].path).toBe('fields.0.options');
      expect(await row()).toEqual(before);
      expect(await count('audit_entries')).toBe(auditBefore);

      const missing = await as('admin', 'PATCH', `/api/v1/categories/${UNKNOWN}`, { active: false, version: 1 });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('calendar', () => {
    it('the Romanian holidays of 2026 include Orthodox Good Friday and Easter Monday, and the institution\'s own days', async () => {
      const put = await as('admin', 'PUT', '/api/v1/calendar/days/2026-05-22', { working: false, name: 'Zilele orașului' });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toContainEqual({ day: '2026-05-22', working: false, name: 'Zilele orașului' });

      const res = await as('technician', 'GET', '/api/v1/calendar/holidays?year=2026');
      expect(res.statusCode).toBe(200);
      const byDay = new Map<string, { name: string; working: boolean }>(res.json().map((h: { day: string; name: string; working: boolean }) => [h.day, h]));
      for (const day of ['2026-01-01', '2026-01-24', '2026-04-10', '2026-04-12', '2026-04-13', '2026-05-01', '2026-06-01', '2026-12-25']) {
        expect(byDay.get(day), day).toMatchObject({ working: false });
      }
      expect(byDay.get('2026-04-10')!.name).toMatch(/Vinerea Mare|Good Friday/);
      expect(byDay.get('2026-05-22')).toEqual({ day: '2026-05-22', working: false, name: 'Zilele orașului' });
      // Catholic Easter (5 April) is not a Romanian public holiday; an ordinary day is not listed.
      expect(byDay.has('2026-04-06')).toBe(false);
      expect(byDay.has('2026-03-03')).toBe(false);
      expect([...byDay.keys()].every((d) => d.startsWith('2026-'))).toBe(true);
      // The calendar deadlines are computed on has the day off too.
      const calendar = await t.c.sla.calendarFor(t.c.db, tenant.id);
      expect(calendar.isWorkingDay('2026-05-22')).toBe(false);
    });

    it('a working Saturday is a working day; a public holiday the institution works is listed as working', async () => {
      const sat = await as('admin', 'PUT', '/api/v1/calendar/days/2026-06-06', { working: true, name: 'Recuperare 1 iunie' });
      expect(sat.statusCode).toBe(200);
      const days = await as('operator', 'GET', '/api/v1/calendar/days');
      expect(days.json()).toContainEqual({ day: '2026-06-06', working: true, name: 'Recuperare 1 iunie' });
      expect((await t.c.sla.calendarFor(t.c.db, tenant.id)).isWorkingDay('2026-06-06')).toBe(true);

      expect((await as('admin', 'PUT', '/api/v1/calendar/days/2026-11-30', { working: true, name: 'Program normal' })).statusCode).toBe(200);
      const holidays = (await as('operator', 'GET', '/api/v1/calendar/holidays?year=2026')).json() as { day: string; working: boolean }[];
      expect(holidays.find((h) => h.day === '2026-11-30')).toMatchObject({ working: true, name: 'Program normal' });
      // A working Saturday is listed with the name the administrator gave it.
      expect(holidays.find((h) => h.day === '2026-06-06')).toEqual({ day: '2026-06-06', working: true, name: 'Recuperare 1 iunie' });
      expect(holidays.find((h) => h.day === '2026-12-01')).toMatchObject({ working: false });

      // Changing a day back replaces it, not duplicates it.
      const back = await as('admin', 'PUT', '/api/v1/calendar/days/2026-11-30', { working: false, name: 'Sfântul Andrei' });
      expect(back.json().filter((d: { day: string }) => d.day === '2026-11-30')).toEqual([{ day: '2026-11-30', working: false, name: 'Sfântul Andrei' }]);
    });

    it('days are removed with DELETE; an unknown day is 404; bad days and non-admins are refused', async () => {
      expect((await as('admin', 'PUT', '/api/v1/calendar/days/2026-09-14', { working: false, name: 'Temporar' })).statusCode).toBe(200);
      const del = await as('admin', 'DELETE', '/api/v1/calendar/days/2026-09-14');
      expect(del.statusCode).toBe(204);
      expect((await as('admin', 'GET', '/api/v1/calendar/days')).json().map((d: { day: string }) => d.day)).not.toContain('2026-09-14');
      expect((await as('admin', 'DELETE', '/api/v1/calendar/days/2026-09-14')).statusCode).toBe(404);

      const before = await countsOf('calendar_days', 'audit_entries');
      for (const [day, payload] of [
        ['2026-02-30', { working: false, name: 'x' }],
        ['tomorrow', { working: false, name: 'x' }],
        ['2026-09-15', { working: 'no', name: 'x' }],
        ['2026-09-15', { working: false, name: '' }],
      ] as const) {
        expect((await as('admin', 'PUT', `/api/v1/calendar/days/${day}`, payload)).statusCode, `${day} ${JSON.stringify(payload)}`).toBe(422);
      }
      for (const role of ['supervisor', 'registrar', 'technician', 'operator', 'auditor'] as const) {
        expect((await as(role, 'PUT', '/api/v1/calendar/days/2026-09-15', { working: false, name: 'x' })).statusCode, role).toBe(403);
        expect((await as(role, 'DELETE', '/api/v1/calendar/days/2026-05-22')).statusCode, role).toBe(403);
      }
      expect((await as('admin', 'GET', '/api/v1/calendar/holidays?year=1999')).statusCode).toBe(422);
      expect(await countsOf('calendar_days', 'audit_entries')).toEqual(before);
    });
  });

  describe('suspension reasons', () => {
    it('a new institution has the four default reasons; an admin adds and deactivates reasons', async () => {
      const fresh = await createTenant(t.c);
      const admin = await createStaff(t.c, fresh.id, ['admin']);
      const { cookie } = await login(t.app, admin.email);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/suspension-reasons', headers: { cookie } });
      expect(list.json().map((r: { code: string; active: boolean }) => [r.code, r.active])).toEqual([
        ['awaiting_citizen_documents', true],
        ['awaiting_other_institution', true],
        ['citizen_request', true],
        ['on_site_inspection', true],
      ]);
      for (const r of list.json()) expect(Object.keys(r.name).sort()).toEqual(['en', 'it', 'ro', 'ru', 'vi']);

      const added = await as('admin', 'PUT', '/api/v1/suspension-reasons/awaiting_expert_report', { name: { ro: 'În așteptarea expertizei', en: 'Awaiting an expert report' } });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json()).toContainEqual({ code: 'awaiting_expert_report', name: { ro: 'În așteptarea expertizei', en: 'Awaiting an expert report' }, active: true });
      const off = await as('admin', 'PUT', '/api/v1/suspension-reasons/citizen_request', { name: { ro: 'La cererea petentului' }, active: false });
      expect(off.json().filter((r: { code: string }) => r.code === 'citizen_request')).toEqual([{ code: 'citizen_request', name: { ro: 'La cererea petentului' }, active: false }]);
      expect((await as('technician', 'GET', '/api/v1/suspension-reasons')).json()).toHaveLength(5);
      // The other institution's list did not change.
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/suspension-reasons', headers: { cookie } })).json()).toEqual(list.json());
    });

    it('refuses bad codes and names, and non-admins; nothing is written', async () => {
      const before = await countsOf('suspension_reasons', 'audit_entries');
      expect((await as('admin', 'PUT', '/api/v1/suspension-reasons/Bad-Code', { name: { ro: 'x' } })).statusCode).toBe(422);
      expect((await as('admin', 'PUT', '/api/v1/suspension-reasons/ok_code', { name: {} })).statusCode).toBe(422);
      for (const role of ['supervisor', 'registrar', 'technician', 'operator', 'auditor'] as const) {
        expect((await as(role, 'PUT', '/api/v1/suspension-reasons/ok_code', { name: { ro: 'x' } })).statusCode, role).toBe(403);
      }
      expect(await countsOf('suspension_reasons', 'audit_entries')).toEqual(before);
    });
  });

  describe('workload', () => {
    let techId: string;
    beforeAll(async () => {
      techId = (await createStaff(t.c, tenant.id, ['technician'], { departmentIds: [deptId] })).user.id;
    });

    it('capacity is set and cleared by admins and supervisors', async () => {
      expect((await as('admin', 'GET', `/api/v1/users/${techId}/workload`)).json()).toEqual({ capacity: null, absences: [] });
      const set = await as('supervisor', 'PUT', `/api/v1/users/${techId}/capacity`, { capacity: 12 });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toEqual({ capacity: 12, absences: [] });
      expect((await as('auditor', 'GET', `/api/v1/users/${techId}/workload`)).json().capacity).toBe(12);
      expect((await as('admin', 'PUT', `/api/v1/users/${techId}/capacity`, { capacity: 0 })).json().capacity).toBe(0);
      expect((await as('admin', 'PUT', `/api/v1/users/${techId}/capacity`, { capacity: null })).json().capacity).toBeNull();
      const actions = (await t.c.audit.list(tenant.id, { subjectId: techId, limit: 10 })).map((e) => e.action);
      expect(actions.filter((a) => a === 'staff.capacity_set')).toHaveLength(3);

      const before = await countsOf('staff_capacity', 'audit_entries');
      for (const capacity of [-1, 1.5, '5', 10_001]) {
        expect((await as('admin', 'PUT', `/api/v1/users/${techId}/capacity`, { capacity })).statusCode, String(capacity)).toBe(422);
      }
      expect((await as('admin', 'PUT', `/api/v1/users/${UNKNOWN}/capacity`, { capacity: 3 })).statusCode).toBe(404);
      for (const role of ['registrar', 'technician', 'operator', 'auditor'] as const) {
        expect((await as(role, 'PUT', `/api/v1/users/${techId}/capacity`, { capacity: 3 })).statusCode, role).toBe(403);
      }
      for (const role of ['technician', 'operator', 'registrar'] as const) {
        expect((await as(role, 'GET', `/api/v1/users/${techId}/workload`)).statusCode, role).toBe(403);
      }
      expect(await countsOf('staff_capacity', 'audit_entries')).toEqual(before);
    });

    it('absences are added and removed; an absence ending before it starts is 422 and writes nothing', async () => {
      const add = await as('supervisor', 'POST', `/api/v1/users/${techId}/absences`, { fromDay: '2026-07-01', toDay: '2026-07-14', reason: 'Concediu de odihnă' });
      expect(add.statusCode, add.body).toBe(200);
      const oneDay = await as('admin', 'POST', `/api/v1/users/${techId}/absences`, { fromDay: '2026-03-09', toDay: '2026-03-09' });
      expect(oneDay.statusCode).toBe(200);
      const absences = oneDay.json().absences as { id: string; fromDay: string; toDay: string; reason: string | null }[];
      expect(absences.map(({ fromDay, toDay, reason }) => ({ fromDay, toDay, reason }))).toEqual([
        { fromDay: '2026-03-09', toDay: '2026-03-09', reason: null },
        { fromDay: '2026-07-01', toDay: '2026-07-14', reason: 'Concediu de odihnă' },
      ]);

      const before = await countsOf('staff_absences', 'audit_entries');
      const backwards = await as('admin', 'POST', `/api/v1/users/${techId}/absences`, { fromDay: '2026-08-10', toDay: '2026-08-01' });
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json()).toMatchObject({ code: 'request.validation_failed', errors: [{ path: 'toDay' }] });
      expect((await as('admin', 'POST', `/api/v1/users/${techId}/absences`, { fromDay: '2026-02-30', toDay: '2026-03-01' })).statusCode).toBe(422);
      expect((await as('admin', 'POST', `/api/v1/users/${UNKNOWN}/absences`, { fromDay: '2026-08-01', toDay: '2026-08-02' })).statusCode).toBe(404);
      expect((await as('technician', 'POST', `/api/v1/users/${techId}/absences`, { fromDay: '2026-08-01', toDay: '2026-08-02' })).statusCode).toBe(403);
      // An absence is removed only through its own person.
      const july = absences.find((a) => a.fromDay === '2026-07-01')!;
      expect((await as('admin', 'DELETE', `/api/v1/users/${staff.technician.userId}/absences/${july.id}`)).statusCode).toBe(404);
      expect(await countsOf('staff_absences', 'audit_entries')).toEqual(before);

      const removed = await as('admin', 'DELETE', `/api/v1/users/${techId}/absences/${july.id}`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json().absences.map((a: { id: string }) => a.id)).not.toContain(july.id);
      expect((await as('admin', 'DELETE', `/api/v1/users/${techId}/absences/${july.id}`)).statusCode).toBe(404);
      const actions = (await t.c.audit.list(tenant.id, { subjectId: techId, limit: 20 })).map((e) => e.action);
      expect(actions.filter((a) => a === 'staff.absence_added')).toHaveLength(2);
      expect(actions.filter((a) => a === 'staff.absence_removed')).toHaveLength(1);
    });
  });
});
