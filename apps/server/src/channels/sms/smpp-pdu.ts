/**
 * Pure helpers for SMPP 3.4 short messages: the concatenation header of multi-part messages and
 * the text of a delivery receipt (SMPP 3.4 Appendix B: `id:… sub:… dlvrd:… submit date:… done
 * date:… stat:DELIVRD err:… text:…`).
 */

/** UDH of one part of a concatenated message (IEI 0x00, 8-bit reference). */
export function concatUdh(reference: number, total: number, part: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, part]);
}

/** The concatenation info in a received UDH (IEI 0x00 or 0x08), from the package's decoded IE list. */
export function concatInfo(udh: Buffer[] | undefined): { reference: number; total: number; part: number } | null {
  for (const ie of udh ?? []) {
    if (ie[0] === 0x00 && ie[1] === 3) return { reference: ie[2]!, total: ie[3]!, part: ie[4]! };
    if (ie[0] === 0x08 && ie[1] === 4) return { reference: (ie[2]! << 8) | ie[3]!, total: ie[4]!, part: ie[5]! };
  }
  return null;
}

export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

export interface DeliveryReceipt {
  messageId: string;
  stat: string;
  err: string | null;
  outcome: ReceiptOutcome;
}

const FINAL_FAILURES = new Set(['UNDELIV', 'EXPIRED', 'DELETED', 'REJECTD', 'UNKNOWN']);

/** message_state TLV values (SMPP 3.4 §5.2.28) → receipt status words. */
const MESSAGE_STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

export function outcomeOf(stat: string): ReceiptOutcome {
  const s = stat.toUpperCase();
  if (s === 'DELIVRD') return 'delivered';
  if (FINAL_FAILURES.has(s)) return 'failed';
  return 'pending';
}

/**
 * Reads a delivery receipt from its text and/or its TLVs (receipted_message_id, message_state),
 * which take precedence where present. Null when it is not a receipt we can match.
 */
export function parseDeliveryReceipt(text: string, tlvs: { receiptedMessageId?: string | undefined; messageState?: number | undefined } = {}): DeliveryReceipt | null {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1];
  const messageId = tlvs.receiptedMessageId?.trim() || field('id');
  const stat = (tlvs.messageState !== undefined ? MESSAGE_STATES[tlvs.messageState] : undefined) ?? field('stat');
  if (!messageId || !stat) return null;
  const err = field('err') ?? null;
  return { messageId, stat: stat.toUpperCase(), err, outcome: outcomeOf(stat) };
}

/** The receipt text an SMSC sends (used by the test SMSC, and documented here once). */
export function formatDeliveryReceipt(r: { messageId: string; stat: string; err?: string; submitted: Date; done: Date; text?: string }): string {
  const t = (d: Date) => d.toISOString().replace(/\D/g, '').slice(2, 12);
  return `id:${r.messageId} sub:001 dlvrd:${r.stat === 'DELIVRD' ? '001' : '000'} submit date:${t(r.submitted)} done date:${t(r.done)} stat:${r.stat} err:${r.err ?? '000'} text:${(r.text ?? '').slice(0, 20)}`;
}
