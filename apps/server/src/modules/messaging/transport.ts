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
