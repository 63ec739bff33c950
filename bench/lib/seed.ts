/**
 * The benchmark's institution: created through the services like a real one, then filled with
 * many cases by set-based SQL (INSERT … SELECT generate_series), which takes seconds per million
 * rows instead of hours through the API.
 */
import { CreateCategoryRequest, CreateCitizenRequest, CreateRegisterRequest } from '@civicline/contracts';
import type pg from 'pg';
import type { Container } from '../../apps/server/src/container.ts';
import { searchableText } from '../../apps/server/src/modules/cases/index.ts';
import { systemContext } from '../../apps/server/src/platform/auth/context.ts';

export const TIME_ZONE = 'Europe/Bucharest';
export const REGISTER_FORMAT = 'PET-{year}-{seq:6}';
export const BASELINE_REGISTER_FORMAT = 'BASE-{year}-{seq:7}';
export const STAFF_PASSWORD = 'Bench-Password-2026!';
/** About this many cases a day: a large city hall. The seeded history spans cases / rate days. */
export const CASES_PER_DAY = 600;

export interface BenchInstitution {
  tenantId: string;
  tenantSlug: string;
  departmentId: string;
  registerId: string;
  baselineRegisterId: string;
  categoryId: string;
  citizenId: string;
  technicianId: string;
  supervisorId: string;
  operatorId: string;
  operatorEmail: string;
}

/**
 * Tenant, department, registers, category and staff, each through its service (audited like any
 * other). The category routes least-loaded by default, like a department sharing work.
 */
export async function createInstitution(c: Container, routing: 'least_loaded' | 'round_robin' | 'manual' = 'least_loaded'): Promise<BenchInstitution> {
  const tenant = await c.tenants.create({
    slug: `bench-${Date.now().toString(36)}`,
    name: 'Primăria Municipiului Bench',
    country: 'RO',
    timeZone: TIME_ZONE,
    defaultLanguage: 'ro',
    nationalIdScheme: 'ro_cnp',
  });
  const ctx = systemContext(tenant.id, 'bench');
  const department = await c.departments.create(ctx, {
    code: 'REG',
    name: { ro: 'Registratură și relații cu publicul', en: 'Registry and public relations' },
    parentId: null,
    email: null,
  });
  const register = await c.registers.create(ctx, CreateRegisterRequest.parse({ code: 'PET', name: { ro: 'Registrul de petiții', en: 'Petitions register' }, format: REGISTER_FORMAT }));
  const baselineRegister = await c.registers.create(
    ctx,
    CreateRegisterRequest.parse({ code: 'BASE', name: { en: 'Baseline rows of the benchmark' }, format: BASELINE_REGISTER_FORMAT }),
  );
  const staff = async (email: string, displayName: string, roles: ('technician' | 'supervisor' | 'operator')[], departmentIds: string[]) =>
    c.users.create(ctx, { email, displayName, roles, locale: 'ro', password: STAFF_PASSWORD, departmentIds });
  const technician = await staff('tehnician@bench.example', 'Ion Tehnician', ['technician'], [department.id]);
  const supervisor = await staff('sef.serviciu@bench.example', 'Maria Șef Serviciu', ['supervisor'], [department.id]);
  const operatorEmail = 'operator@bench.example';
  const operator = await staff(operatorEmail, 'Elena Operator', ['operator'], []);
  const category = await c.categories.create(
    ctx,
    CreateCategoryRequest.parse({
      code: 'PETITIE',
      group: 'petitii',
      name: { ro: 'Petiție (OG 27/2002)', en: 'Petition (OG 27/2002)' },
      fields: [
        {
          key: 'topic',
          type: 'select',
          label: { ro: 'Domeniu', en: 'Topic' },
          required: true,
          options: ['drumuri', 'iluminat', 'salubritate', 'spatii_verzi', 'transport'].map((v) => ({ value: v, label: { ro: v, en: v } })),
        },
        { key: 'street', type: 'text', label: { ro: 'Strada', en: 'Street' }, max: 200 },
      ],
      deadline: { unit: 'calendar_days', amount: 30, maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      departmentId: department.id,
      registerId: register.id,
      routing: { strategy: routing, supervisorIds: [supervisor.id] },
    }),
  );
  const citizen = await c.citizens.create(
    ctx,
    CreateCitizenRequest.parse({
      kind: 'person',
      firstName: 'Ana',
      lastName: 'Popescu',
      preferredLanguage: 'ro',
      phones: ['+40722123456'],
      emails: ['ana.popescu@example.ro'],
    }),
  );
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    departmentId: department.id,
    registerId: register.id,
    baselineRegisterId: baselineRegister.id,
    categoryId: category.id,
    citizenId: citizen.id,
    technicianId: technician.id,
    supervisorId: supervisor.id,
    operatorId: operator.id,
    operatorEmail,
  };
}

