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

/**
 * A value known only once the database runs the write (the registration number, the entry's seq
 * and its predecessor's hash): left as a hole in the canonical text and filled there. In JSON
 * sent to the database it reads `{"$hole": name}` (civicline_fill_json, migration 0006).
 */
export class Hole {
  constructor(readonly name: string) {}
  toJSON() {
    return { $hole: this.name };
  }
}

/** Canonical JSON text, in pieces: text, and holes for the database to fill with a value's JSON text. */
export type TextPart = string | { hole: string };

/** JSON with object keys sorted at every level, so the same data always hashes the same. Holes stay holes. */
export function canonicalParts(value: unknown): TextPart[] {
  // Every audit entry passes here (status turns included): one growing string between holes,
  // no intermediate arrays per object.
  const out: TextPart[] = [];
  let text = '';
  const walk = (v: unknown): void => {
    if (v instanceof Hole) {
      if (text !== '') out.push(text);
      text = '';
      out.push({ hole: v.name });
    } else if (v === null || typeof v !== 'object') {
      text += JSON.stringify(v ?? null);
    } else if (Array.isArray(v)) {
      text += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) text += ',';
        walk(v[i]);
      }
      text += ']';
    } else {
      const o = v as Record<string, unknown>;
      // The default sort compares UTF-16 code units, as `<` on strings does.
      const keys = Object.keys(o).sort();
      text += '{';
      let first = true;
      for (const k of keys) {
        const x = o[k];
        if (x === undefined) continue;
        text += `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        walk(x);
      }
      text += '}';
    }
  };
  walk(value);
  if (text !== '') out.push(text);
  return out;
}

/** JSON with object keys sorted at every level, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  const parts = canonicalParts(value);
  if (parts.some((p) => typeof p !== 'string')) throw new Error('canonicalJson: the value has holes');
  return parts.join('');
}

/** What the hash of an entry covers. */
function chainedBody(e: Omit<ChainedFields, 'seq' | 'prevHash' | 'details'> & { seq: number | Hole; prevHash: string | Hole; details: unknown }) {
  // Name the fields one by one: a row read back carries more (id, hash) that must not count.
  return {
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
  };
}

/** The hash of one entry covers every recorded field and the previous entry's hash. */
export function entryHash(e: ChainedFields): string {
  return crypto.createHash('sha256').update(canonicalJson(chainedBody(e))).digest('hex');
}

/**
 * The text entryHash hashes, for an entry the database appends itself (civicline_register_cases):
 * with holes `seq` and `prev` for its place in the chain, and any holes of its details. Filled with
 * the JSON text of those values and hashed with SHA-256 there, it gives exactly entryHash.
 */
export function entryHashTemplate(e: Omit<ChainedFields, 'seq' | 'prevHash'>): TextPart[] {
  return canonicalParts(chainedBody({ ...e, seq: new Hole('seq'), prevHash: new Hole('prev') }));
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
