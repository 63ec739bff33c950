import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Role, Tenant } from '@civicline/contracts';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createContainer, type Container } from '../../src/container.ts';
import { systemContext } from '../../src/platform/auth/context.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/client.ts';
import type { TransportResolver } from '../../src/modules/messaging/index.ts';

export const TEST_PASSWORD = 'Test-Password-2026';

/** A database migrated by the global setup: a PGlite clone, or the run's PostgreSQL database. */
export async function openTestDatabase(): Promise<Database> {
  const testDb = inject('testDb');
  if (testDb.kind === 'postgres') return openPostgres(testDb.url, 5);
  return openPglite({ loadDataDir: new Blob([fs.readFileSync(testDb.dumpPath)]) });
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-cfg-'));
  // Our own look-ups get 10 s instead of 1.5 s: on a CI machine running test files side by side, a
  // case read can take longer than the production budget, and the answer would be "cannot check
  // right now" instead of the one a test expects. The tests of slow sources set their connector's own.
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CIVICLINE_DATA_DIR: dataDir, JOB_POLL_SECONDS: '0.5', STATUS_LOOKUP_TIMEOUT_MS: '10000' }, overrides);
}

export interface TestContext {
  database: Database;
  c: Container;
  app: Awaited<ReturnType<typeof buildApp>>;
  close(): Promise<void>;
}

/** The real application on a real database, driven with app.inject(). */
export async function createTestApp(
  opts: {
    clock?: Clock;
    config?: Partial<Config>;
    database?: Database;
    /** Extra routes a test needs, added before the app is sealed. */
    extraRoutes?: (app: TestContext['app']) => void;
    /** How messages leave (a test's own carrier); default: the configured transports, else the development sink. */
    resolveTransport?: TransportResolver;
    /** false: the test registers jobs of its own first, then starts the queue itself. */
    startJobs?: boolean;
  } = {},
): Promise<TestContext> {
  const database = opts.database ?? (await openTestDatabase());
  const c = createContainer(testConfig(opts.config), database, {
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.resolveTransport ? { resolveTransport: opts.resolveTransport } : {}),
    logError: () => {},
  });
  const app = await buildApp(c, { logger: false });
  opts.extraRoutes?.(app);
  await app.ready();
  // As on a web node: jobs can be enqueued (registrations notify), none run unless a test starts work.
  if (opts.startJobs !== false) await c.jobs.start({ work: false });
  return {
    database,
    c,
    app,
    async close() {
      await app.close();
      await c.jobs.stop();
      await database.close();
    },
  };
}

/** A fresh institution with a unique slug, so test files never see each other's data. */
export async function createTenant(c: Container, overrides: Partial<Tenant> = {}): Promise<Tenant> {
  return c.tenants.create({
    slug: `t-${randomUUID().slice(0, 12)}`,
    name: 'Test City Hall',
    country: 'RO',
    timeZone: 'Europe/Bucharest',
    defaultLanguage: 'ro',
    nationalIdScheme: 'ro_cnp',
    ...overrides,
  });
}

export async function createStaff(
  c: Container,
  tenantId: string,
  roles: Role[],
  opts: { email?: string; departmentIds?: string[] } = {},
) {
  const email = opts.email ?? `${roles.join('-')}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await c.users.create(systemContext(tenantId, 'test'), {
    email,
    displayName: `Test ${roles.join('/')}`,
    roles,
    locale: 'en',
    password: TEST_PASSWORD,
    departmentIds: opts.departmentIds ?? [],
  });
  return { user, email, password: TEST_PASSWORD };
}

/** Signs in through the real endpoint and returns the session cookie header. */
export async function login(app: TestContext['app'], email: string, password = TEST_PASSWORD, tenant?: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, ...(tenant ? { tenant } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((k) => k.name === 'civicline_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `civicline_session=${cookie.value}`, me: res.json().user as { id: string; tenantId: string } };
}
