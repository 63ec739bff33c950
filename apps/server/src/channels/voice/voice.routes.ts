import { GenericCallEvent, type Language } from '@civicline/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { validationFailed } from '../../platform/errors.ts';
import { channelText, SPEECH_LOCALE } from '../sms/channel-text.ts';
import { verifiedHmacAccount, verifiedTwilioAccount, type WebhookDeps } from '../sms/sms.routes.ts';
import { twiml, type TwimlVerb } from '../sms/twiml.ts';
import { acceptFormBodies, acceptRawJsonBodies, e164, formValue, parseForm, parseJsonBody, signatureRefused, WEBHOOK_RATE_LIMIT } from '../sms/webhook-http.ts';
import type { CallService } from './call.service.ts';

const PUBLIC = { access: { public: true as const }, rateLimit: WEBHOOK_RATE_LIMIT };

/**
 * Where a call to this line is put through: the Twilio account's `dialNumber:<line E.164>`
 * setting, else its `dialNumber` (the contact centre's queue number or SIP address).
 */
export function dialTarget(settings: Record<string, unknown>, line: string): string | null {
  const v = settings[`dialNumber:${line}`] ?? settings.dialNumber;
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** Where a line's calls are put through: its provider queue (`transferQueue`), else the dial target. */
export function transferTarget(settings: Record<string, unknown>, line: { number: string; transferQueue: string | null }): { queue: string | null; dial: string | null } {
  return { queue: line.transferQueue, dial: dialTarget(settings, line.number) };
}

/**
 * A Twilio call webhook, verified: the line it called (found from `To`), the institution's
 * account whose auth token signed it, and the CallSid. Anything unverifiable is refused first.
 */
export async function verifiedTwilioCall(deps: WebhookDeps, request: Parameters<typeof verifiedTwilioAccount>[1]) {
  const params = parseForm(request.body);
  const to = e164(formValue(params, 'To') ?? formValue(params, 'Called'));
  const line = to ? await deps.channelConfig.resolveLine(to) : null;
  const { account } = await verifiedTwilioAccount(deps, request, line?.tenantId);
  const sid = formValue(params, 'CallSid');
  if (!sid) throw validationFailed([{ path: 'CallSid', message: 'Required' }]);
  return { params, line: line!, account, sid };
}

/** Incoming calls (caller ID): Twilio's voice webhook and a generic JSON one. */
export function voiceWebhookRoutes(deps: WebhookDeps & { calls: CallService }): FastifyPluginAsync {
  const { channelConfig, calls } = deps;

  /** The institution's name, said in the line's language (else the institution's). */
  async function tenantVoice(tenantId: string, lineLanguage: Language | null) {
    const t = await deps.tenants.byId(tenantId);
    const language = lineLanguage ?? ((t?.defaultLanguage ?? 'en') as Language);
    return { name: t?.name ?? '', language, locale: SPEECH_LOCALE[language] };
  }

  return async (app) => {
    await app.register(async (twilio) => {
      acceptFormBodies(twilio);

      twilio.post(
        '/webhooks/twilio/voice',
        { schema: { tags: ['webhooks'], summary: 'Incoming call in Twilio’s voice format (signed); opens the operator’s draft and answers TwiML that greets and puts the call through' }, config: PUBLIC },
        async (request, reply) => {
          const { params, line, account, sid } = await verifiedTwilioCall(deps, request);
          const voice = await tenantVoice(line.tenantId, line.language);
          const answer = (verbs: TwimlVerb[]) => reply.type('text/xml; charset=utf-8').send(twiml(verbs));
          if (!line.voice) return answer([{ say: channelText(voice.language, 'closed', { institution: voice.name }), language: voice.locale }, { hangup: true }]);
          try {
            await calls.incoming({
              tenantId: line.tenantId,
              provider: 'twilio',
              externalId: sid,
              // Twilio sends "anonymous", "restricted" or "+266696687" for withheld numbers.
              callerNumber: e164(formValue(params, 'From') ?? formValue(params, 'Caller')),
              line,
              providerStatus: formValue(params, 'CallStatus') ?? 'ringing',
              raw: { contentType: 'application/x-www-form-urlencoded', data: request.body as Buffer },
            });
          } catch (err) {
            // The citizen still reaches an operator when the call cannot be recorded (database down).
            request.log.error({ err }, 'incoming call not recorded; putting it through anyway');
          }
          // The line's queue first (operators take calls from it), else the contact centre's number.
          const { queue, dial } = transferTarget(account.settings, line);
          const greeting = { say: channelText(voice.language, queue || dial ? 'greeting' : 'closed', { institution: voice.name }), language: voice.locale };
          if (queue) return answer([greeting, { enqueue: queue }]);
          return answer(dial ? [greeting, { dial, timeoutSeconds: 60 }] : [greeting, { hangup: true }]);
        },
      );

      twilio.post(
        '/webhooks/twilio/voice-status',
        { schema: { tags: ['webhooks'], summary: 'Twilio call status callback: the call was answered or is over' }, config: PUBLIC },
        async (request, reply) => {
          const params = parseForm(request.body);
          const to = e164(formValue(params, 'To') ?? formValue(params, 'Called'));
          const line = to ? await channelConfig.resolveLine(to) : null;
          await verifiedTwilioAccount(deps, request, line?.tenantId);
          const sid = formValue(params, 'CallSid');
          const status = formValue(params, 'CallStatus');
          if (!sid || !status) throw validationFailed([{ path: 'CallStatus', message: 'Required' }]);
          await calls.statusChanged({ tenantId: line!.tenantId, provider: 'twilio', externalId: sid, providerStatus: status });
          return reply.status(204).send();
        },
      );
    });

    await app.register(async (generic) => {
      acceptRawJsonBodies(generic);

      generic.post(
        '/webhooks/voice',
        {
          schema: {
            tags: ['webhooks'],
            summary: 'Call events from any PBX: JSON {event: incoming|answered|ended, callId, from, to, at?}, signed with the institution’s `webhook` account secret (X-CivicLine-Timestamp + X-CivicLine-Signature)',
          },
          config: PUBLIC,
        },
        async (request) => {
          const body = parseJsonBody(request.body);
          const to = e164(body.to);
          const line = to ? await channelConfig.resolveLine(to) : null;
          if (!line) throw signatureRefused();
          await verifiedHmacAccount(deps, request, line.tenantId, 'webhook');
          const parsed = GenericCallEvent.safeParse(body);
          if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })));
          const event = parsed.data;
          if (event.event !== 'incoming') {
            const call = await calls.statusChanged({ tenantId: line.tenantId, provider: 'webhook', externalId: event.callId, providerStatus: event.event });
            return { callId: call?.id ?? null, status: call?.status ?? null, draftCaseId: call?.caseId ?? null };
          }
          if (!line.voice) return { callId: null, status: null, draftCaseId: null };
          const call = await calls.incoming({
            tenantId: line.tenantId,
            provider: 'webhook',
            externalId: event.callId,
            callerNumber: e164(event.from ?? undefined),
            line,
            providerStatus: 'incoming',
            raw: { contentType: 'application/json', data: request.body as Buffer },
          });
          return { callId: call.id, status: call.status, draftCaseId: call.caseId };
        },
      );
    });
  };
}
