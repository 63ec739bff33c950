/**
 * True when `error` (or an error it wraps: drizzle wraps driver errors in `cause`) is PostgreSQL's
 * unique_violation (23505) on the named constraint or index. A check-then-insert races with a
 * concurrent insert; the unique index is the referee and its refusal is a conflict, not a 500.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505' && name === constraint) return true;
  }
  return false;
}
