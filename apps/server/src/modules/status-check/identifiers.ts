import { validateNationalId, type NationalIdScheme } from '../citizens/index.ts';
import type { InvalidReason, RecordKind, StatusQuery } from './contract.ts';
import { addressKey } from './records.ts';
import type { Lookup } from './sources/source.ts';

/**
 * Format and checksum before any look-up: a malformed identifier never reaches a source, and a
 * guessed one costs the guesser a probe (status-check.guard.ts) without telling them anything.
 */
export type ParsedQuery =
  | { ok: true; lookup: Lookup; kinds: RecordKind[]; caseFirst: boolean; normalized: string }
  | { ok: false; reason: InvalidReason };

// What a reference of an outside system may look like when its connector says nothing more.
const GENERIC_REFERENCE = /^[A-Z0-9][A-Z0-9\-/.]{2,59}$/;
const CLIENT_CODE = /^[A-Z0-9][A-Z0-9\-/.]{2,39}$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Every status turn tests the institution's formats: each is compiled once.
const compiledFormats = new Map<string, { pattern: RegExp; prefix: string }>();

/** A register format as a whole-string pattern, and the literal text it starts with. */
export function formatPattern(format: string, register: string): { pattern: RegExp; prefix: string } {
  const key = `${register}\u0000${format}`;
  let compiled = compiledFormats.get(key);
  if (!compiled) {
    compiled = compileFormat(format, register);
    if (compiledFormats.size > 10_000) compiledFormats.clear();
    compiledFormats.set(key, compiled);
  }
  return compiled;
}

function compileFormat(format: string, register: string): { pattern: RegExp; prefix: string } {
  let source = '';
  let prefix: string | null = null;
  let at = 0;
  for (const m of format.matchAll(/\{(year|register|seq)(?::(\d{1,2}))?\}/g)) {
    const literal = format.slice(at, m.index);
    source += escape(literal.toUpperCase());
    if (prefix === null) prefix = literal.toUpperCase() + (m[1] === 'register' ? register.toUpperCase() : '');
    at = m.index + m[0].length;
    if (m[1] === 'year') source += '\\d{4}';
    else if (m[1] === 'register') source += escape(register.toUpperCase());
    else source += m[2] ? `\\d{${Number(m[2])},}` : '\\d+';
  }
  source += escape(format.slice(at).toUpperCase());
  return { pattern: new RegExp(`^${source}$`), prefix: prefix ?? format.toUpperCase() };
}

/** "pet - 2026 - 000123 " → "PET-2026-000123": the dialog may hand over spacing it heard. */
export function normalizeReference(value: string): string {
  return value.trim().toUpperCase().replace(/\s*([-/.])\s*/g, '$1').replace(/\s+/g, '');
}

export function parseQuery(
  q: StatusQuery,
  env: { formats: { format: string; code: string }[]; scheme: NationalIdScheme; allowedKinds: RecordKind[]; blindIndex: (normalized: string, scheme: NationalIdScheme) => string; today: Date },
): ParsedQuery {
  switch (q.by) {
    case 'registration_number': {
      const value = normalizeReference(q.value);
      if (value.length > 60) return { ok: false, reason: 'format' };
      const patterns = env.formats.map((f) => formatPattern(f.format, f.code));
      const isCaseNumber = patterns.some((p) => p.pattern.test(value));
      // Shaped like one of our numbers but not quite: a mishearing, not another system's reference.
      if (!isCaseNumber && patterns.some((p) => p.prefix.length >= 2 && value.startsWith(p.prefix))) return { ok: false, reason: 'format' };
      if (!isCaseNumber && !GENERIC_REFERENCE.test(value)) return { ok: false, reason: 'format' };
      // One of our numbers is a case; anything else is looked for among the outside records this entry point may disclose.
      const kinds: RecordKind[] = isCaseNumber ? ['case'] : env.allowedKinds.filter((k) => k !== 'case');
      return { ok: true, lookup: { by: 'reference', value }, kinds, caseFirst: isCaseNumber, normalized: value };
    }
    case 'national_id': {
      if (!q.kind) return { ok: false, reason: 'kind_required' };
      const scheme = q.scheme ?? env.scheme;
      const v = validateNationalId(scheme, q.value, { today: env.today });
      if (!v.ok) return { ok: false, reason: v.code };
      return { ok: true, lookup: { by: 'national_id', normalized: v.normalized, index: env.blindIndex(v.normalized, scheme) }, kinds: [q.kind], caseFirst: q.kind === 'case', normalized: `${scheme}:${v.normalized}` };
    }
    case 'client_code': {
      const value = normalizeReference(q.value);
      if (!CLIENT_CODE.test(value)) return { ok: false, reason: 'format' };
      return { ok: true, lookup: { by: 'client_code', value }, kinds: [q.kind], caseFirst: false, normalized: value };
    }
    case 'address': {
      const key = addressKey(q.value);
      if (key.length < 4 || q.value.length > 300 || !/\d/.test(key)) return { ok: false, reason: 'format' };
      return { ok: true, lookup: { by: 'address', value: q.value.trim(), key }, kinds: [q.kind], caseFirst: false, normalized: key };
    }
  }
}
