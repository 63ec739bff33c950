/** A message ready for a transport: already rendered, addressed and stored. */
export interface OutgoingMessage {
  id: string;
  tenantId: string;
  channel: string;
  toAddress: string;
  subject: string | null;
  body: string;
  messageId: string | null;
  inReplyTo: string | null;
  /** Stable per message: providers that deduplicate (or our own sinks) use it so a retry never delivers twice. */
  idempotencyKey: string;
}

export interface SendResult {
  provider: string;
  providerMessageId: string | null;
  /** Some transports (the development sink) know at once that the message arrived. */
  delivered?: boolean;
}

/**
 * A carrier's final "no" to one message: an address that does not exist, a number that cannot take
 * SMS, a text it will never accept. Sending it again would get the same answer, so the message
 * fails at once (and a notification's fallback channel takes over now, not after every retry).
 * Anything else a transport throws (a timeout, a rate limit, an outage, a refused login that an
 * administrator can correct) is temporary: the delivery job retries with backoff.
 */
export class PermanentSendError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentSendError';
  }
}

/**
 * HTTP answers to a send that a retry would get again: the request itself is refused. Not 401/403
 * (credentials an administrator corrects), 408/425/429 (try later) or any 5xx.
 */
export function isPermanentHttpRefusal(status: number): boolean {
  return [400, 404, 410, 413, 415, 422].includes(status);
}

/** One way out: SMTP, an SMS provider, a webhook, the development sink. Knows no domain. */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Lets go of open connections (a pooled SMTP transport whose account changed). */
  close?(): void;
}

/** Chooses the transport for a message (per tenant and channel), or null when none is configured. */
export type TransportResolver = (tenantId: string, channel: string) => Promise<Transport | null>;

/**
 * Keeps messages instead of sending them, for development and demos; the staff UI shows them.
 * The stored outbound row is the message, so the sink only has to say it was delivered.
 */
export const devSinkTransport: Transport = {
  name: 'dev-sink',
  async send(message) {
    return { provider: 'dev-sink', providerMessageId: `dev-${message.id}`, delivered: true };
  },
};
