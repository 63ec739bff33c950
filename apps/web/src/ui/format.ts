/** Dates and durations in the reader's language, with Intl (no hand-made formats). */
export function formatDateTime(iso: string | null | undefined, lang: string, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** The compact form, for tables with several times a row. */
export function formatDateTimeShort(iso: string | null | undefined, lang: string, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, lang: string, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** "in 3 days", "2 hours ago": the largest sensible unit. */
export function formatRelative(ms: number, lang: string): string {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(ms);
  const sign = Math.sign(ms) || 1;
  if (abs >= 86_400_000) return rtf.format(sign * Math.round(abs / 86_400_000), 'day');
  if (abs >= 3_600_000) return rtf.format(sign * Math.round(abs / 3_600_000), 'hour');
  return rtf.format(sign * Math.max(1, Math.round(abs / 60_000)), 'minute');
}

export function formatBytes(n: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: units[i], maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
}
