import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db/client.ts';
import { createEventOutbox } from './platform/events/outbox.ts';
import { createJobQueue } from './platform/jobs/queue.ts';
import { createAuditService } from './modules/audit/index.ts';
import { createAuthService, createUserService } from './modules/identity/index.ts';
import { createDepartmentService } from './modules/organisation/index.ts';
import { createTenantService } from './modules/tenants/index.ts';

export interface ContainerOptions {
  clock?: Clock;
  logError?: (err: unknown, msg: string) => void;
}

/** Wires the database, services and adapters once. No DI framework: plain functions and objects. */
export function createContainer(config: Config, database: Database, opts: ContainerOptions = {}) {
  const clock = opts.clock ?? systemClock;
  const db = database.db;
  const logError = opts.logError ?? ((err, msg) => console.error(msg, err));
  const jobs = createJobQueue(database, { pollSeconds: config.jobPollSeconds, logError });
  const events = createEventOutbox({ jobs, clock });
  const audit = createAuditService({ db, clock });
  const auth = createAuthService({
    db,
    clock,
    audit,
    settings: {
      sessionTtlHours: config.sessionTtlHours,
      maxFailures: config.login.maxFailures,
      lockoutMinutes: config.login.lockoutMinutes,
    },
  });
  const users = createUserService({ db, clock, audit, events });
  const departments = createDepartmentService({ db, audit });
  const tenants = createTenantService({ db, audit });

  return { config, clock, database, db, jobs, events, audit, auth, users, departments, tenants };
}

export type Container = ReturnType<typeof createContainer>;
