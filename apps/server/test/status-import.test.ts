import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client.ts';
import { generateNationalId } from '../src/modules/citizens/index.ts';
import { runCli } from './helpers/process.ts';

/** `civicline import <kind> <file>` as a real process, on the database kind of the run. */
describe('civicline import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-import-'));
  const testDb = inject('testDb');
  const env: Record<string, string> =
    testDb.kind === 'postgres'
      ? { DATABASE_URL: testDb.url, CIVICLINE_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'), CIVICLINE_DEMO_SEED: 'never' }
      : { CIVICLINE_DATA_DIR: path.join(dir, 'data'), CIVICLINE_DEMO_SEED: 'never' };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const db = testDb.kind === 'postgres' ? await openPostgres(testDb.url, 1) : await openPglite({ dataDir: path.join(dir, 'data', 'pglite') });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  it('imports a CSV export with a progress report, rejects bad rows with their line, and updates on re-import', async () => {
    const slug = `imp-${randomUUID().slice(0, 8)}`;
    const created = await runCli(['tenant', 'create', '--slug', slug, '--name', 'Primăria Import', '--country', 'RO', '--time-zone', 'Europe/Bucharest', '--language', 'ro', '--id-scheme', 'ro_cnp'], env);
    expect(created.code, created.output).toBe(0);

    const cnp = generateNationalId('ro_cnp', Math.random, { birthDate: '1975-06-01', sex: 'M' });
    const file = path.join(dir, 'facturi.csv');
    const lines = [
      'reference;client_code;address;national_id;birth_date;phone;state;service_name_ro;service_name_en;due_date;balance;currency;penalties;consumption;unit;last_payments',
      `F-1001;CL-1;Str. Lalelor 4;${cnp};1975-06-01;0722 000 111;due;Apă;Water;2026-12-31;45,20;RON;;6;m3;2026-11-10=40.00`,
      'F-1002;CL-2;Str. Lalelor 6;;;;paid;Apă;Water;;0;RON;;;;',
      'F-1003;CL-3;;;;;overdue;Gaz;Gas;2026-11-30;210.00;RON;12.5;;;',
      // A wrong check digit (never the right one: replacing it with 0 was right one time in ten).
      `F-1004;CL-4;;${cnp.slice(0, 12)}${(Number(cnp[12]) + 1) % 10};;;due;Apă;Water;2026-12-31;1;RON;;;;`,
      'F-1005;CL-5;;;;;owed;Apă;Water;2026-12-31;1;RON;;;;',
    ];
    fs.writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
    const r = await runCli(['import', 'invoices', file, '--tenant', slug], env);
    expect(r.output).toContain('Imported 3 of 5 invoice records (2 rejected).');
    expect(r.output).toMatch(/row 4: national_id/);
    expect(r.output).toMatch(/row 5: state/);
    expect(r.output).toMatch(/5\/5 rows/);
    // Rejected rows make the exit code say so, for scripts.
    expect(r.code).toBe(2);

    fs.writeFileSync(file, [lines[0], 'F-1003;CL-3;;;;;paid;Gaz;Gas;;0;RON;;;;'].join('\n'));
    const again = await runCli(['import', 'invoice', file, '--tenant', slug], env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('Imported 1 of 1 invoice records (0 rejected).');

    expect((await runCli(['import', 'spaceships', file, '--tenant', slug], env)).output).toMatch(/Unknown record kind "spaceships"/);

    await withDb(async (db) => {
      const { rows } = await db.query<{ reference: string; client_code: string; national_id_index: string | null; national_id_cipher: string | null; phone: string | null; level_needed: string; facts: Record<string, unknown>; version: number }>(
        `SELECT r.reference, r.client_code, r.national_id_index, r.national_id_cipher, r.phone, r.level_needed, r.facts, r.version FROM status_records r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 ORDER BY r.reference`,
        [slug],
      );
      expect(rows.map((x) => x.reference)).toEqual(['F-1001', 'F-1002', 'F-1003']);
      const first = rows[0]!;
      expect(first).toMatchObject({ client_code: 'CL-1', phone: '+40722000111', level_needed: 'L2' });
      expect(first.facts).toMatchObject({ state: 'due', serviceName: { ro: 'Apă', en: 'Water' }, balance: { amount: '45.20', currency: 'RON' }, consumption: { quantity: '6', unit: 'm3' }, lastPayments: [{ paidOn: '2026-11-10', amount: { amount: '40.00', currency: 'RON' } }] });
      // The national ID only as a blind index and ciphertext.
      expect(first.national_id_index).toMatch(/^[0-9a-f]{64}$/);
      expect(first.national_id_cipher).toMatch(/^v1\./);
      expect(JSON.stringify(rows)).not.toContain(cnp);
      expect(rows[2]).toMatchObject({ version: 2, facts: { state: 'paid' } });
    });
  }, 120_000);
});
