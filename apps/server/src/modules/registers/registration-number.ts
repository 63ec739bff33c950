/** Renders a register's format: `PET-{year}-{seq:6}` with year 2026 and seq 123 → `PET-2026-000123`. */
export function formatRegistrationNumber(format: string, parts: { year: number; seq: number; register: string }): string {
  return format.replace(/\{(year|register|seq)(?::(\d{1,2}))?\}/g, (_m, name: string, width?: string) => {
    if (name === 'year') return String(parts.year);
    if (name === 'register') return parts.register;
    return width ? String(parts.seq).padStart(Number(width), '0') : String(parts.seq);
  });
}
