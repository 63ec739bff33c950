import { describe, expect, it } from 'vitest';
import { canonicalJson, checkLink, entryHash, GENESIS_HASH, type ChainedFields } from './audit.chain.ts';

const entry = (seq: number, prevHash: string, details: Record<string, unknown> = {}): ChainedFields & { hash: string } => {
  const fields: ChainedFields = {
    tenantId: 't1', seq, occurredAt: new Date('2026-05-01T10:00:00.123Z'), actorType: 'user', actorId: 'u1',
    action: 'case.assigned', subjectType: 'case', subjectId: 'c1', purpose: null, channel: 'web', requestId: 'r1',
    details, prevHash,
  };
  return { ...fields, hash: entryHash(fields) };
};

describe('audit hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('the hash ignores extra fields a stored row carries, but covers every recorded one', () => {
    const e = entry(1, GENESIS_HASH, { note: 'ș' });
    expect(entryHash({ ...e, id: 'x', hash: 'y' } as ChainedFields)).toBe(e.hash);
    expect(entryHash({ ...e, details: { note: 's' } })).not.toBe(e.hash);
    expect(entryHash({ ...e, actorId: 'u2' })).not.toBe(e.hash);
  });

  it('a chain links each entry to the previous hash; any change, gap or reordering breaks it', () => {
    const first = entry(1, GENESIS_HASH);
    const second = entry(2, first.hash);
    expect(checkLink(first, null)).toBeNull();
    expect(checkLink(second, first)).toBeNull();
    expect(checkLink({ ...second, action: 'case.closed' }, first)?.reason).toMatch(/altered/);
    expect(checkLink(entry(3, first.hash), first)?.reason).toMatch(/entry 2 is missing/);
    expect(checkLink(entry(2, GENESIS_HASH), first)?.reason).toMatch(/does not link/);
  });
});
