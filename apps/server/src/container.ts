import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db/client.ts';
import { createEventOutbox } from './platform/events/outbox.ts';
import { createJobQueue } from './platform/jobs/queue.ts';
import { createAuditService } from './modules/audit/index.ts';
import { createAuthService, createUserService } from './modules/identity/index.ts';
import { createDepartmentService } from './modules/organisation/index.ts';
import { createTenantService } from './modules/tenants/index.ts';
import { caseJobs, createCaseCountsService, createCaseService } from './modules/cases/index.ts';
import { createCategoryService } from './modules/categories/index.ts';
import { createCitizenService } from './modules/citizens/index.ts';
import { createRegisterService } from './modules/registers/index.ts';
import { createRoutingService } from './modules/routing/index.ts';
import { createSlaService } from './modules/sla/index.ts';
import { loadMasterKey } from './platform/crypto/master-key.ts';
import { createPersonalDataCipher } from './platform/crypto/personal-data.ts';
import { createLocalFileStorage } from './platform/storage/file-storage.ts';
import { createAttachmentService } from './modules/attachments/index.ts';
import { createChannelConfigService, createIntakeService } from './modules/intake/index.ts';
import { createPortalService } from './modules/portal/index.ts';
import { createRegistryService } from './channels/registry/index.ts';
import { createCitizenMessagesService, createMessageLogService, createMessagingService, type TransportResolver } from './modules/messaging/index.ts';
import { createTransportResolver } from './channels/transports.ts';
import { createSmsChannel } from './channels/sms/index.ts';
import { createCallHub, createCallService } from './channels/voice/index.ts';
import { createImapPoller } from './channels/email/index.ts';
import { createAssistantService } from './modules/assistant/index.ts';
import { createSmsAssistant } from './channels/assistant/index.ts';
import { createStatusCheck } from './modules/status-check/index.ts';
import { createCaseServicesService } from './modules/case-services/index.ts';
import { createCitizenAccessService, createNotificationAdminService, createNotificationService } from './modules/notifications/index.ts';

export interface ContainerOptions {
  clock?: Clock;
  /** Chooses how messages leave; the default uses each channel's configured transport (channels/transports.ts), else the development sink. */
  resolveTransport?: TransportResolver;
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
  const cipher = createPersonalDataCipher(
    loadMasterKey({
      ...(config.masterKey ? { configuredKey: config.masterKey } : {}),
      ...(config.database.kind === 'pglite' ? { embeddedDataDir: config.dataDir } : {}),
    }),
  );
  const sla = createSlaService({ db, clock, audit });
  const registers = createRegisterService({ db, audit });
  const categories = createCategoryService({ db, audit });
  const routing = createRoutingService({ db, audit });
  const citizens = createCitizenService({ db, audit, events, cipher });
  const cases = createCaseService({ db, clock, audit, events, registers, routing, sla });
  for (const job of caseJobs(cases)) jobs.register(job);
  const caseCounts = createCaseCountsService({ db, clock });
  const storage = createLocalFileStorage(config.filesDir);
  const attachments = createAttachmentService({ db, clock, audit, events, cases, storage, maxBytes: config.attachmentMaxBytes });
  const channelConfig = createChannelConfigService({ db, audit, cipher });
  // SMS by Twilio, SMPP or a gateway; it reaches intake and messaging (made below) only when used.
  const sms = createSmsChannel({ db, channelConfig, intake: () => intake, messaging: () => messaging, publicBaseUrl: config.publicBaseUrl, logError });
  const messaging = createMessagingService({
    db,
    clock,
    jobs,
    resolveTransport: opts.resolveTransport ?? createTransportResolver({ config, channelConfig, sms }),
    emailDomain: config.mailDomain,
    batchSize: config.jobBatchSize,
  });
  for (const job of messaging.jobDefinitions) jobs.register(job);
  const messageLog = createMessageLogService({ db, audit, cases, messaging });
  const citizenMessages = createCitizenMessagesService({ db, audit });
  const intake = createIntakeService({
    db,
    audit,
    caseService: cases,
    registers,
    tenants,
    attachments,
    messaging,
    storage,
    settings: { duplicateWindowHours: config.intake.duplicateWindowHours, smsConversationHours: config.intake.smsConversationHours, publicUrl: config.publicBaseUrl, maxAttachmentBytes: config.attachmentMaxBytes },
  });
  const imapPoller = createImapPoller({ db, jobs, channelConfig, intake, pollSeconds: config.imap.pollSeconds, log: { info() {}, warn: (o, m) => logError(o, m), error: (o, m) => logError(o, m) } });
  for (const job of imapPoller.jobDefinitions) jobs.register(job);
  // The screen-pop shows what the voice assistant collected (the assistant is made below; asked only per call).
  const calls = createCallService({
    db,
    clock,
    intake,
    audit,
    citizens,
    cases,
    hub: createCallHub({ db, logError }),
    logError,
    assistantHandover: (tenantId, key) => assistant.handoverOf(tenantId, key),
    assistantConversation: (tenantId, key) => assistant.conversationOf(tenantId, 'voice', key),
  });
  // The portal's chat widget learns its entry point from the status check (made below; asked per request).
  const portal = createPortalService({ db, clock, audit, cipher, storage, attachments, categories, caseService: cases, intake, chatEntryPoint: (tenantId) => statusCheck.portalChatEntryPoint(tenantId) });
  const caseServices = createCaseServicesService({ db, clock, audit, events, cases });
  // Notifications follow committed events (the outbox) and fall back when an SMS fails (messaging).
  const notifications = createNotificationService({ db, clock, events, messaging, publicBaseUrl: config.publicBaseUrl, batchSize: config.jobBatchSize });
  notifications.subscribe();
  for (const job of notifications.jobDefinitions(`${config.publicBaseUrl}/console`)) jobs.register(job);
  const notificationAdmin = createNotificationAdminService({ db, clock, audit, cases, publicBaseUrl: config.publicBaseUrl });
  const citizenAccess = createCitizenAccessService({ db, clock, audit, messaging, cipher });
  const registry = createRegistryService({ db, clock, audit, intake, cases, citizens, tenants, settings: { publicBaseUrl: config.publicBaseUrl } });
  const { lookupTimeoutMs, ...limits } = config.statusCheck;
  const statusCheck = createStatusCheck({ db, groupedDb: database.groupedDb, clock, audit, cipher, messaging, registers, tenants, events, logError, settings: { limits }, connectors: { defaultTimeoutMs: lookupTimeoutMs } });
  for (const job of statusCheck.jobDefinitions) jobs.register(job);
  // The assistant (voice, SMS, chat) asks the status-check service everything it discloses.
  const assistant = createAssistantService({ db, clock, statusCheck, registers, cipher });
  const smsAssistant = createSmsAssistant({ assistant, intake, now: () => clock.now(), logError });

  return {
    config,
    clock,
    database,
    db,
    jobs,
    events,
    audit,
    auth,
    users,
    departments,
    tenants,
    cipher,
    sla,
    registers,
    categories,
    routing,
    citizens,
    cases,
    caseCounts,
    storage,
    attachments,
    channelConfig,
    messaging,
    messageLog,
    citizenMessages,
    intake,
    imapPoller,
    sms,
    calls,
    registry,
    portal,
    statusCheck,
    assistant,
    smsAssistant,
    caseServices,
    notifications,
    notificationAdmin,
    citizenAccess,
  };
}

export type Container = ReturnType<typeof createContainer>;
