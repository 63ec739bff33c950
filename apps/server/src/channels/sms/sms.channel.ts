import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { providerAccounts } from '../../platform/db/schema/index.ts';
import type { ChannelConfigService, IntakeOutcome, IntakeService } from '../../modules/intake/index.ts';
import type { MessagingService, Transport } from '../../modules/messaging/index.ts';
import { httpWebhookTransport } from './http-webhook.transport.ts';
import { createSmppPool, type SmppAccount, type SmppInbound } from './smpp.client.ts';
import { twilioTransport } from './twilio.transport.ts';

/** Which SMS provider an institution's messages leave by, when several accounts are active. */
export const SMS_PROVIDER_ORDER = ['twilio', 'smpp', 'sms_webhook'] as const;

export type PhoneLineRoute = NonNullable<Awaited<ReturnType<ChannelConfigService['resolveLine']>>>;

export interface InboundSms {
  externalId: string;
  from: string;
  text: string;
  receivedAt: Date;
  raw: { contentType: string; data: Buffer };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The SMS channel: turns what carriers send into intake's neutral message, chooses the transport
 * an institution's SMS leave by, and brings delivery receipts back to messaging. It decides
 * nothing about cases.
 */
export function createSmsChannel(deps: {
  db: Db;
  channelConfig: ChannelConfigService;
  intake: () => IntakeService;
  messaging: () => MessagingService;
  /** Where providers reach us (PUBLIC_URL, else this host), for status callbacks. */
  publicBaseUrl: string;
  logError(err: unknown, msg: string): void;
}) {
  const { db, channelConfig } = deps;

  /** A carrier's SMS to one of our lines, handed to intake as it came. */
  function receive(line: PhoneLineRoute, sms: InboundSms): Promise<IntakeOutcome> {
    return deps.intake().receive({
      tenantId: line.tenantId,
      channel: 'sms',
      externalId: sms.externalId,
      receivedAt: sms.receivedAt,
      from: { phone: sms.from, language: line.language ?? undefined },
      to: line.number,
      text: sms.text,
      raw: sms.raw,
      route: { categoryId: line.sms ? line.categoryId : null, departmentId: line.departmentId },
    });
  }

  /**
   * A delivery receipt may overtake the send it reports on (the carrier answers before our own
   * write of its message id commits): try again for a while before giving up on it.
   */
  async function recordReceipt(provider: string, providerMessageId: string, outcome: 'delivered' | 'failed', error: string | null, waitMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      if (await deps.messaging().recordReceipt(provider, providerMessageId, outcome, error ?? undefined)) return true;
      if (Date.now() + delay > deadline) return false;
      await sleep(delay);
    }
  }

  const smpp = createSmppPool({
    onReceipt(provider, messageId, outcome, error) {
      recordReceipt(provider, messageId, outcome, error, 60_000)
        .then((known) => {
          if (!known) deps.logError(new Error(`no message ${messageId} from ${provider}`), 'SMPP delivery receipt for an unknown message');
        })
        .catch((err) => deps.logError(err, 'SMPP delivery receipt not recorded'));
    },
    async onInbound(m: SmppInbound) {
      const line = await channelConfig.resolveLine(m.to);
      // A number that is not this institution's line: acknowledged and dropped (it is not ours to keep).
      if (!line || line.tenantId !== m.tenantId) return;
      const externalId = `smpp:${m.accountId}:${hashOf(`${m.from}|${m.to}|${m.text}|${Math.floor(m.receivedAt.getTime() / 3_600_000)}`)}`;
      await receive(line, { externalId, from: m.from, text: m.text, receivedAt: m.receivedAt, raw: { contentType: 'application/json', data: Buffer.from(JSON.stringify(m.raw)) } });
    },
    logError: deps.logError,
  });

  const statusUrl = (path: string, tenantId: string) => `${deps.publicBaseUrl}/api/v1/webhooks/${path}?tenant=${encodeURIComponent(tenantId)}`;

  /** The transport an institution's SMS leave by, or null when it has no SMS provider account. */
  async function smsTransport(tenantId: string): Promise<Transport | null> {
    for (const provider of SMS_PROVIDER_ORDER) {
      const account = await channelConfig.account(tenantId, provider);
      if (!account) continue;
      if (provider === 'twilio') return twilioTransport({ ...account, tenantId }, { statusCallbackUrl: statusUrl('twilio/sms-status', tenantId) });
      if (provider === 'smpp') return smpp.transport({ ...account, tenantId });
      return httpWebhookTransport(account, { statusCallbackUrl: statusUrl('sms/status', tenantId) });
    }
    return null;
  }

  /** Generic outgoing webhooks (channel `webhook`): the institution's `webhook` account. */
  async function webhookTransport(tenantId: string): Promise<Transport | null> {
    const account = await channelConfig.account(tenantId, 'webhook');
    return account ? httpWebhookTransport(account, { statusCallbackUrl: null }) : null;
  }

  /** Every active SMPP account, with its password (worker nodes keep a session open for each). */
  async function smppAccounts(): Promise<SmppAccount[]> {
    const tenants = await db
      .selectDistinct({ tenantId: providerAccounts.tenantId })
      .from(providerAccounts)
      .where(and(eq(providerAccounts.provider, 'smpp'), eq(providerAccounts.active, true)));
    const out: SmppAccount[] = [];
    for (const { tenantId } of tenants) {
      const a = await channelConfig.account(tenantId, 'smpp');
      if (a) out.push({ ...a, tenantId });
    }
    return out;
  }

  let refresher: NodeJS.Timeout | null = null;

  return {
    receive,
    recordReceipt,
    smsTransport,
    webhookTransport,
    smpp,
    /** Worker nodes: bind every SMPP account now (incoming messages and receipts), and follow changes. */
    async startSmpp(refreshSeconds = 60): Promise<void> {
      await smpp.keep(await smppAccounts());
      refresher ??= setInterval(() => {
        smppAccounts()
          .then((accounts) => smpp.keep(accounts))
          .catch((err) => deps.logError(err, 'SMPP account refresh failed'));
      }, refreshSeconds * 1000);
      refresher.unref();
    },
    async stop(): Promise<void> {
      if (refresher) clearInterval(refresher);
      refresher = null;
      await smpp.close();
    },
  };
}

function hashOf(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}

export type SmsChannel = ReturnType<typeof createSmsChannel>;
