/**
 * Prepares a fresh embedded database for the browser tests, before the server starts on it (the
 * embedded database admits one process at a time): migrations, the demo institutions, and, if
 * asked, copies of the demo city hall's cases until it holds `E2E_CASES` cases, for the inbox's
 * 10,000-row measurement. The copies are written with one SQL statement (the demo seed's own way
 * of writing thousands of cases); everything the tests do afterwards goes through the real API.
 *
 *   tsx e2e/harness/prepare.ts   (CIVICLINE_DATA_DIR and E2E_CASES from the environment)
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createContainer } from '../../apps/server/src/container.ts';
import { migrateConfiguredDatabase, openConfiguredDatabase } from '../../apps/server/src/main.ts';
import { seedDemo } from '../../apps/server/src/seed/demo.ts';

const TENANT = 'primaria-demo';

async function main() {
  const config = loadConfig({ ...process.env, CIVICLINE_DEMO_SEED: 'never', LOG_LEVEL: 'silent' });
  const opened = await openConfiguredDatabase(config);
  try {
    await migrateConfiguredDatabase(config, opened.database);
    const c = createContainer(config, opened.database, { logError: (err, msg) => console.error(msg, err) });
    try {
      await seedDemo(c);
      const wanted = Number(process.env.E2E_CASES ?? 0);
      const tenant = await c.tenants.bySlug(TENANT);
      if (!tenant) throw new Error(`demo seed made no ${TENANT}`);
      const count = async () => Number(((await c.db.execute(sql`SELECT count(*)::int AS n FROM cases WHERE tenant_id = ${tenant.id}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
      const have = await count();
      if (wanted > have) {
        const copies = Math.ceil(wanted / have) - 1;
        // Each copy: a new id, its own number and sequence, a little older than the original.
        await c.db.execute(sql`
          INSERT INTO cases
          SELECT (jsonb_populate_record(NULL::cases, to_jsonb(x) || jsonb_build_object(
            'id', gen_random_uuid(),
            'registration_number', CASE WHEN x.registration_number IS NULL THEN NULL ELSE x.registration_number || '-C' || g END,
            'registration_seq', CASE WHEN x.registration_seq IS NULL THEN NULL ELSE x.registration_seq + 1000000 * g END,
            'created_at', x.created_at - make_interval(mins => g)
          ))).*
          FROM cases x CROSS JOIN generate_series(1, ${copies}) g
          WHERE x.tenant_id = ${tenant.id}`);
        await c.db.execute(sql`DELETE FROM cases WHERE id IN (
          SELECT id FROM cases WHERE tenant_id = ${tenant.id} AND registration_number LIKE '%-C%' ORDER BY created_at ASC LIMIT GREATEST(0, (SELECT count(*) FROM cases WHERE tenant_id = ${tenant.id}) - ${wanted}))`);
      }
      console.log(JSON.stringify({ tenant: TENANT, cases: await count() }));
    } finally {
      await c.jobs.stop();
    }
  } finally {
    await opened.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
