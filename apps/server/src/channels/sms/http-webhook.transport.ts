import { isPermanentHttpRefusal, PermanentSendError, type OutgoingMessage, type SendResult, type Transport } from '../../modules/messaging/index.ts';
import { HMAC_SIGNATURE_HEADER, HMAC_TIMESTAMP_HEADER, hmacSignature } from './signatures.ts';

export interface WebhookAccount {
  id: string;
  provider: string;
  settings: Record<string, unknown>;
  secret: string | null;
}

/**
 * Hands a message to any HTTP gateway: POST {settings.url} with a JSON body, signed like the
 * webhooks we receive (X-CivicLine-Timestamp + X-CivicLine-Signature: sha256=HMAC(secret,
 * "<timestamp>.<body>")) and carrying an Idempotency-Key, so a retried send can be recognised.
 * The gateway answers 2xx, optionally with `{ "id": "<its message id>" }`, and may report the
 * outcome later to `statusCallbackUrl` (see sms.routes.ts).
 */
export function httpWebhookTransport(account: WebhookAccount, opts: { statusCallbackUrl: string | null; now?: () => Date; timeoutMs?: number }): Transport {
  const url = typeof account.settings.url === 'string' ? account.settings.url : null;
  const provider = `${account.provider}:${account.id}`;
  return {
    name: provider,
    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!url) throw new Error('the webhook account has no `url`');
      const body = JSON.stringify({
        id: message.id,
        channel: message.channel,
        to: message.toAddress,
        subject: message.subject,
        text: message.body,
        idempotencyKey: message.idempotencyKey,
        statusCallbackUrl: opts.statusCallbackUrl,
      });
      const timestamp = String(Math.floor((opts.now?.() ?? new Date()).getTime() / 1000));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey, [HMAC_TIMESTAMP_HEADER]: timestamp };
      if (account.secret) headers[HMAC_SIGNATURE_HEADER] = hmacSignature(account.secret, timestamp, body);
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000) });
      const text = await res.text();
      if (!res.ok) {
        const reason = `the gateway answered ${res.status}: ${text.slice(0, 200)}`;
        throw isPermanentHttpRefusal(res.status) ? new PermanentSendError(reason) : new Error(reason);
      }
      let id: unknown = null;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {
        // an empty or non-JSON 2xx is an acceptance without an id of its own
      }
      return { provider, providerMessageId: typeof id === 'string' || typeof id === 'number' ? String(id) : message.id };
    },
  };
}
