import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { createTenant, createTestApp, type TestContext } from './helpers/harness.ts';


/** The public portal over real HTTP: no login, the same rules as every other channel. */
describe('citizen portal', () => {
  let t: TestContext;
  let base: string;
  let slug: string;
  let otherSlug: string;
  let tenantId: string;
  let permitId: string;
  let socialId: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(800, 0x20), Buffer.from('%%EOF')]);

  beforeAll(async () => {
    t = await createTestApp();
    await t.c.jobs.start({ work: false });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const which of ['main', 'other'] as const) {
      const tenant = await createTenant(t.c, { name: which === 'main' ? 'Primăria Test' : 'Alta Primărie' });
      const ctx = systemContext(tenant.id);
      const dept = await t.c.departments.create(ctx, { code: 'URB', name: { ro: 'Urbanism' }, parentId: null, email: null });
      const register = await t.c.registers.create(ctx, { code: 'URB', name: { ro: 'Urbanism' }, format: 'URB-{year}-{seq:5}', yearly: true });
      const common = {
        group: 'urbanism', description: { ro: 'Descriere' }, departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual' as const, supervisorIds: [] },
        deadline: { unit: 'calendar_days' as const, amount: 30, endOnNonWorkingDay: 'next_working_day' as const, maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
        sendSms: true, instant: false, sensitive: false, allowAnonymous: false, active: true,
      };
      const permit = await t.c.categories.create(ctx, {
        ...common, code: 'CU', name: { ro: 'Certificat de urbanism', en: 'Urban planning certificate' }, disclosureLevel: 'L1',
        fields: [{ key: 'cadastral_no', type: 'text', label: { ro: 'Nr. cadastral' }, required: true, pattern: '[0-9]{5,7}' }],
      });
      const social = await t.c.categories.create(ctx, { ...common, code: 'SOC', name: { ro: 'Ajutor social' }, disclosureLevel: 'L3', sensitive: true, fields: [] });
      if (which === 'main') {
        slug = tenant.slug;
        tenantId = tenant.id;
        permitId = permit.id;
        socialId = social.id;
      } else otherSlug = tenant.slug;
    }
  });
  afterAll(() => t.close());

  const api = (path: string, init: RequestInit = {}) => fetch(`${base}/api/public/v1/institutions/${path}`, init);
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const submission = (over: Record<string, unknown> = {}) => ({
    categoryId: permitId,
    subject: 'Certificat pentru construire casă',
    description: 'Solicit eliberarea certificatului de urbanism pentru terenul din str. Florilor nr. 3.',
    customFields: { cadastral_no: '123456' },
    contact: { firstName: 'Ioana', lastName: 'Marin', email: 'ioana.marin@example.ro', phone: '0722 123 456', preferredChannel: 'email', language: 'ro' },
    consent: { processing: true, textVersion: '2026-01' },
    ...over,
  });

  it('shows the institution and its categories with their own fields, without a login', async () => {
    const res = await api(`${slug}?lang=ro`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { name: string; categories: { code: string; fields: unknown[]; disclosureLevel: string }[] };
    expect(body.name).toBe('Primăria Test');
    expect(body.categories.map((c) => c.code).sort()).toEqual(['CU', 'SOC']);
    expect(body.categories.find((c) => c.code === 'CU')!.fields).toHaveLength(1);
    expect((await api('no-such-institution')).status).toBe(404);
  });

  it('files a request with a custom field and an attachment, gets the number, the deadline and an acknowledgement', async () => {
    const form = new FormData();
    form.append('file', new Blob([pdf]), 'extras carte funciară.pdf');
    const up = await api(`${slug}/uploads`, { method: 'POST', body: form });
    expect(up.status).toBe(201);
    const { token } = (await up.json()) as { token: string };
    const res = await api(`${slug}/requests?lang=ro`, json(submission({ uploadTokens: [token] }), { 'idempotency-key': 'retry-safe-key-0001' }));
    expect(res.status, await res.clone().text()).toBe(201);
    const result = (await res.json()) as { registrationNumber: string; dueAt: string; acknowledgementChannel: string };
    expect(result.registrationNumber).toMatch(/^URB-\d{4}-\d{5}$/);
    expect(result.dueAt).toBeTruthy();
    expect(result.acknowledgementChannel).toBe('email');

    const kase = await t.c.cases.getByNumber(systemContext(tenantId), result.registrationNumber);
    expect(kase).toMatchObject({ channel: 'web', customFields: { cadastral_no: '123456' }, status: 'registered' });
    expect((await t.c.attachments.list(systemContext(tenantId), kase.id)).map((a) => a.fileName)).toEqual(['extras carte funciară.pdf']);
    const citizen = await t.c.citizens.get(systemContext(tenantId), kase.citizenId!, { audit: false });
    expect(citizen).toMatchObject({ firstName: 'Ioana', lastName: 'Marin', phones: ['+40722123456'], preferredLanguage: 'ro' });
    const [ack] = (await t.c.messageLog.list(systemContext(tenantId), { caseId: kase.id, limit: 5 })).items.filter((m) => m.purpose === 'acknowledgement');
    expect(ack).toMatchObject({ channel: 'email', toAddress: 'ioana.marin@example.ro', language: 'ro' });
    const consent = await t.c.audit.list(tenantId, { action: 'consent.given', limit: 5 });
    expect(consent[0]).toMatchObject({ subjectId: kase.citizenId, details: { textVersion: '2026-01', caseId: kase.id } });

    // The same submission retried with its Idempotency-Key is the same request, not a second one.
    const again = await api(`${slug}/requests?lang=ro`, json(submission({ uploadTokens: [] }), { 'idempotency-key': 'retry-safe-key-0001' }));
    expect(((await again.json()) as { registrationNumber: string }).registrationNumber).toBe(result.registrationNumber);
  });

  it('refuses bad input in the citizen’s language, naming the fields, and registers nothing', async () => {
    const fresh = (over: Record<string, unknown>) => submission({ subject: 'O altă cerere, cu greșeli', description: `Text nou ${Math.random()}`, ...over });
    const count = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenantId])).rows[0]!.n;
    const before = await count();
    const bad = await api(`${slug}/requests?lang=ru`, json(fresh({ customFields: { cadastral_no: 'abc' }, contact: { firstName: 'A', lastName: 'B', preferredChannel: 'sms', phone: '12', language: 'ru' } })));
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { detail: string; errors: { path: string; message: string }[] };
    expect(problem.detail).toBe('Некоторые поля нужно исправить.');
    expect(problem.errors.map((e) => e.path)).toEqual(['contact.phone']);
    const field = await api(`${slug}/requests?lang=it`, json(fresh({ customFields: {} })));
    expect(field.status).toBe(422);
    const fp = (await field.json()) as { detail: string; errors: { path: string; message: string }[] };
    expect(fp.detail).toBe('Alcuni campi devono essere corretti.');
    expect(fp.errors).toEqual([expect.objectContaining({ path: 'customFields.cadastral_no', message: 'Campo obbligatorio' })]);
    const noConsent = await api(`${slug}/requests?lang=vi`, json(fresh({ consent: { processing: false, textVersion: '2026-01' } })));
    expect(noConsent.status).toBe(422);
    expect(((await noConsent.json()) as { detail: string }).detail).toBe('Một số trường cần được sửa lại.');
    const forged = await api(`${slug}/requests`, json(fresh({ uploadTokens: ['eyJ0ZW5hbnRJZCI6IngifQ.deadbeef'] })));
    expect(forged.status).toBe(422);
    expect(await count()).toBe(before);
    const exe = new FormData();
    exe.append('file', new Blob([Buffer.from('MZ\u0090\u0000 program')]), 'scan.pdf');
    const refused = await api(`${slug}/uploads?lang=ro`, { method: 'POST', body: exe });
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/Acceptăm doar PDF/);
  });

  it('checks a request’s status by number (level 1), audited; another institution’s portal cannot see it', async () => {
    const filed = (await (await api(`${slug}/requests`, json(submission()))).json()) as { registrationNumber: string };
    const res = await api(`${slug}/status?lang=ro`, json({ registrationNumber: filed.registrationNumber }));
    expect(res.status).toBe(200);
    const status = (await res.json()) as { status: string; statusText: string; publicNotes: unknown[] };
    expect(status).toMatchObject({ status: 'registered', statusText: 'Cererea a fost înregistrată și urmează să fie repartizată.', publicNotes: [] });
    const checks = await t.c.audit.list(tenantId, { action: 'status.checked', limit: 5 });
    expect(checks[0]).toMatchObject({ actorType: 'citizen', channel: 'web', purpose: 'status_check' });

    const elsewhere = await api(`${otherSlug}/status?lang=en`, json({ registrationNumber: filed.registrationNumber }));
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { detail: string }).detail).toMatch(/could not find a request/);
    expect((await t.c.audit.list(tenantId, { action: 'status.not_found', limit: 5 })).length).toBe(0);
  });

  it('a record that needs a verified identity is not disclosed by number alone', async () => {
    const filed = (await (await api(`${slug}/requests`, json(submission({ categoryId: socialId, customFields: {}, subject: 'Ajutor pentru încălzire', description: 'Solicit ajutor pentru încălzirea locuinței în iarna aceasta.' })))).json()) as { registrationNumber: string };
    const res = await api(`${slug}/status?lang=en`, json({ registrationNumber: filed.registrationNumber }));
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('portal.verification_required');
    expect(JSON.stringify(body)).not.toMatch(/registered|Ajutor/);
  });

  it('names the chat entry point the portal’s widget talks to: the first active chat one, none when there is none', async () => {
    const chatOf = async (s: string) => ((await (await api(s)).json()) as { chatEntryPointId: string | null }).chatEntryPointId;
    expect(await chatOf(slug)).toBeNull();
    const admin = t.c.statusCheck.admin;
    const ctx = systemContext(tenantId);
    // A web entry point and an inactive chat one are not the widget's.
    await admin.createEntryPoint(ctx, { channel: 'web', name: 'Kiosk', disclosableKinds: ['case'], defaultLanguage: 'ro' });
    const off = await admin.createEntryPoint(ctx, { channel: 'chat', name: 'Old chat', disclosableKinds: ['case'], defaultLanguage: 'ro', active: false });
    expect(await chatOf(slug)).toBeNull();
    const first = await admin.createEntryPoint(ctx, { channel: 'chat', name: 'Portal chat', disclosableKinds: ['case'], defaultLanguage: 'ro' });
    await admin.createEntryPoint(ctx, { channel: 'chat', name: 'Website chat', disclosableKinds: ['case'], defaultLanguage: 'ro' });
    expect(await chatOf(slug)).toBe(first.id);
    // Switched back on, the older one is the portal's again; another institution's portal has none.
    await admin.updateEntryPoint(ctx, off.id, { active: true, version: off.version });
    expect(await chatOf(slug)).toBe(off.id);
    expect(await chatOf(otherSlug)).toBeNull();
    // The widget's chat answers through it.
    const chat = await api(`${slug}/assistant/chat`, json({ entryPointId: off.id, text: 'URB-2026-99999', language: 'en' }));
    expect(chat.status, await chat.clone().text()).toBe(200);
    expect(((await chat.json()) as { messages: string[] }).messages.join(' ')).toMatch(/URB-2026-99999|number/);
    // The field is in the published API description.
    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, { get?: { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> }> } }> };
    const schema = spec.paths['/api/public/v1/institutions/{slug}']!.get!.responses['200']!.content['application/json']!.schema;
    expect(schema.properties.chatEntryPointId).toBeDefined();
    expect(schema.required).toContain('chatEntryPointId');
  });

  it('the chat alone (/portal/<slug>/chat) may be framed by an institution’s website; the other portal pages may not', async () => {
    const embed = await fetch(`${base}/portal/${slug}/chat?lang=ro`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-type')).toMatch(/text\/html/);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const csp = embed.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors \*/);
    // The rest of the policy is kept.
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/img-src 'self' data:/);
    for (const path of [`/portal/${slug}`, `/portal/${slug}/status`, `/portal/${slug}/chat/more`, '/console']) {
      const page = await fetch(`${base}${path}`);
      expect(page.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(page.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'self'/);
    }
    // API answers carry the same headers, an error answer included.
    for (const path of [`/api/public/v1/institutions/${slug}`, '/api/public/v1/institutions/no-such-place', '/api/v1/cases']) {
      const api = await fetch(`${base}${path}`);
      expect(api.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(api.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(api.headers.get('strict-transport-security'), path).toMatch(/max-age=/);
    }
  });
});
