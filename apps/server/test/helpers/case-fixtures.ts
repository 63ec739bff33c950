/**
 * A small institution for case tests, built through the real API as its administrator: two
 * departments, a numbering register, categories with custom fields, deadlines and routing, and
 * the staff who work cases (operator, registrar, supervisor, technicians, auditor). Every staff
 * member calls the API with an API token (bearer), so a test may move a manual clock by months
 * without sessions running out.
 */
import { randomUUID } from 'node:crypto';
import type { CaseDetail, Role } from '@civicline/contracts';
import { expect } from 'vitest';
import { createStaff, createTenant, login, TEST_PASSWORD, type TestContext } from './harness.ts';

type Tenant = Awaited<ReturnType<typeof createTenant>>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Response = Awaited<ReturnType<TestContext['app']['inject']>>;

export interface Actor {
  id: string;
  email: string;
  roles: Role[];
  departmentIds: string[];
  /** The API as this person: `await as('GET', '/api/v1/cases')`. */
  call(method: Method, url: string, payload?: object): Promise<Response>;
}

/** The category body the API takes; `overrides` replace whole top-level keys. */
export interface CategoryInput {
  code: string;
  group: string;
  name: Record<string, string>;
  fields: object[];
  deadline: Record<string, unknown>;
  departmentId: string;
  registerId: string;
  routing: { strategy: 'manual' | 'fixed' | 'round_robin' | 'least_loaded'; fixedUserId?: string; supervisorIds?: string[] };
  allowAnonymous?: boolean;
  active?: boolean;
}
export interface Category extends CategoryInput {
  id: string;
  version: number;
}

export const RO_PETITION_DEADLINE = {
  unit: 'calendar_days',
  amount: 30,
  endOnNonWorkingDay: 'next_working_day',
  maxExtensionDays: 15,
  forwardingDays: 5,
  warnBeforeHours: 72,
} as const;

/** A building-permit request: the fields an operator must fill in before registering. */
export const PERMIT_FIELDS = [
  { key: 'cadastral_number', type: 'text', label: { ro: 'Număr cadastral', en: 'Cadastral number' }, required: true, pattern: '\\d{5,7}' },
  { key: 'area_sqm', type: 'number', label: { ro: 'Suprafața (m²)', en: 'Area (m²)' }, required: true, min: 1, max: 100_000 },
  {
    key: 'purpose',
    type: 'select',
    label: { ro: 'Destinație', en: 'Purpose' },
    required: true,
    options: [
      { value: 'residential', label: { ro: 'Locuință', en: 'Residential' } },
      { value: 'commercial', label: { ro: 'Comercial', en: 'Commercial' } },
    ],
  },
  { key: 'start_date', type: 'date', label: { ro: 'Data începerii', en: 'Start date' } },
  { key: 'heritage_zone', type: 'boolean', label: { ro: 'Zonă protejată', en: 'Heritage zone' } },
] as const;

export const VALID_PERMIT = { cadastral_number: '123456', area_sqm: 140, purpose: 'residential' };

