import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.ts';
import type { Config, Role } from './config.ts';
import { createContainer, type Container } from './container.ts';
import { openPglite, openPostgres, type Database } from './platform/db/client.ts';
import { acquireDataDirLock } from './platform/db/lock.ts';
import { migrateDatabase } from './platform/db/migrate.ts';
import { loggerOptions } from './platform/logger.ts';
import { createSmtpListener, type SmtpListener } from './channels/email/index.ts';
import { DEMO_PASSWORD, existingDemoLogins, seedDemo, type DemoLogin } from './seed/demo.ts';

export interface OpenedDatabase {
  database: Database;
  close(): Promise<void>;
}

/** Opens the configured database; the embedded one is locked to this process first. */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.database.kind === 'postgres') {
    const database = await openPostgres(config.database.url, config.database.poolSize);
    return { database, close: () => database.close() };
  }
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const database = await openPglite({ dataDir: config.database.dataDir });
    return {
      database,
      async close() {
        await database.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

export async function migrateConfiguredDatabase(config: Config, database: Database): Promise<void> {
  await migrateDatabase(database, config.database.kind === 'postgres' ? config.database.url : undefined);
}

async function shouldSeedDemo(config: Config, container: Container): Promise<boolean> {
  if (config.demoSeed === 'never') return false;
  if (config.demoSeed === 'always') return true;
  // auto: the embedded database is seeded on its very first start only.
  return config.database.kind === 'pglite' && (await container.tenants.listAll()).length === 0;
}

export interface RunningNode {
  container: Container;
  app: FastifyInstance | undefined;
  url: string | undefined;
  /** The SMTP listener's address (role `smtp`). */
  smtp: { host: string; port: number } | undefined;
  demoLogins: DemoLogin[];
  stop(): Promise<void>;
}

/** Starts the asked-for roles in this process: `web` serves HTTP, `worker` runs jobs, `smtp` receives e-mail. */
export async function startNode(config: Config, roles: Role[] = config.roles): Promise<RunningNode> {
  const opened = await openConfiguredDatabase(config);
  let app: FastifyInstance | undefined;
  let container: Container | undefined;
  let smtpListener: SmtpListener | undefined;
  try {
    await migrateConfiguredDatabase(config, opened.database);
    let logError: (err: unknown, msg: string) => void = (err, msg) => console.error(msg, err);
    container = createContainer(config, opened.database, { logError: (err, msg) => logError(err, msg) });
    const demoLogins = (await shouldSeedDemo(config, container))
      ? await seedDemo(container)
      : await existingDemoLogins(container);
    await container.jobs.start({ work: roles.includes('worker') });

    let url: string | undefined;
    if (roles.includes('web')) {
      app = await buildApp(container);
      const log = app.log;
      logError = (err, msg) => log.error({ err }, msg);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = config.publicUrl ?? `http://localhost:${port}`;
    }
    let smtp: RunningNode['smtp'];
    if (roles.includes('smtp')) {
      const log = pino(loggerOptions(config.logLevel)).child({ role: 'smtp' });
      smtpListener = createSmtpListener({ intake: container.intake, channelConfig: container.channelConfig, settings: config.smtp, log });
      smtp = { host: config.smtp.host, port: await smtpListener.listen() };
    }
    if (roles.includes('worker')) container.imapPoller.start();
    // Worker nodes keep each institution's SMPP session bound, for incoming SMS and delivery receipts.
    if (roles.includes('worker')) await container.sms.startSmpp();
    const c = container;
    const listener = smtpListener;
    return {
      container: c,
      app,
      url,
      smtp,
      demoLogins,
      async stop() {
        c.imapPoller.stop();
        await c.sms.stop();
        c.calls.hub.stop();
        await listener?.close();
        await app?.close();
        await c.jobs.stop();
        await opened.close();
      },
    };
  } catch (err) {
    container?.imapPoller.stop();
    await container?.sms.stop().catch(() => {});
    await smtpListener?.close().catch(() => {});
    await app?.close().catch(() => {});
    await container?.jobs.stop().catch(() => {});
    await opened.close();
    throw err;
  }
}

export function startupBanner(node: RunningNode, roles: Role[], config: Config): string {
  const lines = [
    `CivicLine is running (${roles.join(' + ')}) on ${config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL'}`,
  ];
  if (node.url) lines.push(`  Web:      ${node.url}`, `  API docs: ${node.url}/api/docs`);
  if (node.smtp) lines.push(`  SMTP:     ${node.smtp.host}:${node.smtp.port}${config.smtp.tls ? ' (STARTTLS)' : ''}`);
  // Every acknowledgement, notification and receipt QR code carries this address to citizens.
  if (!config.publicUrl) lines.push('', `PUBLIC_URL is not set: links sent to citizens point at ${config.publicBaseUrl}. Set it to the address citizens reach this server by.`);
  if (node.demoLogins.length > 0) {
    lines.push('', `Demo staff logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of node.demoLogins) lines.push(`  ${l.tenant.padEnd(14)} ${l.email.padEnd(38)} ${l.roles.join(', ')}`);
  }
  return lines.join('\n');
}
