import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { createStaff, createTenant, createTestApp, login, type TestContext } from './helpers/harness.ts';

/** Uploads go over real HTTP as multipart/form-data, the way a browser or scanner sends them. */
describe('case attachments', () => {
  let t: TestContext;
  let base: string;
  let cookie: string;
  let otherCookie: string;
  let caseId: string;
  let tenantId: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]);

  beforeAll(async () => {
    t = await createTestApp({ config: { attachmentMaxBytes: 64 * 1024 } });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const tenant = await createTenant(t.c);
    tenantId = tenant.id;
    const ctx = systemContext(tenant.id);
    const dept = await t.c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
    const other = await t.c.departments.create(ctx, { code: 'TAX', name: { ro: 'Taxe' }, parentId: null, email: null });
    const register = await t.c.registers.create(ctx, { code: 'GEN', name: { ro: 'General' }, format: 'GEN-{year}-{seq:5}', yearly: true });
    const category = await t.c.categories.create(ctx, {
      code: 'PET', group: 'petitions', name: { ro: 'Petiție' }, description: {}, fields: [],
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: true, active: true,
    });
    const registrar = await createStaff(t.c, tenant.id, ['registrar'], { departmentIds: [dept.id] });
    const foreign = await createStaff(t.c, tenant.id, ['technician'], { departmentIds: [other.id] });
    ({ cookie } = await login(t.app, registrar.email));
    ({ cookie: otherCookie } = await login(t.app, foreign.email));
    const kase = await t.c.cases.create(systemContext(tenant.id), {
      categoryId: category.id, channel: 'post', citizenId: null, subject: 'Scrisoare primită prin poștă', description: '', customFields: {}, priority: 'normal', draft: false,
    });
    caseId = kase.id;
  });
  afterAll(() => t.close());

  const upload = (name: string, data: Buffer, who = cookie) => {
    const form = new FormData();
    form.append('file', new Blob([data], { type: 'application/octet-stream' }), name);
    return fetch(`${base}/api/v1/cases/${caseId}/attachments`, { method: 'POST', headers: { cookie: who }, body: form });
  };
  const countRows = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM case_attachments WHERE tenant_id = $1', [tenantId])).rows[0]!.n;
  const storedFiles = () => {
    const dir = `${t.c.config.filesDir}/${tenantId}/${caseId}`;
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  it('stores a PDF with its checksum and a safe name, and gives it back byte for byte', async () => {
    const res = await upload('../../Cerere autorizație.pdf', pdf);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; fileName: string; sha256: string; sizeBytes: number; contentType: string };
    expect(body).toMatchObject({ fileName: 'Cerere autorizație.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    expect(body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    const down = await fetch(`${base}/api/v1/cases/${caseId}/attachments/${body.id}`, { headers: { cookie } });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);
    expect(down.headers.get('content-disposition')).toContain("filename*=UTF-8''Cerere%20autoriza%C8%9Bie.pdf");

    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/timeline`, headers: { cookie } });
    expect(timeline.json().map((e: { type: string }) => e.type)).toContain('attachment_added');
    const audit = await t.c.audit.list(tenantId, { subjectId: caseId, limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.attachment_added', 'case.attachment_downloaded']));
  });

  it('refuses an oversized file with 413 and keeps nothing of it', async () => {
    const before = await countRows();
    const files = storedFiles().length;
    const res = await upload('huge.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70 * 1024)]));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('attachment.too_large');
    expect(await countRows()).toBe(before);
    expect(storedFiles().length).toBe(files);
  });

  it('refuses a forbidden type whatever its name (415) and keeps nothing of it', async () => {
    const before = await countRows();
    const files = storedFiles().length;
    const res = await upload('factura.pdf', Buffer.from('MZ\u0090\u0000 this is a windows executable'));
    expect(res.status).toBe(415);
    expect(((await res.json()) as { code: string }).code).toBe('attachment.forbidden_type');
    expect(await countRows()).toBe(before);
    expect(storedFiles().length).toBe(files);
  });

  it('a JSON body instead of a file is 415; staff of another department cannot see the case (404)', async () => {
    const json = await fetch(`${base}/api/v1/cases/${caseId}/attachments`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect((await upload('x.pdf', pdf, otherCookie)).status).toBe(404);
    const list = await fetch(`${base}/api/v1/cases/${caseId}/attachments`, { headers: { cookie: otherCookie } });
    expect(list.status).toBe(404);
  });
});
