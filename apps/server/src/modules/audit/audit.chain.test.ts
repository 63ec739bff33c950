import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalParts, checkLink, entryHash, GENESIS_HASH, Hole, type ChainedFields, type TextPart } from './audit.chain.ts';

/** The plain definition canonicalParts must keep to: sorted keys, undefined members left out, holes as parts. */
function referenceParts(value: unknown): TextPart[] {
  const out: TextPart[] = [];
  const text = (t: string) => {
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += t;
    else out.push(t);
  };
  const walk = (v: unknown): void => {
    if (v instanceof Hole) out.push({ hole: v.name });
    else if (v === null || typeof v !== 'object') text(JSON.stringify(v ?? null));
    else if (Array.isArray(v)) {
      text('[');
      v.forEach((x, i) => {
        if (i > 0) text(',');
        walk(x);
      });
      text(']');
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      text('{');
      entries.forEach(([k, x], i) => {
        text(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
        walk(x);
      });
      text('}');
    }
  };
  walk(value);
  return out;
}

const withHoles = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('seq', 'prev', 'number').map((n) => new Hole(n)),
    fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('10', '9', 'a', 'B', 'ș', '__proto__x')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const entry = (seq: number, prevHash: string, details: Record<string, unknown> = {}): ChainedFields & { hash: string } => {
  const fields: ChainedFields = {
    tenantId: 't1', seq, occurredAt: new Date('2026-05-01T10:00:00.123Z'), actorType: 'user', actorId: 'u1',
    action: 'case.assigned', subjectType: 'case', subjectId: 'c1', purpose: null, channel: 'web', requestId: 'r1',
    details, prevHash,
  };
  return { ...fields, hash: entryHash(fields) };
};

describe('audit hash chain', () => {
  it('canonical parts are the plain definition: sorted keys (integer-like ones too), undefined left out, holes kept', () => {
    fc.assert(
      fc.property(withHoles, (v) => {
        expect(canonicalParts(v)).toEqual(referenceParts(v));
      }),
      { numRuns: 500 },
    );
  });

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
