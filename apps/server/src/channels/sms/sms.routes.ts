import type { Language } from '@civicline/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { TenantService } from '../../modules/tenants/index.ts';
import { validationFailed } from '../../platform/errors.ts';
import { findByContact } from '../../modules/citizens/index.ts';
import type { ChannelConfigService, IntakeOutcome } from '../../modules/intake/index.ts';
import { channelText } from './channel-text.ts';
import type { SmsChannel } from './sms.channel.ts';
import type { SmsAssistant } from '../assistant/sms-assistant.ts';
import { HMAC_SIGNATURE_HEADER, HMAC_TIMESTAMP_HEADER, verifyHmacSignature, verifyTwilioSignature } from './signatures.ts';
import { twilioProviderName } from './twilio.transport.ts';
import { twiml } from './twiml.ts';
import {
  acceptFormBodies,
  acceptRawJsonBodies,
  e164,
  formValue,
  parseForm,
  parseJsonBody,
  publicRequestUrl,
  signatureRefused,
  UUID_RE,
  WEBHOOK_RATE_LIMIT,
} from './webhook-http.ts';

export interface WebhookDeps {
  db: Db;
  tenants: TenantService;
  clock: Clock;
  channelConfig: ChannelConfigService;
  /** PUBLIC_URL as configured (undefined: the request's own scheme and host). */
  publicUrl: string | undefined;
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PUBLIC = { access: { public: true as const }, rateLimit: WEBHOOK_RATE_LIMIT };

/**
 * The verified tenant behind a Twilio request: found from one of our numbers (or the `tenant`
 * query of a status callback we asked for), then the signature checked with that institution's
 * auth token. Anything that cannot be verified is refused the same way, before anything is read.
 */
export async function verifiedTwilioAccount(deps: WebhookDeps, request: Parameters<typeof publicRequestUrl>[0], tenantId: string | undefined) {
  if (!tenantId) throw signatureRefused();
  const account = await deps.channelConfig.account(tenantId, 'twilio');
  const params = parseForm(request.body);
  if (!account?.secret || !verifyTwilioSignature(account.secret, publicRequestUrl(request, deps.publicUrl), params, header(request.headers['x-twilio-signature']))) throw signatureRefused();
  const sid = typeof account.settings.accountSid === 'string' ? account.settings.accountSid : undefined;
  const given = formValue(params, 'AccountSid');
  if (sid && given && given !== sid) throw signatureRefused();
  return { account: { ...account, tenantId }, params };
}

/** The verified tenant behind a generic JSON request, signed with that institution's account secret. */
export async function verifiedHmacAccount(deps: WebhookDeps, request: Parameters<typeof publicRequestUrl>[0], tenantId: string | undefined, provider: string) {
  if (!tenantId) throw signatureRefused();
  const account = await deps.channelConfig.account(tenantId, provider);
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const check = verifyHmacSignature(account?.secret ?? '', raw, { signature: header(request.headers[HMAC_SIGNATURE_HEADER]), timestamp: header(request.headers[HMAC_TIMESTAMP_HEADER]) }, deps.clock.now());
  if (!account || !check.ok) throw signatureRefused();
  return { ...account, tenantId };
}

/**
 * What the citizen is told on the channel itself. A new case's acknowledgement goes out through
 * messaging (with its registration number and deadline); a message added to an existing case
 * gets a one-line confirmation here, in the sender's language.
 */
async function replyTextFor(deps: Pick<WebhookDeps, 'db' | 'tenants'>, tenantId: string, phone: string, outcome: IntakeOutcome): Promise<string | null> {
  if ((outcome.outcome !== 'appended' && outcome.outcome !== 'duplicate') || !outcome.registrationNumber) return null;
  const tenant = await deps.tenants.byId(tenantId);
  const citizen = await findByContact(deps.db, tenantId, { phone });
  return channelText(citizen?.language ?? ((tenant?.defaultLanguage ?? 'en') as Language), 'appended', { institution: tenant?.name ?? '', number: outcome.registrationNumber });
}

const presentOutcome = (o: IntakeOutcome) => ({
  outcome: o.outcome,
  registrationNumber: 'registrationNumber' in o ? o.registrationNumber : null,
});

/** SMS in (Twilio and generic JSON) and delivery receipts back from carriers. */
export function smsWebhookRoutes(deps: WebhookDeps & { sms: SmsChannel; assistant?: SmsAssistant }): FastifyPluginAsync {
  const { channelConfig, sms } = deps;
  return async (app) => {
    // The SMPP sessions end with the web server (worker-only nodes stop them in main.ts).
    app.addHook('onClose', async () => sms.stop());
    // --- Twilio format ---
    await app.register(async (twilio) => {
      acceptFormBodies(twilio);

      twilio.post(
        '/webhooks/twilio/sms',
        { schema: { tags: ['webhooks'], summary: 'Incoming SMS in Twilio’s format (signed with X-Twilio-Signature); answers TwiML' }, config: PUBLIC },
        async (request, reply) => {
          const params = parseForm(request.body);
          const to = e164(formValue(params, 'To'));
          const line = to ? await channelConfig.resolveLine(to) : null;
          await verifiedTwilioAccount(deps, request, line?.tenantId);
          const sid = formValue(params, 'MessageSid') ?? formValue(params, 'SmsSid');
          const from = e164(formValue(params, 'From')) ?? formValue(params, 'From')?.trim();
          if (!sid || !from) throw validationFailed([...(sid ? [] : [{ path: 'MessageSid', message: 'Required' }]), ...(from ? [] : [{ path: 'From', message: 'Required' }])]);
          const media = Number(formValue(params, 'NumMedia') ?? 0);
          // `STATUS <number>` and the assistant's open SMS dialogs are answered by the assistant, not filed.
          const assistantReply = media === 0 ? await deps.assistant?.reply(line!, from, formValue(params, 'Body') ?? '') : null;
          if (assistantReply) return reply.type('text/xml; charset=utf-8').send(twiml([{ message: assistantReply }]));
          const outcome = await sms.receive(line!, {
            externalId: sid,
            from,
            // MMS media stay at the provider (their URLs are in the raw message); the text says so.
            text: `${formValue(params, 'Body') ?? ''}${media > 0 ? `\n[${media} MMS media]` : ''}`,
            receivedAt: deps.clock.now(),
            raw: { contentType: 'application/x-www-form-urlencoded', data: request.body as Buffer },
          });
          const text = await replyTextFor(deps, line!.tenantId, from, outcome);
          return reply.type('text/xml; charset=utf-8').send(twiml(text ? [{ message: text }] : []));
        },
      );

      twilio.post(
        '/webhooks/twilio/sms-status',
        { schema: { tags: ['webhooks'], summary: 'Twilio message status callback (delivery receipts of our SMS)' }, config: PUBLIC },
        async (request, reply) => {
          const tenant = (request.query as Record<string, unknown>).tenant;
          const { account, params } = await verifiedTwilioAccount(deps, request, typeof tenant === 'string' && UUID_RE.test(tenant) ? tenant : undefined);
          const sid = formValue(params, 'MessageSid') ?? formValue(params, 'SmsSid');
          const status = formValue(params, 'MessageStatus') ?? formValue(params, 'SmsStatus');
          if (!sid || !status) throw validationFailed([{ path: 'MessageStatus', message: 'Required' }]);
          const outcome = status === 'delivered' ? 'delivered' : status === 'failed' || status === 'undelivered' ? 'failed' : null;
          if (outcome) {
            const code = formValue(params, 'ErrorCode');
            await sms.recordReceipt(twilioProviderName(account.id), sid, outcome, outcome === 'failed' ? `carrier reported ${status}${code ? ` (Twilio error ${code})` : ''}` : null, 5000);
          }
          return reply.status(204).send();
        },
      );
    });

    // --- Generic JSON gateways ---
    await app.register(async (generic) => {
      acceptRawJsonBodies(generic);

      generic.post(
        '/webhooks/sms',
        {
          schema: {
            tags: ['webhooks'],
            summary: 'Incoming SMS from any gateway: JSON {id, from, to, text, receivedAt?}, signed X-CivicLine-Timestamp + X-CivicLine-Signature: sha256=HMAC(secret, "<timestamp>.<body>")',
          },
          config: PUBLIC,
        },
        async (request) => {
          const body = parseJsonBody(request.body);
          const to = e164(body.to);
          const line = to ? await channelConfig.resolveLine(to) : null;
          await verifiedHmacAccount(deps, request, line?.tenantId, 'sms_webhook');
          const errors = [
            ...(typeof body.id === 'string' && body.id.trim() && body.id.length <= 200 ? [] : [{ path: 'id', message: 'The gateway’s message id is required' }]),
            ...(e164(body.from) ? [] : [{ path: 'from', message: 'An E.164 number is required' }]),
            ...(typeof body.text === 'string' && body.text.length <= 10_000 ? [] : [{ path: 'text', message: 'Text is required (at most 10,000 characters)' }]),
            ...(body.receivedAt === undefined || (typeof body.receivedAt === 'string' && !Number.isNaN(Date.parse(body.receivedAt))) ? [] : [{ path: 'receivedAt', message: 'An ISO 8601 time' }]),
          ];
          if (errors.length > 0) throw validationFailed(errors);
          const from = e164(body.from)!;
          const assistantReply = await deps.assistant?.reply(line!, from, String(body.text));
          if (assistantReply) return { outcome: 'assistant' as const, registrationNumber: null, reply: assistantReply };
          const outcome = await sms.receive(line!, {
            externalId: String(body.id),
            from,
            text: String(body.text),
            receivedAt: typeof body.receivedAt === 'string' ? new Date(body.receivedAt) : deps.clock.now(),
            raw: { contentType: 'application/json', data: request.body as Buffer },
          });
          return { ...presentOutcome(outcome), reply: await replyTextFor(deps, line!.tenantId, from, outcome) };
        },
      );

      generic.post(
        '/webhooks/sms/status',
        { schema: { tags: ['webhooks'], summary: 'Delivery receipt from a generic gateway: JSON {id, status: delivered|failed, error?}, signed as above' }, config: PUBLIC },
        async (request, reply) => {
          const tenant = (request.query as Record<string, unknown>).tenant;
          const account = await verifiedHmacAccount(deps, request, typeof tenant === 'string' && UUID_RE.test(tenant) ? tenant : undefined, 'sms_webhook');
          const body = parseJsonBody(request.body);
          if (typeof body.id !== 'string' || !['delivered', 'failed'].includes(String(body.status))) {
            throw validationFailed([{ path: typeof body.id !== 'string' ? 'id' : 'status', message: 'id and status (delivered or failed) are required' }]);
          }
          await sms.recordReceipt(`${account.provider}:${account.id}`, body.id, body.status as 'delivered' | 'failed', typeof body.error === 'string' ? body.error.slice(0, 300) : null, 5000);
          return reply.status(204).send();
        },
      );
    });
  };
}
