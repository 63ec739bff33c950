import { randomUUID } from 'node:crypto';
import { LANGUAGES, type Language } from '@civicline/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, validationFailed } from '../../platform/errors.ts';
import { assistantText, type AssistantService, type TurnInput, type TurnResult } from '../../modules/assistant/index.ts';
import { principalOf } from '../../modules/identity/index.ts';
import type { TenantService } from '../../modules/tenants/index.ts';
import type { PhoneLineRoute } from '../sms/sms.channel.ts';
import type { WebhookDeps } from '../sms/sms.routes.ts';
import { acceptFormBodies, acceptRawJsonBodies, e164, formValue, parseJsonBody, signatureRefused, WEBHOOK_RATE_LIMIT } from '../sms/webhook-http.ts';
import type { CallService } from '../voice/call.service.ts';
import { transferTarget, verifiedTwilioCall } from '../voice/voice.routes.ts';
import { JAMBONZ_SIGNATURE_HEADER, verifyJambonzSignature } from './jambonz-signature.ts';
import { jambonzTurn, twimlTurn } from './render.ts';

const PUBLIC = { access: { public: true as const }, rateLimit: WEBHOOK_RATE_LIMIT };
export const TWILIO_ASSISTANT_PATH = '/api/v1/webhooks/twilio/assistant';
export const JAMBONZ_ASSISTANT_PATH = '/api/v1/webhooks/jambonz/assistant';

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The assistant on the phone: Twilio (TwiML) and jambonz (JSON verbs) webhooks, each turn verified
 * with the institution's signature before anything is read, handed to the dialog engine, and its
 * answer rendered in the provider's format. A call the assistant puts through is recorded like
 * any incoming call, so the operator's console pops it; the conversation's handover is beside it.
 */
export function assistantVoiceRoutes(deps: WebhookDeps & { assistant: AssistantService; calls: CallService }): FastifyPluginAsync {
  const { channelConfig, assistant, calls } = deps;

  async function handOver(line: PhoneLineRoute, provider: string, callSid: string, caller: string | null, turn: TurnResult, raw: { contentType: string; data: Buffer }) {
    if (turn.next !== 'transfer') return;
    // The operator's console learns of the call (screen-pop, draft in the caller's name) as it is put through.
    await calls.incoming({ tenantId: line.tenantId, provider, externalId: callSid, callerNumber: caller, line, providerStatus: 'in-progress', raw });
  }

  /** The institution's language if the database still answers; English otherwise. */
  async function lineLanguage(tenantId: string): Promise<Language> {
    const t = await deps.tenants.byId(tenantId).catch(() => undefined);
    return t && (LANGUAGES as readonly string[]).includes(t.defaultLanguage) ? (t.defaultLanguage as Language) : 'en';
  }

  /**
   * A turn that cannot be served (the database is down, a racing retry of the same turn) still
   * leaves the caller with a person: the call is put through, never dropped with an error.
   */
  async function voiceTurn(log: { error(o: unknown, m: string): void }, line: PhoneLineRoute, input: TurnInput): Promise<TurnResult> {
    // A line whose voice is switched off takes no calls, as on the caller-ID webhook.
    if (!line.voice) {
      const language = await lineLanguage(line.tenantId);
      return { conversationId: '', language, messages: [assistantText(language, 'noOperator')], next: 'end', handover: null };
    }
    try {
      return await assistant.turn(input);
    } catch (err) {
      log.error({ err }, 'assistant turn failed; putting the call through');
      const language = await lineLanguage(line.tenantId);
      return { conversationId: '', language, messages: [assistantText(language, 'transfer')], next: 'transfer', handover: null };
    }
  }

  return async (app) => {
    await app.register(async (twilio) => {
      acceptFormBodies(twilio);
      twilio.post(
        '/webhooks/twilio/assistant',
        { schema: { tags: ['webhooks'], summary: 'The voice assistant in Twilio’s format (signed): each call turn (SpeechResult or Digits) answered with TwiML — <Gather input="speech dtmf">, <Say>, on transfer <Enqueue> to the line’s queue or <Dial>' }, config: PUBLIC },
        async (request, reply) => {
          const { params, line, account, sid } = await verifiedTwilioCall(deps, request);
          const caller = e164(formValue(params, 'From') ?? formValue(params, 'Caller'));
          const text = (formValue(params, 'SpeechResult') ?? formValue(params, 'Digits') ?? '').slice(0, 1000);
          const turn = await voiceTurn(request.log, line, { tenantId: line.tenantId, channel: 'voice', entryPointId: line.id, externalKey: `twilio:${sid}`, callerKey: caller ?? `withheld:${sid}`, text });
          await handOver(line, 'twilio', sid, caller, turn, { contentType: 'application/x-www-form-urlencoded', data: request.body as Buffer }).catch((err) => request.log.error({ err }, 'handover not recorded'));
          const closedText = assistantText(turn.language, 'noOperator');
          return reply.type('text/xml; charset=utf-8').send(twimlTurn(turn, { actionUrl: TWILIO_ASSISTANT_PATH, transfer: line.voice ? transferTarget(account.settings, line) : null, closedText }));
        },
      );
    });

    await app.register(async (jambonz) => {
      acceptRawJsonBodies(jambonz);
      jambonz.post(
        '/webhooks/jambonz/assistant',
        {
          schema: {
            tags: ['webhooks'],
            summary: 'The voice assistant for jambonz (self-hosted PBX): the call and each gather result as JSON, signed with Jambonz-Signature (t=…,v1=HMAC-SHA256 with the institution’s `webhook` account secret); answers jambonz verbs (gather, say, enqueue or dial, hangup)',
          },
          config: PUBLIC,
        },
        async (request) => {
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          // The line is read from the unverified body only to find whose secret to check it with.
          let peek: Record<string, unknown> = {};
          try {
            peek = parseJsonBody(raw);
          } catch {
            throw signatureRefused();
          }
          const to = e164(peek.to);
          const line = to ? await channelConfig.resolveLine(to) : null;
          const account = line ? await channelConfig.account(line.tenantId, 'webhook') : null;
          if (!line || !account?.secret || !verifyJambonzSignature(account.secret, raw, header(request.headers[JAMBONZ_SIGNATURE_HEADER]), deps.clock.now())) throw signatureRefused();
          const body = JambonzHook.safeParse(peek);
          if (!body.success) throw validationFailed(body.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })));
          const hook = body.data;
          const caller = e164(hook.from ?? undefined);
          const text = (hook.speech?.alternatives?.[0]?.transcript ?? hook.digits ?? '').slice(0, 1000);
          const turn = await voiceTurn(request.log, line, { tenantId: line.tenantId, channel: 'voice', entryPointId: line.id, externalKey: `jambonz:${hook.call_sid}`, callerKey: caller ?? `withheld:${hook.call_sid}`, text });
          await handOver(line, 'jambonz', hook.call_sid, caller, turn, { contentType: 'application/json', data: raw }).catch((err) => request.log.error({ err }, 'handover not recorded'));
          const closedText = assistantText(turn.language, 'noOperator');
          return jambonzTurn(turn, { actionHook: JAMBONZ_ASSISTANT_PATH, transfer: line.voice ? transferTarget(account.settings, line) : null, closedText });
        },
      );
    });
  };
}

