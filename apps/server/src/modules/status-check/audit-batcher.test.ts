import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryHash, entryHashTemplate, type ChainedFields } from '../audit/audit.chain.ts';
import { bodyWithMarkedHoles } from './audit-batcher.ts';

/** What civicline_append_audit_texts does with a marked text (migration 0017), in TypeScript. */
const fill = (marked: string, seq: number, prev: string) => marked.replace('\x01seq\x01', String(seq)).replace('\x01prev\x01', JSON.stringify(prev));

const fields = fc.record({
  tenantId: fc.uuid(),
  occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
  actorType: fc.constantFrom('citizen', 'channel', 'user'),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('status_check.answer', 'status_check.identify'),
  subjectType: fc.constantFrom('citizen', 'status_record', 'status_query'),
  subjectId: fc.option(fc.string(), { nil: null }),
  purpose: fc.option(fc.string(), { nil: null }),
  channel: fc.option(fc.constantFrom('voice', 'sms', 'web', 'chat'), { nil: null }),
  requestId: fc.option(fc.string(), { nil: null }),
  // Any text, control characters and the marker's own character included: canonical JSON escapes them.
  details: fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ unit: 'binary' })))),
});

describe('status audit texts', () => {
  it('a marked text, filled as the database fills it, hashes to exactly the entry hash the chain verifies', () => {
    fc.assert(
      fc.property(fields, fc.integer({ min: 1, max: 2 ** 40 }), fc.stringMatching(/^[0-9a-f]{64}$/), (f, seq, prev) => {
        const marked = bodyWithMarkedHoles(entryHashTemplate(f));
        const hash = createHash('sha256').update(fill(marked, seq, prev)).digest('hex');
        expect(hash).toBe(entryHash({ ...(f as Omit<ChainedFields, 'seq' | 'prevHash'>), seq, prevHash: prev }));
      }),
    );
  });

  it('refuses a text it could not mark unambiguously', () => {
    expect(() => bodyWithMarkedHoles(['{"a":', { hole: 'number' }, '}'])).toThrow('unexpected hole number');
    expect(() => bodyWithMarkedHoles(['{"a":"\x01seq\x01"}'])).toThrow('raw control character');
  });
});
