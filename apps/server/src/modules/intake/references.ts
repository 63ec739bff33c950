/**
 * Turns a register's number format into a pattern that finds its numbers in free text, so a reply
 * "Re: PET-2026-000123" is recognised as being about that case.
 */
export function numberPattern(format: string, registerCode: string): string {
  let out = '';
  let rest = format;
  const token = /\{(year|register|seq)(?::(\d{1,2}))?\}/;
  for (let m = token.exec(rest); m; m = token.exec(rest)) {
    out += escape(rest.slice(0, m.index));
    if (m[1] === 'year') out += '\\d{4}';
    else if (m[1] === 'register') out += escape(registerCode);
    else out += m[2] ? `\\d{${m[2]},}` : '\\d+';
    rest = rest.slice(m.index + m[0].length);
  }
  return out + escape(rest);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Every candidate registration number in `text`, for the given register formats. */
export function findRegistrationNumbers(text: string, registers: { format: string; code: string }[]): string[] {
  if (registers.length === 0 || !text) return [];
  const alternatives = registers.map((r) => `(?:${numberPattern(r.format, r.code)})`).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu');
  return [...new Set(text.match(re) ?? [])];
}

/** Sender + normalised text: the same message sent twice has the same fingerprint. */
export function fingerprintOf(sender: string, subject: string | undefined, text: string): string {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(sender)}\n${norm(subject ?? '')}\n${norm(text).slice(0, 2000)}`;
}
