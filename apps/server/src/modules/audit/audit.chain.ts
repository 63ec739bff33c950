import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  tenantId: string;
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  purpose: string | null;
  channel: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/** JSON with object keys sorted at every level, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of one entry covers every recorded field and the previous entry's hash. */
export function entryHash(e: ChainedFields): string {
  // Name the fields one by one: a row read back carries more (id, hash) that must not count.
  const body = canonicalJson({
    tenantId: e.tenantId,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    purpose: e.purpose,
    channel: e.channel,
    requestId: e.requestId,
    details: e.details,
    prevHash: e.prevHash,
  });
  return crypto.createHash('sha256').update(body).digest('hex');
}

export type ChainBreak = { seq: number; reason: string };

/** Checks one entry against its predecessor; returns what is wrong, or null. */
export function checkLink(
  entry: ChainedFields & { hash: string },
  previous: { seq: number; hash: string } | null,
): ChainBreak | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) return { seq: entry.seq, reason: `entry ${expectedSeq} is missing` };
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) return { seq: entry.seq, reason: 'does not link to the previous entry' };
  if (entryHash(entry) !== entry.hash) return { seq: entry.seq, reason: 'content does not match its hash (altered)' };
  return null;
}