export interface SeedReport {
  cases: number;
  /** The registration numbers seeded per year: `PET-<year>-000001` … up to the count. */
  years: Record<string, number>;
  openCases: number;
  statuses: Record<string, number>;
  caseEvents: number;
  seconds: { dropIndexes: number; insertCases: number; insertTimeline: number; counters: number; workload: number; createIndexes: number; vacuumAnalyze: number; total: number };
  tableSizeMiB: { cases: number; caseEvents: number };
}

const SUBJECTS = [
  'Groapa in carosabil',
  'Iluminat public defect',
  'Gunoi neridicat de la ghena',
  'Copac cazut pe trotuar',
  'Parcare neregulamentara pe spatiul verde',
  'Capac de canal lipsa',
  'Semafor nefunctional',
  'Zgomot de la santier in timpul noptii',
  'Cerere de toaletare arbori',
  'Statie de autobuz deteriorata',
  'Trotuar degradat',
  'Solicitare marcaj pietonal',
];
const STREETS = ['Strada Lalelelor', 'Bulevardul Unirii', 'Calea Victoriei', 'Strada Morii', 'Aleea Teilor', 'Strada Garii', 'Soseaua Nordului', 'Strada Scolii'];
const TOPICS = ['drumuri', 'iluminat', 'salubritate', 'spatii_verzi', 'transport'];
const CHANNELS = ['web', 'web', 'web', 'email', 'email', 'phone', 'phone', 'post', 'walk_in', 'registry', 'sms', 'api', 'fax', 'chat'];

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/**
 * Inserts `n` registered cases spread over the last n / CASES_PER_DAY days, numbered per year in
 * order of registration and continuing the register's counters, with statuses by age (old cases
 * closed, recent ones in every open state), one timeline entry each, then sets the counters.
 * The secondary indexes of `cases` and `case_events` are dropped for the load and rebuilt from
 * their own definitions afterwards; foreign-key triggers are off for the load (the rows refer
 * only to the rows created above).
 */
