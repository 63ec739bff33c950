import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import type { IdentifyOutcome } from '../src/modules/status-check/index.ts';
import { ADMIN_URL, databaseUrl } from './global-setup.ts';
import { createStaff, createTestApp, login, type TestContext } from './helpers/harness.ts';
import { BIRTH_DATE, createStatusFixture, randomMobile, type StatusFixture } from './helpers/status-fixtures.ts';

const onPostgres = process.env.CIVICLINE_TEST_DB === 'postgres';

/** Outside systems behind the status check: a real HTTP server and a second PostgreSQL database. */
describe('status-check connectors', () => {
  let t: TestContext;
  let f: StatusFixture;
  let server: http.Server;
  let base: string;
  const seen: { url: string; key: string | undefined }[] = [];
  let delayMs = 0;
  let failWith = 0;

  beforeAll(async () => {
    t = await createTestApp({ config: {} });
    await t.c.jobs.start({ work: false });
    f = await createStatusFixture(t);
    // The social-benefits system: a JSON API with its own field names, behind an API key.
    server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
      const reply = () => {
        if (req.headers['x-api-key'] !== 'k3y-s3cret') return res.writeHead(401).end();
        if (failWith) return res.writeHead(failWith).end('{}');
        const u = new URL(req.url ?? '/', 'http://x');
        if ((u.pathname === '/api/files' && u.searchParams.get('cnp') === f.cnp) || u.pathname === '/api/files/AS-2026-0042') {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(
            JSON.stringify({
              data: [
                {
                  file_no: 'AS-2026-0042',
                  status: 'under_evaluation',
                  programme: { ro: 'Alocație pentru copii', en: 'Child allowance' },
                  person: { birth: BIRTH_DATE, mobile: f.phone },
                  money: { amount: '256.00', currency: 'RON' },
                },
              ],
            }),
          );
        }
        res.writeHead(404).end();
      };
      if (delayMs) setTimeout(reply, delayMs);
      else reply();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.c.statusCheck.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const s = () => t.c.statusCheck;
  const found = (o: IdentifyOutcome) => {
    if (o.outcome !== 'found') throw new Error(`expected found, got ${JSON.stringify(o)}`);
    return o;
  };
  const httpConnector = (timeoutMs: number) => ({
    type: 'http' as const,
    settings: {
      urls: { national_id: `${base}/api/files?cnp={value}`, reference: `${base}/api/files/{value}` },
      authHeader: 'X-Api-Key',
      itemsPath: 'data',
      fieldMap: {
        reference: 'file_no',
        state: 'status',
        programme_name_ro: 'programme.ro',
        programme_name_en: 'programme.en',
        birth_date: 'person.birth',
        phone: 'person.mobile',
        amount: 'money.amount',
        currency: 'money.currency',
      },
    },
    secret: 'k3y-s3cret',
    timeoutMs,
    active: true,
  });

  it('an HTTP JSON connector, set over the staff API, answers with the mapped record', async () => {
    const admin = await createStaff(t.c, f.tenantId, ['admin']);
    const cookie = (await login(t.app, admin.email)).cookie;
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/status-check/connectors/benefit', headers: { cookie }, payload: httpConnector(1000) });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ kind: 'benefit', type: 'http', hasSecret: true });
    expect(put.body).not.toContain('k3y-s3cret');
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/status-check/connectors/invoice', headers: { cookie }, payload: { type: 'http', settings: { urls: { reference: 'ftp://nope' } }, timeoutMs: 500 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toMatch(/^settings\.urls/);
    // A phone line may only be given record kinds the status check knows.
    const line = await t.app.inject({ method: 'POST', url: '/api/v1/phone-lines', headers: { cookie }, payload: { number: randomMobile(), name: 'Linia fiscală', disclosableKinds: ['taxes'] } });
    expect(line.statusCode).toBe(422);
    const good = await t.app.inject({ method: 'POST', url: '/api/v1/phone-lines', headers: { cookie }, payload: { number: randomMobile(), name: 'Linia fiscală', disclosableKinds: ['invoice', 'local_tax'] } });
    expect(good.statusCode, good.body).toBe(201);

    const ctx = f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.social });
    const id = found(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' }));
    expect(id).toMatchObject({ kind: 'benefit', reference: 'AS-2026-0042', levelNeeded: 'L1' });
    expect(seen.at(-1)).toEqual({ url: `/api/files?cnp=${f.cnp}`, key: 'k3y-s3cret' });
    const l1 = await s().answer({ ...ctx, language: 'en' }, id.ref);
    expect(l1).toMatchObject({ outcome: 'answer', facts: { kind: 'benefit', state: 'under_evaluation', programmeName: 'Child allowance' } });
    expect(await s().verify(ctx, id.ref, { birthDate: BIRTH_DATE })).toMatchObject({ outcome: 'verified', level: 'L2' });
    // The answer asks the source again, by the record's own reference.
    seen.length = 0;
    const l2 = await s().answer(ctx, id.ref);
    expect(seen[0]?.url).toBe('/api/files/AS-2026-0042');
    expect(l2).toMatchObject({ outcome: 'answer', level: 'L2', facts: { details: { amount: { amount: '256.00', currency: 'RON' } } } });
    // A source without the record any more: the ref no longer works.
    expect(await s().answer(ctx, `${id.ref.slice(0, -1)}x`)).toEqual({ outcome: 'invalid_ref' });
  });

  it('a slow source is cut at its time budget and answered "unavailable", never "not found"; then its circuit opens', async () => {
    await s().admin.putConnector(systemContext(f.tenantId), 'benefit', httpConnector(200));
    delayMs = 1000;
    try {
      const ctx = f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.social });
      const started = performance.now();
      expect(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' })).toEqual({ outcome: 'unavailable', kind: 'benefit', reason: 'timeout' });
      expect(performance.now() - started).toBeLessThan(900);
      await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' });
      await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' });
      const before = seen.length;
      const fast = performance.now();
      expect(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' })).toEqual({ outcome: 'unavailable', kind: 'benefit', reason: 'circuit_open' });
      expect(performance.now() - fast).toBeLessThan(200);
      // An open circuit does not even ask the source.
      expect(seen.length).toBe(before);
    } finally {
      delayMs = 0;
    }
  });

  it('a failing source (HTTP 500) is "unavailable" too', async () => {
    // A new connector version gets a fresh circuit.
    await s().admin.putConnector(systemContext(f.tenantId), 'benefit', httpConnector(1000));
    failWith = 500;
    try {
      const ctx = f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.social });
      expect(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' })).toEqual({ outcome: 'unavailable', kind: 'benefit', reason: 'error' });
    } finally {
      failWith = 0;
    }
    const ok = await s().identify(f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.social }), { by: 'national_id', value: f.cnp, kind: 'benefit' });
    expect(ok.outcome).toBe('found');
  });

  it.runIf(onPostgres)('an SQL connector runs its parameterised, read-only query on an outside PostgreSQL database', async () => {
    const name = `civicline_ext_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const ext = new pg.Client({ connectionString: databaseUrl(name) });
    await ext.connect();
    try {
      await ext.query(`CREATE TABLE gas_invoices (inv_no text PRIMARY KEY, client text NOT NULL, status text NOT NULL, due date, amount numeric(12,2), cur text, mobile text)`);
      await ext.query(`INSERT INTO gas_invoices VALUES ('G-77001', 'GAZ-5501', 'due', '2026-12-20', 310.75, 'RON', $1), ('G-77002', 'GAZ-5502', 'paid', NULL, 0, 'RON', NULL)`, [f.phone]);
      const query = `SELECT inv_no AS reference, status AS state, 'Gaze naturale' AS service_name, due AS due_date, amount AS balance, cur AS currency, mobile AS phone FROM gas_invoices WHERE client = $1`;
      await s().admin.putConnector(systemContext(f.tenantId), 'invoice', {
        type: 'sql',
        settings: { queries: { client_code: query, reference: query.replace('client = $1', 'inv_no = $1') } },
        secret: databaseUrl(name),
        timeoutMs: 1000,
        active: true,
      });
      const ctx = f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.fiscal });
      const id = found(await s().identify(ctx, { by: 'client_code', value: 'gaz-5501', kind: 'invoice' }));
      expect(id).toMatchObject({ reference: 'G-77001', levelNeeded: 'L1', l2Methods: ['phone_last4'] });
      expect(await s().verify(ctx, id.ref, { phoneLast4: f.phone.slice(-4) })).toMatchObject({ outcome: 'verified' });
      expect(await s().answer(ctx, id.ref)).toMatchObject({ outcome: 'answer', facts: { kind: 'invoice', state: 'due', dueDate: '2026-12-20', details: { balance: { amount: '310.75', currency: 'RON' } } } });
      expect(await s().identify(ctx, { by: 'client_code', value: 'GAZ-0000', kind: 'invoice' })).toEqual({ outcome: 'not_found', next: 'transfer' });
      // The session is read-only and has the time budget: a slow query is cut.
      await s().admin.putConnector(systemContext(f.tenantId), 'invoice', {
        type: 'sql',
        settings: { queries: { client_code: `SELECT inv_no AS reference, status AS state, 'x' AS service_name, amount AS balance, cur AS currency FROM gas_invoices, pg_sleep(2) WHERE client = $1` } },
        timeoutMs: 300,
        active: true,
      });
      expect(await s().identify(ctx, { by: 'client_code', value: 'GAZ-5501', kind: 'invoice' })).toMatchObject({ outcome: 'unavailable', kind: 'invoice' });
    } finally {
      await s().admin.putConnector(systemContext(f.tenantId), 'invoice', { type: 'builtin', settings: {}, timeoutMs: 1500, active: true });
      await t.c.statusCheck.close();
      await ext.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
