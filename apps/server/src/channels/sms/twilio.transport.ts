import { isPermanentHttpRefusal, PermanentSendError, type OutgoingMessage, type SendResult, type Transport } from '../../modules/messaging/index.ts';

/** An institution's Twilio account (provider account `twilio`): settings plus the auth token. */
export interface TwilioAccount {
  id: string;
  tenantId: string;
  settings: Record<string, unknown>;
  secret: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export const twilioProviderName = (accountId: string) => `twilio:${accountId}`;

/**
 * Sends SMS through Twilio's REST API (or any API speaking it): POST
 * {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP basic auth with the
 * account SID (or an API key SID) and the auth token (or the key's secret). Settings: `accountSid`,
 * `from` or `messagingServiceSid`, optional `apiKeySid`, `baseUrl` (default https://api.twilio.com).
 * The status callback brings the delivery receipt back to CivicLine.
 */
export function twilioTransport(account: TwilioAccount, opts: { statusCallbackUrl: string | null; timeoutMs?: number }): Transport {
  const s = account.settings;
  const accountSid = str(s.accountSid);
  const base = (str(s.baseUrl) ?? 'https://api.twilio.com').replace(/\/$/, '');
  const provider = twilioProviderName(account.id);
  return {
    name: provider,
    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!accountSid || !account.secret) throw new Error('the Twilio account has no accountSid or auth token');
      const from = str(s.from);
      const service = str(s.messagingServiceSid);
      if (!from && !service) throw new Error('the Twilio account has neither a `from` number nor a `messagingServiceSid`');
      const form = new URLSearchParams({ To: message.toAddress, Body: message.body });
      if (service) form.set('MessagingServiceSid', service);
      else form.set('From', from!);
      if (opts.statusCallbackUrl) form.set('StatusCallback', opts.statusCallbackUrl);
      const user = str(s.apiKeySid) ?? accountSid;
      const res = await fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${user}:${account.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
      });
      const text = await res.text();
      let body: { sid?: string; status?: string; code?: number; message?: string; error_code?: number | null; error_message?: string | null } = {};
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the status says enough
      }
      if (!res.ok) {
        const reason = `Twilio answered ${res.status}${body.code ? ` (error ${body.code})` : ''}: ${(body.message ?? text).slice(0, 200)}`;
        // A 400 names this message's fault (21211 not a valid number, 21610 the citizen texted STOP, 21614 not a mobile).
        throw isPermanentHttpRefusal(res.status) ? new PermanentSendError(reason) : new Error(reason);
      }
      if (!body.sid) throw new Error('Twilio accepted the message but returned no sid');
      if (body.status === 'failed') throw new PermanentSendError(`Twilio refused the message (error ${body.error_code ?? '?'}): ${body.error_message ?? ''}`);
      return { provider, providerMessageId: body.sid };
    },
  };
}