export async function seedCases(client: pg.Client, inst: BenchInstitution, n: number): Promise<SeedReport> {
  const start = performance.now();
  const secs = { dropIndexes: 0, insertCases: 0, insertTimeline: 0, counters: 0, workload: 0, createIndexes: 0, vacuumAnalyze: 0, total: 0 };
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename IN ('cases', 'case_events')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
  );
  await client.query("SET maintenance_work_mem = '256MB'");
  await client.query("SET work_mem = '64MB'");
  secs.dropIndexes = await timed(async () => {
    for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);
  });

  const days = n / CASES_PER_DAY;
  const p = [inst.tenantId, inst.registerId, inst.categoryId, inst.departmentId, inst.technicianId, inst.supervisorId, inst.operatorId, n, days];
  await client.query('SET session_replication_role = replica');
  secs.insertCases = await timed(() =>
    client.query(
      `WITH g AS (
         SELECT i, ts, extract(year FROM ts AT TIME ZONE '${TIME_ZONE}')::int AS yr,
                extract(epoch FROM (now() - ts)) / 86400 AS age,
                (hashint8(i::bigint) & 2147483647) % 1000 AS r1,
                (hashint8(i::bigint + 1000000007) & 2147483647) % 1000 AS r2,
                (hashint8(i::bigint + 2000000014) & 2147483647) % 1000 AS r3
         FROM (SELECT i, now() - make_interval(secs => ($9::float8 * 86400) * ($8::int - i + 1) / $8::int) AS ts
               FROM generate_series(1, $8::int) AS i) s
       ),
       numbered AS (
         SELECT g.*, (row_number() OVER (PARTITION BY yr ORDER BY i))::int + COALESCE(rc.last_seq, 0) AS seq,
                CASE
                  WHEN age > 60 THEN
                    CASE WHEN r1 < 720 THEN 'closed' WHEN r1 < 820 THEN 'resolved' WHEN r1 < 900 THEN 'rejected' WHEN r1 < 950 THEN 'redirected' ELSE 'withdrawn' END
                  WHEN r1 < age / 60 * 800 THEN CASE WHEN r2 < 700 THEN 'closed' ELSE 'resolved' END
                  ELSE CASE WHEN r2 < 50 THEN 'registered' WHEN r2 < 250 THEN 'assigned' WHEN r2 < 700 THEN 'in_progress'
                            WHEN r2 < 820 THEN 'suspended' WHEN r2 < 950 THEN 'resolution_proposed' ELSE 'reopened' END
                END AS status
         FROM g LEFT JOIN register_counters rc ON rc.register_id = $2::uuid AND rc.year = g.yr
       ),
       shaped AS (
         SELECT n.*,
                'PET-' || yr || '-' || lpad(seq::text, 6, '0') AS reg_no,
                (${sqlArray(SUBJECTS)})[1 + r2 % ${SUBJECTS.length}] || ' - ' || (${sqlArray(STREETS)})[1 + r3 % ${STREETS.length}] || ' nr. ' || (1 + r1 % 180) AS subject,
                'Buna ziua, va sesizez ca problema persista de ' || (1 + r3 % 30) || ' zile in zona ' || (${sqlArray(STREETS)})[1 + r3 % ${STREETS.length}]
                  || '. Va rog sa luati masurile necesare si sa ma informati despre rezultat. Multumesc.' AS description,
                CASE WHEN status IN ('resolved', 'closed', 'rejected', 'redirected', 'withdrawn')
                     THEN least(now(), ts + make_interval(days => 3 + r3 % 27)) END AS closed
         FROM numbered n
       )
       INSERT INTO cases (tenant_id, registration_number, register_id, registration_year, registration_seq, category_id, status, channel,
                          citizen_id, subject, description, custom_fields, priority, department_id, assignee_id, registered_at,
                          clock_started_at, due_at, forward_due_at, suspended_since, suspension_reason, resolution, redirect, closed_at,
                          search_text, created_by, version, created_at, updated_at)
       SELECT $1::uuid, reg_no, $2::uuid, yr, seq, $3::uuid, status, (${sqlArray(CHANNELS)})[1 + r3 % ${CHANNELS.length}],
              NULL, subject, description,
              jsonb_build_object('topic', (${sqlArray(TOPICS)})[1 + r1 % ${TOPICS.length}], 'street', (${sqlArray(STREETS)})[1 + r3 % ${STREETS.length}]),
              CASE WHEN r3 < 50 THEN 'low' WHEN r3 < 850 THEN 'normal' WHEN r3 < 970 THEN 'high' ELSE 'urgent' END,
              $4::uuid, CASE WHEN status = 'registered' THEN NULL ELSE $5::uuid END, ts,
              ts, ts + interval '30 days', ts + interval '5 days',
              CASE WHEN status = 'suspended' THEN ts + (now() - ts) / 2 END,
              CASE WHEN status = 'suspended' THEN 'awaiting_citizen_documents' END,
              CASE WHEN status IN ('resolved', 'closed', 'resolution_proposed')
                   THEN jsonb_build_object('answer', 'Va comunicam ca echipa de interventie a remediat problema semnalata.', 'returnMethod', 'online',
                                           'proposedBy', $5::uuid::text, 'approvedBy', CASE WHEN status = 'resolution_proposed' THEN NULL ELSE $6::uuid::text END) END,
              CASE WHEN status = 'redirected' THEN jsonb_build_object('agency', jsonb_build_object('name', 'Prefectura'), 'reason', 'Nu este de competenta primariei') END,
              closed,
              btrim(regexp_replace(lower(reg_no || ' ' || subject || ' ' || description), '[^a-z0-9]+', ' ', 'g')), $7::uuid, 3 + r1 % 4, ts, COALESCE(closed, ts)
       FROM shaped`,
      p,
    ),
  );
  secs.insertTimeline = await timed(() =>
    client.query(
      `INSERT INTO case_events (tenant_id, case_id, type, actor_type, actor_id, from_status, to_status, visibility, data, occurred_at)
       SELECT tenant_id, id, 'status_changed', 'user', $2::text, 'draft', 'registered', 'citizen',
              jsonb_build_object('registrationNumber', registration_number, 'dueAt', due_at), registered_at
       FROM cases WHERE tenant_id = $1::uuid`,
      [inst.tenantId, inst.operatorId],
    ),
  );
  await client.query('SET session_replication_role = DEFAULT');
  secs.counters = await timed(() =>
    client.query(
      `INSERT INTO register_counters (tenant_id, register_id, year, last_seq)
       SELECT $1::uuid, $2::uuid, registration_year, max(registration_seq) FROM cases WHERE tenant_id = $1::uuid AND register_id = $2::uuid GROUP BY registration_year
       ON CONFLICT (register_id, year) DO UPDATE SET last_seq = EXCLUDED.last_seq`,
      [inst.tenantId, inst.registerId],
    ),
  );
  // The load ran without triggers, so each person's open cases and load (staff_workload, which
  // least-loaded routing reads) are counted here, as the trigger would have kept them.
  secs.workload = await timed(() =>
    client.query(
      `INSERT INTO staff_workload (tenant_id, user_id, open_cases, load)
       SELECT tenant_id, assignee_id, count(*)::int, sum(civicline_case_weight(status, priority))::int
       FROM cases WHERE tenant_id = $1::uuid AND assignee_id IS NOT NULL AND civicline_case_weight(status, priority) > 0
       GROUP BY tenant_id, assignee_id
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET open_cases = EXCLUDED.open_cases, load = EXCLUDED.load`,
      [inst.tenantId],
    ),
  );
  await checkSearchText(client, inst.tenantId);
  secs.createIndexes = await timed(async () => {
    for (const ix of indexes) await client.query(ix.def);
  });
  // A live database is vacuumed and analysed by autovacuum; after a bulk load it is done here.
  secs.vacuumAnalyze = await timed(async () => {
    await client.query('VACUUM ANALYZE cases');
    await client.query('VACUUM ANALYZE case_events');
    await client.query('ANALYZE');
    await client.query('CHECKPOINT');
  });
  await client.query('RESET maintenance_work_mem');
  await client.query('RESET work_mem');
  secs.total = (performance.now() - start) / 1000;

  const { rows: years } = await client.query<{ year: number; last_seq: number }>(
    'SELECT year, last_seq FROM register_counters WHERE register_id = $1 ORDER BY year',
    [inst.registerId],
  );
  const { rows: statuses } = await client.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM cases WHERE tenant_id = $1 GROUP BY status ORDER BY 2 DESC', [inst.tenantId]);
  const { rows: ev } = await client.query<{ n: string }>('SELECT count(*) AS n FROM case_events WHERE tenant_id = $1', [inst.tenantId]);
  const { rows: size } = await client.query<{ cases: string; events: string }>(
    "SELECT pg_total_relation_size('cases') AS cases, pg_total_relation_size('case_events') AS events",
  );
  const open = new Set(['registered', 'assigned', 'in_progress', 'suspended', 'resolution_proposed', 'reopened']);
  const statusCounts = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
  return {
    cases: n,
    years: Object.fromEntries(years.map((y) => [String(y.year), Number(y.last_seq)])),
    openCases: Object.entries(statusCounts).filter(([s]) => open.has(s)).reduce((a, [, v]) => a + v, 0),
    statuses: statusCounts,
    caseEvents: Number(ev[0]!.n),
    seconds: Object.fromEntries(Object.entries(secs).map(([k, v]) => [k, Math.round(v * 10) / 10])) as SeedReport['seconds'],
    tableSizeMiB: { cases: Math.round(Number(size[0]!.cases) / 1024 ** 2), caseEvents: Math.round(Number(size[0]!.events) / 1024 ** 2) },
  };
}

/**
 * The seed writes search_text in SQL (its texts are ASCII, where lower-case words of letters and
 * digits are all searchableText does); a sample is checked against searchableText itself, so the
 * seeded cases are found by number and words exactly like cases registered through the API.
 */
async function checkSearchText(client: pg.Client, tenantId: string): Promise<void> {
  const { rows } = await client.query<{ registration_number: string; subject: string; description: string; search_text: string }>(
    'SELECT registration_number, subject, description, search_text FROM cases WHERE tenant_id = $1 ORDER BY random() LIMIT 500',
    [tenantId],
  );
  for (const r of rows) {
    const expected = searchableText(r.registration_number, r.subject, r.description);
    if (r.search_text !== expected) throw new Error(`seeded search_text differs from searchableText: ${JSON.stringify(r.search_text)} vs ${JSON.stringify(expected)}`);
  }
}
