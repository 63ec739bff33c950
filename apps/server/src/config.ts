import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is validated here; a bad one stops the
 * process at start-up with all the problems named at once.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ROLES = ['web', 'worker', 'smtp'] as const;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  CIVICLINE_DATA_DIR: z.string().min(1).default('./data'),
  CIVICLINE_ROLES: z
    .string()
    .default('web,worker,smtp')
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  CIVICLINE_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  CIVICLINE_DEMO_SEED: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  CIVICLINE_FILES_DIR: z.string().min(1).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  JOB_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  INTAKE_DUPLICATE_WINDOW_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  INTAKE_SMS_CONVERSATION_HOURS: z.coerce.number().min(0).max(24 * 30).default(72),
  STATUS_MAX_FAILURES: z.coerce.number().int().min(1).max(20).default(3),
  STATUS_LOCK_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  STATUS_FRAUD_IDENTIFIERS: z.coerce.number().int().min(2).max(1000).default(5),
  STATUS_FRAUD_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  STATUS_BLOCK_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  STATUS_LOOKUP_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1500),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  SMTP_HOSTNAME: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name').optional(),
  SMTP_TLS_CERT: z.string().min(1).refine((f) => fs.existsSync(f), 'no such file').optional(),
  SMTP_TLS_KEY: z.string().min(1).refine((f) => fs.existsSync(f), 'no such file').optional(),
  SMTP_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(30 * 1024 * 1024),
  SMTP_ALLOW_SENDERS: z.string().optional(),
  SMTP_DENY_SENDERS: z.string().optional(),
  SMTP_RELAY_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional(),
  SMTP_FROM: z.string().min(3).optional(),
  IMAP_POLL_SECONDS: z.coerce.number().min(1).max(24 * 3600).default(60),
});

export type Role = (typeof ROLES)[number];

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string | undefined;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  roles: Role[];
  masterKey: string | undefined;
  demoSeed: 'auto' | 'always' | 'never';
  logLevel: string;
  bodyLimitBytes: number;
  attachmentMaxBytes: number;
  /** Uploaded documents; several nodes on PostgreSQL must share it (a network file system). */
  filesDir: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  login: { maxFailures: number; lockoutMinutes: number };
  jobPollSeconds: number;
  /** Notification steps dispatched in one transaction, and messages claimed for delivery at once, per worker node. */
  jobBatchSize: number;
  /** Where citizens reach the portal (links in acknowledgements): PUBLIC_URL, else this host and port. */
  publicBaseUrl: string;
  /** Domain of our e-mail Message-IDs. */
  mailDomain: string;
  intake: { duplicateWindowHours: number; smsConversationHours: number };
  /** The status check: failures before a lock, its length, the fraud threshold, and each look-up's time budget. */
  statusCheck: { maxFailures: number; lockMinutes: number; fraudIdentifiers: number; fraudWindowMinutes: number; blockMinutes: number; lookupTimeoutMs: number };
  /** The SMTP listener (role `smtp`): where it listens, its TLS certificate, size limit and sender lists. */
  smtp: {
    port: number;
    host: string;
    /** Name in the greeting and in our Received: lines. */
    hostname: string;
    tls: { certFile: string; keyFile: string } | null;
    maxBytes: number;
    /** Addresses or domains (`@example.ro`, `example.ro`, `*.example.ro`); empty means everyone. */
    allowSenders: string[];
    denySenders: string[];
  };
  /** Outgoing e-mail: the default relay (a tenant's own `smtp` provider account wins) and sender. */
  mailOut: { relayUrl: string | undefined; from: string };
  imap: { pollSeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`),
    );
  }
  const e = parsed.data;
  if (Boolean(e.SMTP_TLS_CERT) !== Boolean(e.SMTP_TLS_KEY)) {
    throw new ConfigError([`${e.SMTP_TLS_CERT ? 'SMTP_TLS_KEY' : 'SMTP_TLS_CERT'}: STARTTLS needs both SMTP_TLS_CERT and SMTP_TLS_KEY`]);
  }
  const senderList = (v: string | undefined) => (v ?? '').split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
  const mailDomain = e.PUBLIC_URL ? new URL(e.PUBLIC_URL).hostname : 'civicline.localhost';
  const dataDir = path.resolve(e.CIVICLINE_DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    roles: [...new Set(e.CIVICLINE_ROLES)],
    masterKey: e.CIVICLINE_MASTER_KEY,
    demoSeed: e.CIVICLINE_DEMO_SEED,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    filesDir: path.resolve(e.CIVICLINE_FILES_DIR ?? path.join(dataDir, 'files')),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES },
    jobPollSeconds: e.JOB_POLL_SECONDS,
    jobBatchSize: e.JOB_BATCH_SIZE,
    publicBaseUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mailDomain,
    intake: { duplicateWindowHours: e.INTAKE_DUPLICATE_WINDOW_HOURS, smsConversationHours: e.INTAKE_SMS_CONVERSATION_HOURS },
    statusCheck: {
      maxFailures: e.STATUS_MAX_FAILURES,
      lockMinutes: e.STATUS_LOCK_MINUTES,
      fraudIdentifiers: e.STATUS_FRAUD_IDENTIFIERS,
      fraudWindowMinutes: e.STATUS_FRAUD_WINDOW_MINUTES,
      blockMinutes: e.STATUS_BLOCK_MINUTES,
      lookupTimeoutMs: e.STATUS_LOOKUP_TIMEOUT_MS,
    },
    smtp: {
      port: e.SMTP_PORT,
      host: e.SMTP_HOST,
      hostname: e.SMTP_HOSTNAME ?? mailDomain,
      tls: e.SMTP_TLS_CERT && e.SMTP_TLS_KEY ? { certFile: path.resolve(e.SMTP_TLS_CERT), keyFile: path.resolve(e.SMTP_TLS_KEY) } : null,
      maxBytes: e.SMTP_MAX_BYTES,
      allowSenders: senderList(e.SMTP_ALLOW_SENDERS),
      denySenders: senderList(e.SMTP_DENY_SENDERS),
    },
    mailOut: { relayUrl: e.SMTP_RELAY_URL, from: e.SMTP_FROM ?? `CivicLine <noreply@${mailDomain}>` },
    imap: { pollSeconds: e.IMAP_POLL_SECONDS },
  };
  return { ...config, ...overrides };
}