export interface CaseFixture {
  t: TestContext;
  tenant: Tenant;
  admin: Actor;
  departments: { urbanism: string; social: string };
  registerId: string;
  categories: {
    /** OG 27/2002 petition: 30 calendar days, +15, manual routing, citizen required. */
    petition: Category;
    /** Building permit: required custom fields, same register and department as petitions. */
    permit: Category;
    /** A complaint that may be anonymous, handled by the social department. */
    complaint: Category;
  };
  staff: {
    operator: Actor;
    registrar: Actor;
    auditor: Actor;
    /** Supervisor of urbanism. */
    supervisor: Actor;
    /** Supervisor of social, who is no supervisor of urbanism's cases. */
    socialSupervisor: Actor;
    /** Technicians of urbanism. */
    techA: Actor;
    techB: Actor;
    /** Technician of social: urbanism's cases do not exist for them. */
    techSocial: Actor;
  };
  citizenId: string;
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`.toUpperCase().replace(/[^A-Z0-9-]/g, '');

/** Signs a person in and gives them an API token, so their calls survive clock moves. */
async function actorFor(t: TestContext, user: { id: string; email: string; roles: Role[]; departmentIds: string[] }): Promise<Actor> {
  const { cookie } = await login(t.app, user.email, TEST_PASSWORD);
  const created = ok<{ token: string }>(await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie }, payload: { name: 'case tests', expiresInDays: 730 } }), 201);
  const authorization = `Bearer ${created.token}`;
  return {
    ...user,
    call: (method, url, payload) =>
      t.app.inject({ method, url, headers: { authorization }, ...(payload !== undefined ? { payload } : {}) }),
  };
}

/** Expects a status and returns the JSON body (with the body in the failure message). */
export function ok<T = { id: string }>(res: Response, status = 200): T {
  expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
  return (res.body ? res.json() : null) as T;
}

/** Expects a problem response with this status and code; returns it. */
export function problem(res: Response, status: number, code: string): { code: string; errors?: { path: string; message: string }[]; detail?: string } {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  const body = res.json();
  expect(body.code).toBe(code);
  return body;
}

export async function addStaff(fx: Pick<CaseFixture, 't' | 'admin'>, roles: Role[], departmentIds: string[] = [], name = roles.join('-')): Promise<Actor> {
  const email = `${name}-${randomUUID().slice(0, 8)}@example.test`;
  const user = ok(await fx.admin.call('POST', '/api/v1/users', { email, displayName: `Test ${name}`, roles, locale: 'en', password: TEST_PASSWORD, departmentIds }), 201);
  return actorFor(fx.t, { id: user.id, email, roles, departmentIds });
}

/** A staff member who never calls the API themself (a routing target): created, not signed in. */
export async function addUser(fx: Pick<CaseFixture, 'admin'>, roles: Role[], departmentIds: string[] = [], name = roles.join('-')): Promise<{ id: string; email: string }> {
  const email = `${name}-${randomUUID().slice(0, 8)}@example.test`;
  const user = ok(await fx.admin.call('POST', '/api/v1/users', { email, displayName: `Test ${name}`, roles, locale: 'en', password: TEST_PASSWORD, departmentIds }), 201);
  return { id: user.id, email };
}

export async function addDepartment(fx: Pick<CaseFixture, 'admin'>, name: string): Promise<string> {
  return ok(await fx.admin.call('POST', '/api/v1/departments', { code: unique(name.slice(0, 8)), name: { ro: name, en: name } }), 201).id;
}

export async function addRegister(fx: Pick<CaseFixture, 'admin'>, format = 'PET-{year}-{seq:6}'): Promise<string> {
  return ok(await fx.admin.call('POST', '/api/v1/registers', { code: unique('R'), name: { ro: 'Registru', en: 'Register' }, format }), 201).id;
}

export async function addCategory(
  fx: Pick<CaseFixture, 'admin' | 'registerId' | 'departments'>,
  overrides: Partial<CategoryInput> = {},
): Promise<Category> {
  const body: CategoryInput = {
    code: unique('CAT'),
    group: 'general',
    name: { ro: 'Petiție', en: 'Petition' },
    fields: [],
    deadline: { ...RO_PETITION_DEADLINE },
    departmentId: fx.departments.urbanism,
    registerId: fx.registerId,
    routing: { strategy: 'manual', supervisorIds: [] },
    ...overrides,
  };
  return ok<Category>(await fx.admin.call('POST', '/api/v1/categories', body), 201);
}

export async function createCaseFixture(
  t: TestContext,
  tenantOverrides: Parameters<typeof createTenant>[1] = {},
): Promise<CaseFixture> {
  const tenant = await createTenant(t.c, tenantOverrides);
  const adminUser = await createStaff(t.c, tenant.id, ['admin']);
  const admin = await actorFor(t, { id: adminUser.user.id, email: adminUser.email, roles: ['admin'], departmentIds: [] });
  const departments = { urbanism: await addDepartment({ admin }, 'Urbanism'), social: await addDepartment({ admin }, 'Asistenta sociala') };
  const registerId = await addRegister({ admin });
  const base = { t, admin, departments, registerId };
  const [operator, registrar, auditor, supervisor, socialSupervisor, techA, techB, techSocial] = await Promise.all([
    addStaff(base, ['operator']),
    addStaff(base, ['registrar']),
    addStaff(base, ['auditor']),
    addStaff(base, ['supervisor'], [departments.urbanism], 'supervisor'),
    addStaff(base, ['supervisor'], [departments.social], 'social-supervisor'),
    addStaff(base, ['technician'], [departments.urbanism], 'tech-a'),
    addStaff(base, ['technician'], [departments.urbanism], 'tech-b'),
    addStaff(base, ['technician'], [departments.social], 'tech-social'),
  ]);
  const petition = await addCategory(base, {
    code: unique('PET'),
    name: { ro: 'Petiție (OG 27/2002)', en: 'Petition' },
    fields: [{ key: 'reference', type: 'text', label: { en: 'Reference' }, max: 40 }],
  });
  const permit = await addCategory(base, { code: unique('AUT'), name: { ro: 'Autorizație de construire', en: 'Building permit' }, fields: [...PERMIT_FIELDS] });
  const complaint = await addCategory(base, {
    code: unique('SES'),
    name: { ro: 'Sesizare', en: 'Complaint' },
    departmentId: departments.social,
    allowAnonymous: true,
  });
  const citizen = ok(await operator.call('POST', '/api/v1/citizens', { firstName: 'Ion', lastName: 'Popescu', phones: ['+40722123456'] }), 201);
  return {
    t,
    tenant,
    admin,
    departments,
    registerId,
    categories: { petition, permit, complaint },
    staff: { operator, registrar, auditor, supervisor, socialSupervisor, techA, techB, techSocial },
    citizenId: citizen.id,
  };
}

/** Opens a case as `actor` (a petition from the fixture's citizen unless told otherwise). */
export async function openCase(fx: CaseFixture, actor: Actor, body: Record<string, unknown> = {}): Promise<CaseDetail> {
  return ok<CaseDetail>(
    await actor.call('POST', '/api/v1/cases', {
      categoryId: fx.categories.petition.id,
      channel: 'phone',
      citizenId: fx.citizenId,
      subject: 'Cerere de informații',
      description: 'Solicit informații privind programul de lucru.',
      ...body,
    }),
    201,
  );
}

/** Takes a lifecycle action with the case's current version; returns the case after it. */
export async function act(actor: Actor, c: { id: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<CaseDetail> {
  return ok<CaseDetail>(await actor.call('POST', `/api/v1/cases/${c.id}/actions/${action}`, { version: c.version, ...body }));
}

/** Rows of the tables a case write touches, for one institution. */
export async function caseTableCounts(t: TestContext, tenantId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['cases', 'case_events', 'case_suspensions', 'case_links', 'audit_entries', 'domain_events', 'register_counters']) {
    const r = await t.database.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    out[table] = Number(r.rows[0]!.n);
  }
  const seq = await t.database.query<{ n: string | number | null }>('SELECT sum(last_seq) AS n FROM register_counters WHERE tenant_id = $1', [tenantId]);
  out.register_seq_total = Number(seq.rows[0]!.n ?? 0);
  return out;
}
