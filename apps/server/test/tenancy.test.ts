import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CASE_ACTIONS,
  CreateCaseRequest,
  CreateCitizenRequest,
  CreateMailboxRequest,
  CreatePhoneLineRequest,
  CreateProviderAccountRequest,
  RecordDocumentForm,
  ROLES,
  type CaseAction,
} from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../src/platform/auth/context.ts';
import { generateNationalId } from '../src/modules/citizens/index.ts';
import { createStaff, createTenant, createTestApp, login, type TestContext } from './helpers/harness.ts';

type Staff = Awaited<ReturnType<typeof createStaff>>;
type Tenant = Awaited<ReturnType<typeof createTenant>>;

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600, 0x42), Buffer.from('\n%%EOF\n')]);

/** A file upload as a browser sends it: multipart/form-data with one "file" part. */
function multipart(fileName: string, content: Buffer) {
  const boundary = `----civicline-${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A paper document at the registry desk, as its form reads once parsed, with one scan. */
function registryUpload(categoryId: string, citizenId: string) {
  const tmpPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-tenancy-')), 'scan.pdf');
  fs.writeFileSync(tmpPath, PDF);
  const form = RecordDocumentForm.parse({ categoryId, delivery: 'post', receivedOn: '2026-01-05', pages: 2, subject: 'A letter', sender: { citizenId } });
  return { form, files: [{ fileName: 'scan.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, tmpPath }] };
}

/** The registrar's form as multipart/form-data, with one scan. */
function registryMultipart(fields: Record<string, string>) {
  const boundary = `----civicline-${randomUUID()}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const userContext = (tenantId: string, staff: Staff, departmentIds: string[] = []): RequestContext => ({
  tenantId,
  actor: { type: 'user', id: staff.user.id, roles: staff.user.roles, departmentIds },
  requestId: null,
  channel: 'test',
});

/**
 * Tenant isolation: A's administrator (holding every role, so no permission check hides a leak)
 * must not be able to read, change or even detect anything of tenant B through the HTTP API.
 */
describe('tenancy isolation', () => {
  let t: TestContext;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let cookieA: string;
  let adminA: Staff;
  let userA: Staff;
  let deptA: { id: string; version: number };
  let tokenA: { id: string };
  let ctxA: RequestContext;
  let registerA: { id: string; version: number };
  let categoryA: { id: string; version: number };
  let citizenA: { id: string; version: number };
  let caseA: { id: string; version: number; registrationNumber: string | null };
  /** A case of A in progress with A's technician, for the actions that need one. */
  let workingCaseA: { id: string; version: number };
  /** The technician of A working on it, signed in. */
  let techCookieA: string;
  let absenceA: { id: string };
  let attachmentA: { id: string };
  let messageA: { id: string };
  let callA: { id: string };
  /** A paper document recorded at A's registry desk. */
  let registryA: { caseId: string };

  // B's world: a department tree, members, an admin with a session and an API token, and every
  // kind of case-core record, each of which A will aim at.
  let adminB: Staff;
  let userB: Staff;
  let deptBRoot: { id: string; code: string; version: number };
  let deptBLeaf: { id: string; code: string; version: number };
  let tokenB: { id: string; token: string };
  let registerB: { id: string; version: number };
  let categoryB: { id: string; version: number };
  let citizenB: { id: string; version: number };
  let citizenB2: { id: string; version: number };
  let nationalIdB: string;
  let caseB: { id: string; version: number; registrationNumber: string | null };
  let caseB2: { id: string; version: number };
  let absenceB: { id: string };
  let attachmentB: { id: string };
  let mailboxB: { id: string; version: number };
  let lineB: { id: string; version: number; number: string };
  let accountB: { id: string; version: number };
  let messageB: { id: string };
  let callB: { id: string };
  let registryB: { caseId: string };
  let entryPointB: { id: string; version: number };
  let fraudFlagB: { id: string };
  let ruleB: { id: string; version: number };
  let staffNoticeB: { id: string };
  let feeB: { id: string; version: number };
  /** A day and a clock-stop reason B has; A writing the same key writes its own. */
  const sharedDayB = '2026-05-22';
  const sharedReasonB = 'b_expert_report';
  /** A day and a reason only B ever has. */
  const onlyDayB = '2026-09-14';
  const onlyReasonB = 'b_secret_reason';
  let snapshotB: string;

  /**
   * Every row B owns, in every table with a tenant_id (found from the catalogue, so a new table
   * is covered without touching this test), plus B's tenants row, as canonical JSON text.
   */
  async function snapshotOf(tenantId: string): Promise<string> {
    const tables = await t.database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['users', 'departments', 'api_tokens', 'audit_entries', 'citizens', 'citizen_contacts', 'cases', 'case_events', 'categories', 'registers', 'calendar_days', 'suspension_reasons', 'staff_absences']),
    );
    const out: Record<string, unknown[]> = {};
    for (const { table_name } of [...tables.rows, { table_name: 'tenants' }]) {
      const column = table_name === 'tenants' ? 'id' : 'tenant_id';
      const rows = await t.database.query<{ row: string }>(
        `SELECT to_jsonb(x)::text AS row FROM "${table_name}" x WHERE ${column} = $1 ORDER BY 1`,
        [tenantId],
      );
      out[table_name] = rows.rows.map((r) => r.row);
    }
    return JSON.stringify(out);
  }

  const expectBUnchanged = async () => expect(await snapshotOf(tenantB.id)).toBe(snapshotB);

  const asA = (method: string, url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: cookieA, ...headers }, ...(payload !== undefined ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    // Enqueue-only (a web node): messages can be queued, and no worker changes them behind our back.
    await t.c.jobs.start({ work: false });
    tenantA = await createTenant(t.c, { name: 'City A' });
    tenantB = await createTenant(t.c, { name: 'City B' });

    // --- A ---
    adminA = await createStaff(t.c, tenantA.id, [...ROLES]);
    ctxA = userContext(tenantA.id, adminA);
    cookieA = (await login(t.app, adminA.email)).cookie;
    const createdDeptA = await asA('POST', '/api/v1/departments', { code: 'A-ROOT', name: { en: 'A root' } });
    expect(createdDeptA.statusCode).toBe(201);
    deptA = createdDeptA.json();
    userA = await createStaff(t.c, tenantA.id, ['operator'], { departmentIds: [deptA.id] });
    const techA = await createStaff(t.c, tenantA.id, ['technician'], { departmentIds: [deptA.id] });
    const createdTokenA = await asA('POST', '/api/v1/me/tokens', { name: 'A sync' });
    tokenA = createdTokenA.json();
    registerA = (await asA('POST', '/api/v1/registers', { code: 'A-REG', name: { en: 'A register' }, format: 'AREG-{year}-{seq:6}' })).json();
    categoryA = (
      await asA('POST', '/api/v1/categories', {
        code: 'A-PET', group: 'petitions', name: { en: 'A petition' }, deadline: { unit: 'calendar_days', amount: 30 },
        departmentId: deptA.id, registerId: registerA.id, routing: { strategy: 'manual' }, allowAnonymous: true,
      })
    ).json();
    expect(categoryA.id).toBeDefined();
    citizenA = (await asA('POST', '/api/v1/citizens', { lastName: 'Citizen of A', phones: ['0722 100 100'] })).json();
    caseA = (await asA('POST', '/api/v1/cases', { categoryId: categoryA.id, channel: 'web', citizenId: citizenA.id, subject: 'A pothole in A' })).json();
    expect(caseA.registrationNumber).toMatch(/^AREG-/);
    const working = await t.c.cases.create(ctxA, CreateCaseRequest.parse({ categoryId: categoryA.id, channel: 'phone', subject: 'Being worked on in A' }));
    const assigned = await t.c.cases.act(ctxA, working.id, 'assign', { version: working.version, assigneeId: techA.user.id });
    workingCaseA = await t.c.cases.act(userContext(tenantA.id, techA, [deptA.id]), working.id, 'start', { version: assigned.version });
    techCookieA = (await login(t.app, techA.email)).cookie;
    absenceA = (await t.c.routing.addAbsence(ctxA, userA.user.id, { fromDay: '2026-07-01', toDay: '2026-07-03' })).absences[0]!;
    attachmentA = await t.c.attachments.upload(ctxA, caseA.id, { fileName: 'a.pdf', stream: Readable.from([PDF]) });
    const lineA = await t.c.channelConfig.createLine(ctxA, CreatePhoneLineRequest.parse({ number: `+40 264 ${String(Math.floor(Math.random() * 900_000) + 100_000)}`, name: 'A line' }));
    callA = await t.c.calls.incoming({
      tenantId: tenantA.id, provider: 'twilio', externalId: `CA-A-${randomUUID()}`, callerNumber: '+40722100100', line: (await t.c.channelConfig.resolveLine(lineA.number))!,
      providerStatus: 'ringing', raw: { contentType: 'application/x-www-form-urlencoded', data: Buffer.from('CallSid=A') },
    });
    messageA = await t.c.db.transaction((tx) =>
      t.c.messaging.queue(tx, { tenantId: tenantA.id, channel: 'email', purpose: 'notification', toAddress: 'a@example.test', body: 'A', caseId: caseA.id, idempotencyKey: randomUUID() }),
    );
    registryA = await t.c.registry.record(ctxA, registryUpload(categoryA.id, citizenA.id));
    // A call the voice assistant answered, so that A's own call has a conversation behind it.
    await t.c.assistant.turn({ tenantId: tenantA.id, channel: 'voice', entryPointId: lineA.id, externalKey: `twilio:${(await t.database.query<{ external_id: string }>('SELECT external_id FROM calls WHERE id = $1', [callA.id])).rows[0]!.external_id}`, callerKey: '+40722100100', text: '' });

    // --- B ---
    adminB = await createStaff(t.c, tenantB.id, ['admin']);
    const ctxB = userContext(tenantB.id, adminB);
    deptBRoot = await t.c.departments.create(ctxB, { parentId: null, code: 'B-ROOT', name: { en: 'B root' }, email: null });
    // The leaf is empty on purpose: if isolation broke, a DELETE of it would really succeed.
    deptBLeaf = await t.c.departments.create(ctxB, { parentId: deptBRoot.id, code: 'B-LEAF', name: { en: 'B leaf' }, email: null });
    userB = await createStaff(t.c, tenantB.id, ['operator', 'technician'], { departmentIds: [deptBRoot.id] });
    tokenB = await t.c.auth.createApiToken(ctxB, 'B integration', 30);
    registerB = await t.c.registers.create(ctxB, { code: 'B-REG', name: { en: 'B register' }, format: 'BREG-{year}-{seq:6}', yearly: true });
    categoryB = await t.c.categories.create(ctxB, {
      code: 'B-PET', group: 'petitions', name: { en: 'B petition' }, description: {}, fields: [],
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 10, forwardingDays: 7, warnBeforeHours: 72 },
      departmentId: deptBRoot.id, registerId: registerB.id, routing: { strategy: 'manual', supervisorIds: [] },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: true, active: true,
    });
    nationalIdB = generateNationalId('ro_cnp', Math.random);
    citizenB = await t.c.citizens.create(ctxB, CreateCitizenRequest.parse({ lastName: 'Citizen of B', nationalId: nationalIdB, phones: ['0733 200 200'], emails: ['b@example.test'] }));
    citizenB2 = await t.c.citizens.create(ctxB, CreateCitizenRequest.parse({ lastName: 'Citizen of B (duplicate)' }));
    const createdCaseB = await t.c.cases.create(ctxB, CreateCaseRequest.parse({ categoryId: categoryB.id, channel: 'email', citizenId: citizenB.id, subject: 'A pothole in B' }));
    caseB = await t.c.cases.act(ctxB, createdCaseB.id, 'assign', { version: createdCaseB.version, assigneeId: userB.user.id });
    caseB2 = await t.c.cases.create(ctxB, CreateCaseRequest.parse({ categoryId: categoryB.id, channel: 'web', subject: 'Another case in B' }));
    absenceB = (await t.c.routing.addAbsence(ctxB, userB.user.id, { fromDay: '2026-08-03', toDay: '2026-08-07', reason: 'B leave' })).absences[0]!;
    attachmentB = await t.c.attachments.upload(ctxB, caseB.id, { fileName: 'b.pdf', stream: Readable.from([PDF]) });
    mailboxB = await t.c.channelConfig.createMailbox(ctxB, CreateMailboxRequest.parse({ address: `b-${randomUUID().slice(0, 8)}@b.example.test`, name: 'B mailbox', categoryId: categoryB.id }));
    lineB = await t.c.channelConfig.createLine(ctxB, CreatePhoneLineRequest.parse({ number: `+40 264 ${String(Math.floor(Math.random() * 900_000) + 100_000)}`, name: 'B line' }));
    accountB = await t.c.channelConfig.createAccount(ctxB, CreateProviderAccountRequest.parse({ provider: 'webhook', name: 'B hook', settings: { url: 'https://b.example.test/hook' }, secret: 'b-secret' }));
    callB = await t.c.calls.incoming({
      tenantId: tenantB.id, provider: 'twilio', externalId: `CA-B-${randomUUID()}`, callerNumber: '+40733200200', line: (await t.c.channelConfig.resolveLine(lineB.number))!,
      providerStatus: 'ringing', raw: { contentType: 'application/x-www-form-urlencoded', data: Buffer.from('CallSid=B') },
    });
    messageB = await t.c.db.transaction((tx) =>
      t.c.messaging.queue(tx, { tenantId: tenantB.id, channel: 'email', purpose: 'notification', toAddress: 'b@example.test', body: 'B', caseId: caseB.id, idempotencyKey: randomUUID() }),
    );
    registryB = await t.c.registry.record(ctxB, registryUpload(categoryB.id, citizenB.id));
    entryPointB = await t.c.statusCheck.admin.createEntryPoint(ctxB, { channel: 'chat', name: 'B chat', disclosableKinds: ['case'], defaultLanguage: 'ro', active: true });
    fraudFlagB = (await t.database.query<{ id: string }>(
      `INSERT INTO status_fraud_flags (tenant_id, caller_index, caller_mask, channel, identifiers, flagged_at, blocked_until) VALUES ($1, 'b-caller', '+4073***200', 'voice', 5, now(), now() + interval '1 hour') RETURNING id`,
      [tenantB.id],
    )).rows[0]!;
    ruleB = (await t.c.notificationAdmin.listRules(ctxB))[0]!;
    staffNoticeB = (await t.database.query<{ id: string }>(
      `INSERT INTO staff_notifications (tenant_id, user_id, kind, case_id, idempotency_key) VALUES ($1, $2, 'assigned', $3, $4) RETURNING id`,
      [tenantB.id, userB.user.id, caseB.id, `b:${randomUUID()}`],
    )).rows[0]!;
    feeB = await t.c.caseServices.addFee(ctxB, caseB.id, { kind: 'fee', amountMinor: 1500 });
    caseB = await t.c.cases.get(ctxB, caseB.id);
    for (const day of [sharedDayB, onlyDayB]) await t.c.sla.putCalendarDay(ctxB, { day, working: false, name: `B day ${day}` });
    for (const code of [sharedReasonB, onlyReasonB]) await t.c.sla.putSuspensionReason(ctxB, { code, name: { en: `B reason ${code}` }, active: true });
    await login(t.app, adminB.email); // gives B a sessions row too
    snapshotB = await snapshotOf(tenantB.id);
  });
  afterAll(() => t.close());

  /**
   * For each URL parameter, which B resource to aim at (and which A resource, as a control).
   * A route with a parameter not named here fails the test: decide what it reaches, then add it.
   */
  const paramFor = (route: string, method: string, name: string, tenant: 'A' | 'B'): string => {
    if (name === 'id') {
      const prefix = route.slice(0, route.indexOf(':id') + 3);
      const table: Record<string, { A: string; B: string }> = {
        '/api/v1/departments/:id': { A: deptA.id, B: deptBLeaf.id },
        '/api/v1/users/:id': { A: userA.user.id, B: userB.user.id },
        '/api/v1/me/tokens/:id': { A: tokenA.id, B: tokenB.id },
        '/api/v1/registers/:id': { A: registerA.id, B: registerB.id },
        '/api/v1/categories/:id': { A: categoryA.id, B: categoryB.id },
        '/api/v1/citizens/:id': { A: citizenA.id, B: citizenB.id },
        '/api/v1/cases/:id': { A: caseA.id, B: caseB.id },
        '/api/v1/messages/:id': { A: messageA.id, B: messageB.id },
        '/api/v1/calls/:id': { A: callA.id, B: callB.id },
        '/api/v1/status-check/entry-points/:id': { A: '', B: entryPointB.id },
        '/api/v1/status-check/fraud-flags/:id': { A: '', B: fraudFlagB.id },
        '/api/v1/notification-rules/:id': { A: '', B: ruleB.id },
        '/api/v1/me/notifications/:id': { A: '', B: staffNoticeB.id },
        // Channel settings: only B has them; the GET-for-A control never visits these (no GET /:id).
        '/api/v1/mailboxes/:id': { A: '', B: mailboxB.id },
        '/api/v1/phone-lines/:id': { A: '', B: lineB.id },
        '/api/v1/provider-accounts/:id': { A: '', B: accountB.id },
      };
      const entry = table[prefix];
      if (!entry) throw new Error(`No tenancy mapping for ${prefix}: add the B resource it should be aimed at`);
      return entry[tenant];
    }
    const others: Record<string, () => { A: string; B: string }> = {
      absenceId: () => ({ A: absenceA.id, B: absenceB.id }),
      attachmentId: () => ({ A: attachmentA.id, B: attachmentB.id }),
      // The registry receipt of a recorded paper document.
      caseId: () => ({ A: registryA.caseId, B: registryB.caseId }),
      registrationNumber: () => ({ A: caseA.registrationNumber!, B: caseB.registrationNumber! }),
      // Per-institution keys: A writing B's key writes A's own row; A deleting a key only B has is a 404.
      day: () => ({ A: sharedDayB, B: method === 'DELETE' ? onlyDayB : sharedDayB }),
      code: () => (route.includes('/notification-templates/') ? { A: 'receipt', B: 'receipt' } : { A: sharedReasonB, B: sharedReasonB }),
      channel: () => ({ A: 'sms', B: 'sms' }),
      language: () => ({ A: 'ro', B: 'ro' }),
      kind: () => ({ A: 'invoice', B: 'invoice' }),
      feeId: () => ({ A: '', B: feeB.id }),
    };
    const entry = others[name];
    if (!entry) throw new Error(`No tenancy mapping for :${name} in ${route}: add the B resource it should be aimed at`);
    return entry()[tenant];
  };

  const urlFor = (method: string, route: string, tenant: 'A' | 'B') =>
    route.replace(/:([A-Za-z_]+)/g, (_m, name: string) => encodeURIComponent(paramFor(route, method, name, tenant)));

  /** Routes whose parameter is a key within the caller's own institution rather than an id: A's write lands in A. */
  const KEYED: Record<string, number> = {
    'PUT /api/v1/calendar/days/:day': 200,
    'PUT /api/v1/suspension-reasons/:code': 200,
    'PUT /api/v1/notification-templates/:code/:channel/:language': 200,
    'PUT /api/v1/status-check/connectors/:kind': 200,
    'POST /api/v1/status-check/records/:kind/import': 200,
  };

  /** A valid body for each lifecycle action, each of which would really change B's case if it got through. */
  const actionBodies = (): Record<CaseAction, object> => {
    const v = { version: caseB.version };
    return {
      register: v,
      assign: { ...v, assigneeId: userB.user.id },
      start: v,
      suspend: { ...v, reason: 'awaiting_citizen_documents' },
      resume: v,
      propose_resolution: { ...v, answer: 'Taken over', returnMethod: 'online' },
      approve: v,
      return: { ...v, comment: 'Taken over' },
      reject: { ...v, reason: 'inadmissible', comment: 'Taken over' },
      redirect: { ...v, departmentId: deptBLeaf.id, reason: 'Taken over' },
      extend: { ...v, days: 5, reason: 'Taken over' },
      close: v,
      withdraw: { ...v, comment: 'Taken over' },
      reopen: { ...v, comment: 'Taken over' },
    };
  };

  /** Valid bodies, so a 404 cannot be a validation error in disguise; each would really change B if it got through. */
  const requestFor = (method: string, route: string): { payload?: object | Buffer; headers?: Record<string, string> } => {
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return {};
    const bodies: Record<string, () => object> = {
      'PATCH /api/v1/departments/:id': () => ({ name: { en: 'Taken over' }, parentId: null, active: false, version: deptBLeaf.version }),
      'PATCH /api/v1/users/:id': () => ({ displayName: 'Taken over', roles: ['admin'], active: false, unlock: true, departmentIds: [], version: userB.user.version }),
      'POST /api/v1/users/:id/password': () => ({ newPassword: 'Taken-Over-Password-2026' }),
      'PUT /api/v1/users/:id/capacity': () => ({ capacity: 0 }),
      'POST /api/v1/users/:id/absences': () => ({ fromDay: '2026-01-05', toDay: '2026-12-31', reason: 'Taken over' }),
      'PATCH /api/v1/registers/:id': () => ({ name: { en: 'Taken over' }, format: 'X-{seq}', active: false, version: registerB.version }),
      'PATCH /api/v1/categories/:id': () => ({ name: { en: 'Taken over' }, fields: [], active: false, version: categoryB.version }),
      'PATCH /api/v1/citizens/:id': () => ({ lastName: 'Taken over', phones: ['0722 999 999'], emails: [], version: citizenB.version }),
      'POST /api/v1/citizens/:id/merge': () => ({ duplicateId: citizenB2.id }),
      'PATCH /api/v1/cases/:id': () => ({ subject: 'Taken over', priority: 'urgent', version: caseB.version }),
      'POST /api/v1/cases/:id/comments': () => ({ body: 'Taken over', visibility: 'citizen' }),
      'POST /api/v1/cases/:id/links': () => ({ linkedCaseId: caseB2.id, kind: 'related' }),
      'PUT /api/v1/calendar/days/:day': () => ({ working: true, name: 'A works that day' }),
      'POST /api/v1/calls/:id/caller': () => ({ citizenId: citizenB.id }),
      'POST /api/v1/calls/:id/draft': () => ({ categoryId: categoryA.id }),
      'PATCH /api/v1/mailboxes/:id': () => ({ name: 'Taken over', acknowledge: false, active: false, version: mailboxB.version }),
      'PATCH /api/v1/phone-lines/:id': () => ({ name: 'Taken over', sms: false, active: false, version: lineB.version }),
      'PATCH /api/v1/provider-accounts/:id': () => ({ name: 'Taken over', secret: 'taken-over', active: false, version: accountB.version }),
      'PUT /api/v1/suspension-reasons/:code': () => ({ name: { en: 'A reason' }, active: false }),
      'POST /api/v1/messages/:id/resend': () => ({}),
      'PATCH /api/v1/status-check/entry-points/:id': () => ({ name: 'Taken over', disclosableKinds: ['case', 'invoice'], active: false, version: entryPointB.version }),
      'POST /api/v1/status-check/fraud-flags/:id/review': () => ({ release: true }),
      'PATCH /api/v1/notification-rules/:id': () => ({ enabled: false, version: ruleB.version }),
      'POST /api/v1/me/notifications/:id/read': () => ({}),
      'PUT /api/v1/notification-templates/:code/:channel/:language': () => ({ body: 'A writes its own text' }),
      'PUT /api/v1/status-check/connectors/:kind': () => ({ type: 'builtin', settings: {} }),
      'POST /api/v1/status-check/records/:kind/import': () => [],
      'POST /api/v1/cases/:id/fees': () => ({ kind: 'fee', amountMinor: 9900 }),
      'POST /api/v1/cases/:id/fees/:feeId/payment': () => ({ version: feeB.version, reference: 'Taken over' }),
      'POST /api/v1/cases/:id/postal-steps': () => ({ kind: 'dispatched', trackingNumber: 'RR123456789RO' }),
    };
    const action = route.match(/^\/api\/v1\/cases\/:id\/actions\/(\w+)$/)?.[1];
    if (method === 'POST' && action) {
      const body = (actionBodies() as Record<string, object>)[action];
      if (!body) throw new Error(`No body for ${method} ${route}: add a valid one`);
      return { payload: body };
    }
    if (`${method} ${route}` === 'POST /api/v1/cases/:id/attachments') return multipart('taken-over.pdf', PDF);
    const body = bodies[`${method} ${route}`];
    if (!body) throw new Error(`No body for ${method} ${route}: add a valid one`);
    return { payload: body() };
  };

  // The public portal is addressed by institution slug, not by a signed-in user's tenant; its
  // isolation (one institution's portal never reaches another's requests) is tested in portal.test.ts.
  const paramRoutes = () => t.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/public/') && /:[A-Za-z_]/.test(r.url));

  it('every route with a parameter answers 404 for a B resource and leaves B untouched', async () => {
    const routes = paramRoutes();
    // The known ones at least; more are picked up automatically.
    expect(routes.length).toBeGreaterThanOrEqual(55);
    expect(CASE_ACTIONS.every((a) => routes.some((r) => r.url === `/api/v1/cases/:id/actions/${a}`))).toBe(true);
    const bValues = [mailboxB.id, lineB.id, accountB.id, messageB.id, callB.id, deptBLeaf.id, userB.user.id, registerB.id, categoryB.id, citizenB.id, caseB.id, caseB.registrationNumber!, absenceB.id, attachmentB.id, registryB.caseId];
    for (const r of routes) {
      const label = `${r.method} ${r.url}`;
      const req = requestFor(r.method, r.url);
      const res = await asA(r.method, urlFor(r.method, r.url, 'B'), req.payload as object, req.headers);
      const expected = KEYED[label] ?? 404;
      expect(res.statusCode, `${label}: ${res.body}`).toBe(expected);
      if (expected === 404 && r.method !== 'HEAD') {
        expect(res.json().code, label).toBe('resource.not_found');
        // Nothing of B in the answer, not even its id echoed back outside `instance`.
        for (const value of bValues) expect(res.json().detail, label).not.toContain(value);
      }
    }
    await expectBUnchanged();
    // The keyed writes landed in A, as A's own rows.
    const dayA = await t.database.query('SELECT working, name FROM calendar_days WHERE tenant_id = $1 AND day = $2', [tenantA.id, sharedDayB]);
    expect(dayA.rows).toEqual([{ working: true, name: 'A works that day' }]);
    const reasonA = await t.database.query('SELECT active FROM suspension_reasons WHERE tenant_id = $1 AND code = $2', [tenantA.id, sharedReasonB]);
    expect(reasonA.rows).toEqual([{ active: false }]);
  });

  it('a B child under an A parent is not found either', async () => {
    const probes: [string, string, object?][] = [
      ['GET', `/api/v1/cases/${caseA.id}/attachments/${attachmentB.id}`],
      ['HEAD', `/api/v1/cases/${caseA.id}/attachments/${attachmentB.id}`],
      ['DELETE', `/api/v1/users/${userA.user.id}/absences/${absenceB.id}`],
    ];
    for (const [method, url] of probes) {
      const res = await asA(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    await expectBUnchanged();
  });

  it('the same GET routes do answer for A\'s own resources (the 404s above are not a broken URL)', async () => {
    const gets = paramRoutes().filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(10);
    for (const r of gets) {
      const res = await asA('GET', urlFor('GET', r.url, 'A'));
      expect(res.statusCode, `${r.url}: ${res.body}`).toBe(200);
      const last = r.url.split('/').pop()!;
      if (last === ':id') expect(res.json().id, r.url).toBe(paramFor(r.url, 'GET', 'id', 'A'));
      if (last === ':registrationNumber') expect(res.json().id).toBe(caseA.id);
      if (last === ':attachmentId') expect(res.rawPayload.equals(PDF)).toBe(true);
    }
  });

  it('B ids inside a request body are unknown in A: 422, and nothing is written on either side', async () => {
    const auditBefore = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1', [tenantA.id]);
    const snapshotA = await snapshotOf(tenantA.id);

    // A user of A in B's department.
    const email = `into-b-${randomUUID().slice(0, 8)}@example.test`;
    const createUser = await asA('POST', '/api/v1/users', {
      email, displayName: 'Cross', roles: ['operator'], password: 'Cross-Tenant-Pass-2026', departmentIds: [deptBRoot.id],
    });
    expect(createUser.statusCode).toBe(422);
    expect(createUser.json().errors[0].path).toBe('departmentIds.0');
    expect((await t.database.query('SELECT id FROM users WHERE lower(email) = $1', [email])).rows).toHaveLength(0);

    // Moving A's user into B's department.
    const userBefore = await t.database.query('SELECT to_jsonb(u)::text AS row FROM users u WHERE id = $1', [userA.user.id]);
    const patchUser = await asA('PATCH', `/api/v1/users/${userA.user.id}`, { departmentIds: [deptBLeaf.id], version: userA.user.version });
    expect(patchUser.statusCode).toBe(422);
    expect(patchUser.json().errors[0].path).toBe('departmentIds.0');
    expect((await t.database.query('SELECT to_jsonb(u)::text AS row FROM users u WHERE id = $1', [userA.user.id])).rows).toEqual(userBefore.rows);
    const memberships = await t.database.query<{ department_id: string }>('SELECT department_id FROM department_memberships WHERE user_id = $1', [userA.user.id]);
    expect(memberships.rows.map((r) => r.department_id)).toEqual([deptA.id]);

    // A department of A under B's department, and moving A's department there.
    const createDept = await asA('POST', '/api/v1/departments', { code: 'A-UNDER-B', parentId: deptBRoot.id, name: { en: 'Sneaky' } });
    expect(createDept.statusCode).toBe(422);
    expect(createDept.json().errors[0].path).toBe('parentId');
    expect((await t.database.query('SELECT id FROM departments WHERE code = $1', ['A-UNDER-B'])).rows).toHaveLength(0);
    const moveDept = await asA('PATCH', `/api/v1/departments/${deptA.id}`, { parentId: deptBRoot.id, version: deptA.version });
    expect(moveDept.statusCode).toBe(422);
    expect(moveDept.json().errors[0].path).toBe('parentId');

    // Categories pointing at B's department, register and people.
    const category = {
      code: 'A-CROSS', group: 'x', name: { en: 'Cross' }, deadline: { unit: 'calendar_days', amount: 10 },
      departmentId: deptBRoot.id, registerId: registerB.id, routing: { strategy: 'fixed', fixedUserId: userB.user.id, supervisorIds: [adminB.user.id] },
    };
    const createCategory = await asA('POST', '/api/v1/categories', category);
    expect(createCategory.statusCode).toBe(422);
    expect(createCategory.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['departmentId', 'registerId', 'routing.fixedUserId', 'routing.supervisorIds.0']);
    for (const patch of [{ departmentId: deptBRoot.id }, { registerId: registerB.id }, { routing: { strategy: 'round_robin', supervisorIds: [adminB.user.id] } }]) {
      const res = await asA('PATCH', `/api/v1/categories/${categoryA.id}`, { ...patch, version: categoryA.version });
      expect(res.statusCode, JSON.stringify(patch)).toBe(422);
    }

    // Cases of B's category or citizen, linked to B's case, assigned to B's people, moved to B's department.
    // A paper document of A recorded into B's category, or from B's citizen.
    for (const [fields, at] of [
      [{ categoryId: categoryB.id, 'sender.citizenId': citizenA.id }, 'categoryId'],
      [{ categoryId: categoryA.id, 'sender.citizenId': citizenB.id }, 'sender.citizenId'],
    ] as const) {
      const form = registryMultipart({ ...fields, delivery: 'post', receivedOn: '2026-01-05', pages: '1', subject: 'Into B' });
      const res = await asA('POST', '/api/v1/registry/documents', form.payload as unknown as object, form.headers);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([at]);
    }
    const caseOfB = await asA('POST', '/api/v1/cases', { categoryId: categoryB.id, channel: 'web', subject: 'Into B' });
    expect(caseOfB.statusCode).toBe(422);
    expect(caseOfB.json().errors[0].path).toBe('categoryId');
    const citizenOfB = await asA('POST', '/api/v1/cases', { categoryId: categoryA.id, channel: 'web', citizenId: citizenB.id, subject: 'For B\'s citizen' });
    expect(citizenOfB.statusCode).toBe(422);
    expect(citizenOfB.json().errors[0].path).toBe('citizenId');
    const recitizen = await asA('PATCH', `/api/v1/cases/${caseA.id}`, { citizenId: citizenB.id, version: caseA.version });
    expect(recitizen.statusCode).toBe(422);
    expect(recitizen.json().errors[0].path).toBe('citizenId');
    const link = await asA('POST', `/api/v1/cases/${caseA.id}/links`, { linkedCaseId: caseB.id, kind: 'duplicate_of' });
    expect(link.statusCode).toBe(422);
    expect(link.json().errors[0].path).toBe('linkedCaseId');
    const assign = await asA('POST', `/api/v1/cases/${caseA.id}/actions/assign`, { assigneeId: userB.user.id, version: caseA.version });
    expect(assign.statusCode).toBe(422);
    expect(assign.json().errors[0].path).toBe('assigneeId');
    const redirect = await asA('POST', `/api/v1/cases/${caseA.id}/actions/redirect`, { departmentId: deptBRoot.id, reason: 'Into B', version: caseA.version });
    expect(redirect.statusCode).toBe(422);
    expect(redirect.json().errors[0].path).toBe('departmentId');
    const suspend = await asA('POST', `/api/v1/cases/${workingCaseA.id}/actions/suspend`, { reason: onlyReasonB, version: workingCaseA.version }, { cookie: techCookieA });
    expect(suspend.statusCode).toBe(422);
    expect(suspend.json().code).toBe('case.invalid_reason');

    // Merging B's citizen into A's.
    const merge = await asA('POST', `/api/v1/citizens/${citizenA.id}/merge`, { duplicateId: citizenB.id });
    expect(merge.statusCode).toBe(422);
    expect(merge.json().code).toBe('citizen.merge_invalid');

    const auditAfter = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1', [tenantA.id]);
    expect(auditAfter.rows[0]!.n).toBe(auditBefore.rows[0]!.n);
    expect(await snapshotOf(tenantA.id)).toBe(snapshotA);
    await expectBUnchanged();
  });

  it('B\'s e-mails, codes and national IDs do not collide with A\'s: they are B\'s business only', async () => {
    const sameEmail = await asA('POST', '/api/v1/users', {
      email: userB.email, displayName: 'Namesake', roles: ['operator'], password: 'Namesake-Pass-2026', departmentIds: [],
    });
    expect(sameEmail.statusCode).toBe(201);
    const sameCode = await asA('POST', '/api/v1/departments', { code: deptBRoot.code, name: { en: 'Namesake' } });
    expect(sameCode.statusCode).toBe(201);
    const sameRegister = await asA('POST', '/api/v1/registers', { code: 'B-REG', name: { en: 'Namesake' }, format: 'ANS-{seq}' });
    expect(sameRegister.statusCode).toBe(201);
    const sameCategory = await asA('POST', '/api/v1/categories', {
      code: 'B-PET', group: 'x', name: { en: 'Namesake' }, deadline: { unit: 'calendar_days', amount: 10 },
      departmentId: deptA.id, registerId: registerA.id, routing: { strategy: 'manual' },
    });
    expect(sameCategory.statusCode).toBe(201);
    const samePerson = await asA('POST', '/api/v1/citizens', { lastName: 'Same person, other city', nationalId: nationalIdB, phones: ['0733 200 200'] });
    expect(samePerson.statusCode).toBe(201);
    await expectBUnchanged();
  });

  it('lists and searches show only A', async () => {
    const idsOf = async (table: string, tenantId: string) =>
      (await t.database.query<{ id: string }>(`SELECT id FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows.map((r) => r.id).sort();
    const ids = (body: { id: string }[]) => body.map((x) => x.id).sort();

    const users = await asA('GET', '/api/v1/users');
    expect(users.statusCode).toBe(200);
    expect(ids(users.json())).toEqual(await idsOf('users', tenantA.id));
    expect(JSON.stringify(users.json())).not.toContain(userB.user.id);

    const departments = await asA('GET', '/api/v1/departments');
    expect(ids(departments.json())).toEqual(await idsOf('departments', tenantA.id));
    expect(JSON.stringify(departments.json())).not.toContain(deptBRoot.id);

    const tokens = await asA('GET', '/api/v1/me/tokens');
    expect(tokens.json().map((x: { id: string }) => x.id)).toEqual([tokenA.id]);

    expect(ids((await asA('GET', '/api/v1/registers')).json())).toEqual(await idsOf('registers', tenantA.id));
    expect(ids((await asA('GET', '/api/v1/categories')).json())).toEqual(await idsOf('categories', tenantA.id));

    const cases = await asA('GET', '/api/v1/cases?limit=200');
    expect(ids(cases.json().items)).toEqual(await idsOf('cases', tenantA.id));
    for (const q of [`citizenId=${citizenB.id}`, `categoryId=${categoryB.id}`, `departmentId=${deptBRoot.id}`, `assigneeId=${userB.user.id}`, 'q=pothole']) {
      const filtered = await asA('GET', `/api/v1/cases?${q}`);
      expect(filtered.statusCode, q).toBe(200);
      expect(filtered.json().items.map((c: { id: string }) => c.id), q).not.toContain(caseB.id);
    }
    expect((await asA('GET', '/api/v1/cases?q=pothole')).json().items.map((c: { id: string }) => c.id)).toEqual([caseA.id]);

    // Citizens: by B's name, phone, e-mail; B's national ID finds only A's own record of that person.
    for (const q of ['name=Citizen%20of%20B', 'phone=0733200200', 'email=b@example.test']) {
      const found = await asA('GET', `/api/v1/citizens?${q}`);
      expect(found.statusCode, q).toBe(200);
      expect(JSON.stringify(found.json()), q).not.toContain(citizenB.id);
    }
    const byId = (await asA('GET', `/api/v1/citizens?nationalId=${nationalIdB}`)).json();
    expect(byId.map((c: { id: string }) => c.id)).not.toContain(citizenB.id);

    const attachments = await asA('GET', `/api/v1/cases/${caseA.id}/attachments`);
    expect(attachments.json().map((a: { id: string }) => a.id)).toEqual([attachmentA.id]);
    const timeline = await asA('GET', `/api/v1/cases/${caseA.id}/timeline`);
    expect(JSON.stringify(timeline.json())).not.toContain(caseB.id);

    const days = (await asA('GET', '/api/v1/calendar/days')).json() as { day: string; name: string }[];
    expect(days.map((d) => d.day)).not.toContain(onlyDayB);
    expect(JSON.stringify(days)).not.toContain('B day');
    const holidays = (await asA('GET', '/api/v1/calendar/holidays?year=2026')).json() as { day: string }[];
    expect(holidays.map((d) => d.day)).not.toContain(onlyDayB);
    const reasons = (await asA('GET', '/api/v1/suspension-reasons')).json() as { code: string }[];
    expect(reasons.map((r) => r.code)).not.toContain(onlyReasonB);
    const workload = (await asA('GET', `/api/v1/users/${userA.user.id}/workload`)).json();
    expect(workload.absences.map((a: { id: string }) => a.id)).toEqual([absenceA.id]);

    const audit = await asA('GET', '/api/v1/audit?limit=500');
    expect(audit.statusCode).toBe(200);
    const auditIdsA = await idsOf('audit_entries', tenantA.id);
    expect(auditIdsA.length).toBeLessThan(500);
    expect(ids(audit.json())).toEqual(auditIdsA);
    // Filters aimed at B's subjects and actors find nothing.
    for (const q of [`subjectId=${userB.user.id}`, `subjectId=${deptBRoot.id}`, `actorId=${adminB.user.id}`, `subjectId=${tenantB.id}`, `subjectId=${citizenB.id}`, `subjectId=${caseB.id}`]) {
      const filtered = await asA('GET', `/api/v1/audit?${q}`);
      expect(filtered.statusCode, q).toBe(200);
      expect(filtered.json(), q).toEqual([]);
    }

    // Verification walks A's chain only.
    const verify = await asA('GET', '/api/v1/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, checked: (await idsOf('audit_entries', tenantA.id)).length });
    await expectBUnchanged();
  });

  it('GET /tenant shows A, and PATCH /tenant changes A only', async () => {
    const tenant = await asA('GET', '/api/v1/tenant');
    expect(tenant.json()).toMatchObject({ id: tenantA.id, slug: tenantA.slug, name: 'City A' });
    const patched = await asA('PATCH', '/api/v1/tenant', { name: 'City A (renamed)' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id: tenantA.id, name: 'City A (renamed)' });
    const nameOf = async (id: string) => (await t.database.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [id])).rows[0]!.name;
    expect(await nameOf(tenantA.id)).toBe('City A (renamed)');
    expect(await nameOf(tenantB.id)).toBe('City B');
    await expectBUnchanged();
  });

  it('B\'s credentials keep working for B and see nothing of A', async () => {
    // The mirror image, through B's API token: B's admin sees B, not A. (Using the token stamps its
    // last_used_at, and reading a citizen is audited, so B's snapshot is retaken at the end.)
    const headers = { authorization: `Bearer ${tokenB.token}` };
    for (const url of [
      `/api/v1/users/${userA.user.id}`, `/api/v1/departments/${deptA.id}`, `/api/v1/citizens/${citizenA.id}`, `/api/v1/cases/${caseA.id}`,
      `/api/v1/categories/${categoryA.id}`, `/api/v1/registers/${registerA.id}`, `/api/v1/cases/by-number/${caseA.registrationNumber}`,
    ]) {
      expect((await t.app.inject({ method: 'GET', url, headers })).statusCode, url).toBe(404);
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/tenant', headers });
    expect(me.json().id).toBe(tenantB.id);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers });
    expect(users.json().map((u: { id: string }) => u.id)).not.toContain(userA.user.id);
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/citizens/${citizenB.id}`, headers });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: citizenB.id, lastName: 'Citizen of B', version: citizenB.version });
    snapshotB = await snapshotOf(tenantB.id);
  });
});