/** What jambonz posts: the call webhook and each gather's action hook (only the fields we read). */
const JambonzHook = z.object({
  call_sid: z.string().min(1).max(200),
  from: z.string().max(100).nullish(),
  to: z.string().max(100),
  speech: z.object({ alternatives: z.array(z.object({ transcript: z.string().max(2000) })).max(10).optional() }).nullish(),
  digits: z.string().max(64).nullish(),
  reason: z.string().max(100).nullish(),
});

const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });
const ChatBody = z.object({
  /** The chat entry point (status entry point) the widget belongs to. */
  entryPointId: z.uuid(),
  /** The conversation's handle the server gave on the first turn; absent to start one. */
  sessionId: z.uuid().optional(),
  text: z.string().max(500),
  language: z.enum(LANGUAGES).optional(),
});
const ChatReply = z.object({
  sessionId: z.uuid(),
  language: z.enum(LANGUAGES),
  messages: z.array(z.string()),
  next: z.enum(['listen', 'end', 'transfer']),
});

/** The web chat: a JSON API for the portal's widget, one engine turn per message. */
export function assistantChatRoutes(deps: { assistant: AssistantService; tenants: TenantService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/institutions/:slug/assistant/chat',
      {
        schema: { tags: ['portal'], summary: 'One message to the assistant (status of a request, the verification it needs, offers); the first message starts a session', params: SlugParams, body: ChatBody, response: { 200: ChatReply } },
        // Per address: a town hall's public terminal or an office behind one address serves several people; the
        // status-check service's locks and fraud blocks are the real guard against guessing.
        config: { access: { public: true as const }, rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (request) => {
        const tenant = await deps.tenants.bySlug(request.params.slug);
        if (!tenant) throw notFound('Institution');
        const sessionId = request.body.sessionId ?? randomUUID();
        // The caller for locks and fraud detection is the address, not the session a script can renew.
        const turn = await deps.assistant.turn({ tenantId: tenant.id, channel: 'chat', entryPointId: request.body.entryPointId, externalKey: `chat:${sessionId}`, callerKey: `ip:${request.ip}`, text: request.body.text, language: request.body.language as Language | undefined });
        return { sessionId, language: turn.language, messages: turn.messages, next: turn.next };
      },
    );
  };
}

const CallParams = z.object({ id: z.uuid() });
const HandoverReply = z.object({
  conversationId: z.uuid(),
  channel: z.string(),
  language: z.string(),
  state: z.string(),
  turns: z.number().int(),
  handover: z.record(z.string(), z.unknown()).nullable(),
});

/** What the assistant collected before putting a call through: shown beside the call's screen-pop. */
export function assistantHandoverRoutes(deps: { calls: CallService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calls/:id/assistant',
      { schema: { tags: ['calls'], summary: 'The assistant conversation behind a call (language, intent, reference, verification reached, what was answered)', params: CallParams, response: { 200: HandoverReply } }, config: { access: { permission: 'citizens.read' as const } } },
      async (request) => deps.calls.assistantConversation(principalOf(request).ctx, request.params.id),
    );
  };
}
