import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import type { Db } from '../../platform/db/client.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import type { AuditService } from '../audit/index.ts';
import type { MessagingService } from '../messaging/index.ts';
import type { RegisterService } from '../registers/index.ts';
import type { TenantService } from '../tenants/index.ts';
import type { StatusCheckApi } from './contract.ts';
import { createStatusActions } from './status-check.actions.ts';
import { createStatusAdminService } from './status-admin.service.ts';
import { createStatusCheckService, type StatusCheckSettings } from './status-check.service.ts';
import { statusCheckJobs } from './status-check.purge.ts';
import { createStatusRecordService } from './status-records.service.ts';
import { createSourceRegistry, type GuardSettings } from './sources/registry.ts';

export * from './contract.ts';
export { statusCheckRoutes } from './status-check.routes.ts';
export { statusPortalRoutes } from './status-portal.routes.ts';
export { EXTERNAL_KINDS, isExternalKind, type ExternalKind } from './records.ts';
export type { StatusCheckSettings } from './status-check.service.ts';
export type { GuardSettings } from './sources/registry.ts';
export { purgeStatusCheck, statusCheckJobs } from './status-check.purge.ts';

/** The whole module wired: the service channels use (StatusCheckApi), and the staff side. */
export function createStatusCheck(deps: {
  db: Db;
  /** Where the status turn's grouped statements run (Database.groupedDb); `db` if not given. */
  groupedDb?: Db;
  clock: Clock;
  audit: AuditService;
  cipher: PersonalDataCipher;
  messaging: MessagingService;
  registers: RegisterService;
  tenants: TenantService;
  events: EventOutbox;
  settings?: Partial<StatusCheckSettings>;
  connectors?: Partial<GuardSettings>;
  logError?: (err: unknown, msg: string) => void;
}) {
  const sources = createSourceRegistry({ db: deps.db, ...(deps.groupedDb ? { groupedDb: deps.groupedDb } : {}), cipher: deps.cipher, ...(deps.connectors ? { guard: deps.connectors } : {}), ...(deps.logError ? { logError: deps.logError } : {}) });
  const core = createStatusCheckService({ ...deps, sources });
  const actions = createStatusActions({ db: deps.db, clock: deps.clock, events: deps.events, messaging: deps.messaging, core });
  const api: StatusCheckApi = {
    entryPoint: core.entryPoint,
    identify: core.identify,
    check: core.check,
    verify: core.verify,
    sendCode: core.sendCode,
    verifyCode: core.verifyCode,
    recordConsent: core.recordConsent,
    answer: core.answer,
    ...actions,
  };
  const admin = createStatusAdminService({ db: deps.db, clock: deps.clock, audit: deps.audit, cipher: deps.cipher, sources, entryPoints: () => core.internals.entryPoints });
  const records = createStatusRecordService(deps);
  /** The chat entry point the portal's widget talks to (null: the institution has no chat). */
  const portalChatEntryPoint = (tenantId: string) => core.internals.entryPoints.portalChatEntryPoint(tenantId);
  const jobDefinitions = statusCheckJobs(deps.db, deps.clock, core.internals.settings.limits);
  return { ...api, citizenOf: core.citizenOf, portalChatEntryPoint, admin, records, jobDefinitions, close: () => sources.close() };
}

export type StatusCheck = ReturnType<typeof createStatusCheck>;
