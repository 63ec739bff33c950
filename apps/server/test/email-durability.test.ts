import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createSmtpListener, type SmtpListener } from '../src/channels/email/index.ts';
import { createContainer, type Container } from '../src/container.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { runCleanups } from './helpers/cleanups.ts';
import { testConfig } from './helpers/harness.ts';
import { mailInstitution, samplePdf } from './helpers/mail.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './helpers/pg-cluster.ts';

interface Sent {
  id: string;
  code: number;
  response: string;
}

/**
 * "Nothing acknowledged is ever lost": the database goes away while mail is being received. Every
 * message that got 250 must have its case once the database is back; every other one must have
 * been told to retry (4xx), and its retry must give exactly one case.
 */
describe('SMTP intake when the database stops', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  // Stopping the throwaway PostgreSQL cluster takes a while on a loaded machine.
  afterAll(() => runCleanups(cleanups), 180_000);

  function listen(c: Container): Promise<{ listener: SmtpListener; port: number }> {
    const listener = createSmtpListener({
      intake: c.intake,
      channelConfig: c.channelConfig,
      settings: { port: 0, host: '127.0.0.1', hostname: 'mx.civicline.test', tls: null, maxBytes: 5 * 1024 * 1024, allowSenders: [], denySenders: [] },
    });
    cleanups.push(() => listener.close());
    return listener.listen().then((port) => ({ listener, port }));
  }

  /** Sends each message on its own SMTP connection, all at once; `onAccepted` runs at each 250. */
  async function sendAll(port: number, to: string, ids: string[], onAccepted: (n: number) => void = () => {}, before: (index: number) => Promise<void> = async () => {}): Promise<Sent[]> {
    let accepted = 0;
    const pdf = samplePdf('Durabil');
    return Promise.all(
      ids.map(async (id, index) => {
        await before(index);
        // A retry resends the very same message: its content follows from its id. The text carries
        // the whole id, since two messages from one sender with one text are a duplicate, not two cases.
        const i = Number.parseInt(id.slice(1, 9), 16) % 100_000;
        const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 30_000, socketTimeout: 60_000 });
        try {
          const info = await client.sendMail({
            from: `Cetățean ${i} <cetatean.${i}@example.ro>`,
            to,
            subject: `Sesizare nr. ${i}: apă pe carosabil`,
            text: `Mesajul ${i} (${id}): pe strada Mare ${i} curge apă.`,
            messageId: id,
            attachments: [{ filename: `poza-${i}.pdf`, content: pdf, contentType: 'application/pdf' }],
          });
          accepted++;
          onAccepted(accepted);
          return { id, code: Number(info.response.slice(0, 3)), response: info.response };
        } catch (err) {
          const e = err as { responseCode?: number; response?: string; message: string };
          return { id, code: e.responseCode ?? 0, response: e.response ?? e.message };
        } finally {
          client.close();
        }
      }),
    );
  }

  async function inboundByExternalId(db: Database, tenantId: string, ids: string[]) {
    const { rows } = await db.query<{ external_id: string; outcome: string; case_id: string | null; registration_number: string | null }>(
      `SELECT m.external_id, m.outcome, m.case_id, c.registration_number
         FROM inbound_messages m LEFT JOIN cases c ON c.id = m.case_id
        WHERE m.tenant_id = $1 AND m.external_id = ANY($2)`,
      [tenantId, ids],
    );
    return rows;
  }

  async function checkAfterRestart(db: Database, tenantId: string, results: Sent[]) {
    // Every message answered 250 has its case; nothing was answered with a permanent error.
    expect(results.every((r) => r.code === 250 || (r.code >= 400 && r.code < 500)), JSON.stringify(results)).toBe(true);
    const accepted = results.filter((r) => r.code === 250).map((r) => r.id);
    const rows = await inboundByExternalId(db, tenantId, accepted);
    expect(rows).toHaveLength(accepted.length);
    for (const r of rows) expect(r).toMatchObject({ outcome: 'case_created', registration_number: expect.stringMatching(/^PET-\d{4}-\d{6}$/) });
  }

  async function checkExactlyOnce(db: Database, tenantId: string, ids: string[]) {
    const rows = await inboundByExternalId(db, tenantId, ids);
    expect(rows).toHaveLength(ids.length);
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(ids.length);
    const { rows: cases } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenantId]);
    expect(cases[0]!.n).toBe(ids.length);
    // Registration numbers stay unique and gapless through the outage.
    const { rows: numbers } = await db.query<{ n: string }>('SELECT registration_number AS n FROM cases WHERE tenant_id = $1 ORDER BY registration_number', [tenantId]);
    const seqs = numbers.map((r) => Number(r.n.split('-')[2]));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }

  const ids = (n: number) => Array.from({ length: n }, () => `<${randomUUID()}@client.example.test>`);

  // Both run whichever database the suite runs on: each brings the database it stops.
  it('PGlite closed under the listener: no 250 without its case; the retries make one case each', async () => {
    const testDb = inject('testDb');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-durable-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const config = testConfig();
    let database = await openPglite({ dataDir, ...(testDb.kind === 'pglite' ? { loadDataDir: new Blob([fs.readFileSync(testDb.dumpPath)]) } : {}) });
    if (testDb.kind !== 'pglite') await migrateDatabase(database);
    let c = createContainer(config, database, { logError: () => {} });
    await c.jobs.start({ work: false });
    const inst = await mailInstitution(c);
    const first = await listen(c);

    const messages = ids(24);
    let closing: Promise<void> | undefined;
    let closed!: () => void;
    // (Should fewer than 3 of the first half be answered, the second half goes after 20 s all the same.)
    const closeStarted = new Promise<void>((resolve) => {
      closed = resolve;
      setTimeout(resolve, 20_000).unref();
    });
    const results = await sendAll(
      first.port,
      inst.petitii,
      messages,
      (n) => {
        // Pull the database away while the other messages are still in flight.
        if (n === 3) {
          closing = database.close();
          closed();
        }
      },
      // Half of them are sent only once the database is going: intake can be quicker than the close.
      (index) => (index < 12 ? Promise.resolve() : closeStarted),
    );
    await closing;
    expect(results.filter((r) => r.code === 250).length).toBeGreaterThanOrEqual(3);
    expect(results.filter((r) => r.code === 451).length).toBeGreaterThan(0);
    await first.listener.close();
    await c.jobs.stop().catch(() => {});

    // The database is back (the same data directory, reopened).
    database = await openPglite({ dataDir });
    cleanups.push(() => database.close());
    c = createContainer(config, database, { logError: () => {} });
    await c.jobs.start({ work: false });
    cleanups.push(() => c.jobs.stop());
    await checkAfterRestart(database, inst.tenantId, results);

    // The senders retry what was not accepted: now every one is 250, and there is one case each.
    const second = await listen(c);
    const retried = await sendAll(second.port, inst.petitii, results.filter((r) => r.code !== 250).map((r) => r.id));
    expect(retried.map((r) => r.code)).toEqual(retried.map(() => 250));
    await checkExactlyOnce(database, inst.tenantId, messages);
  }, 120_000);

  it('PostgreSQL crashes (immediate stop) during intake: no 250 without its case; the retries make one case each', async () => {
    const cluster: ThrowawayCluster = await startThrowawayCluster();
    cleanups.push(() => cluster.destroy());
    const database = await openPostgres(cluster.url, 10);
    cleanups.push(() => database.close());
    await migrateDatabase(database, cluster.url);
    const c = createContainer(testConfig(), database, { logError: () => {} });
    await c.jobs.start({ work: false });
    cleanups.push(() => c.jobs.stop());
    const inst = await mailInstitution(c);
    const { port } = await listen(c);

    const messages = ids(40);
    let crashed = false;
    const results = await sendAll(port, inst.petitii, messages, (n) => {
      if (n === 5 && !crashed) {
        crashed = true;
        cluster.crash();
      }
    });
    expect(crashed).toBe(true);
    expect(results.filter((r) => r.code === 451).length).toBeGreaterThan(0);

    cluster.start();
    await checkAfterRestart(database, inst.tenantId, results);
    // The same running listener serves the retries once the database is back.
    const retried = await sendAll(port, inst.petitii, results.filter((r) => r.code !== 250).map((r) => r.id));
    expect(retried.map((r) => r.code)).toEqual(retried.map(() => 250));
    await checkExactlyOnce(database, inst.tenantId, messages);
  }, 180_000);
});
