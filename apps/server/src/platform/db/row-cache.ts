/**
 * A small in-process read-through cache for rows that are read on every request and rarely
 * change: categories, registers, signed-in principals. One set of caches per database handle, so
 * every service of a process that shares the handle shares the cache (and two databases in one
 * process, as in tests, never see each other's entries).
 *
 * This node drops an entry as soon as it changes the row (`invalidate`, called after the writing
 * transaction committed). Other nodes of a cluster keep their copy for at most `ttlMs`: that is
 * the staleness each cache accepts, stated where it is created.
 *
 * A read that started before an invalidation is not stored when it ends (a generation count),
 * so a reader racing with a writer cannot put the old row back.
 */
export interface RowCache<V> {
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  /** The cached value, if present and fresh (no load). */
  peek(key: string): V | undefined;
  /** Drops one key, every entry for which `match` holds, or everything. */
  invalidate(match?: string | ((value: V, key: string) => boolean)): void;
}

const MAX_ENTRIES = 20_000;

/** A cache on its own (`now` in milliseconds, monotonic; tests pass their own). */
export function createRowCache<V>(ttlMs: number, now: () => number = () => performance.now()): RowCache<V> {
  const entries = new Map<string, { value: V; expires: number }>();
  let generation = 0;

  function peek(key: string): V | undefined {
    const hit = entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  function store(key: string, value: V): void {
    if (entries.size >= MAX_ENTRIES) {
      const t = now();
      for (const [k, e] of entries) if (e.expires <= t) entries.delete(k);
      // Still full: drop the oldest half (a Map iterates in insertion order).
      if (entries.size >= MAX_ENTRIES) {
        let n = entries.size / 2;
        for (const k of entries.keys()) {
          if (n-- <= 0) break;
          entries.delete(k);
        }
      }
    }
    entries.set(key, { value, expires: now() + ttlMs });
  }

  return {
    peek,
    async get(key, load) {
      const hit = peek(key);
      if (hit !== undefined) return hit;
      const started = generation;
      const value = await load();
      if (value !== undefined && started === generation) store(key, value);
      return value;
    },
    invalidate(match) {
      generation++;
      if (match === undefined) entries.clear();
      else if (typeof match === 'string') entries.delete(match);
      else for (const [k, e] of entries) if (match(e.value, k)) entries.delete(k);
    },
  };
}

const registry = new WeakMap<object, Map<string, RowCache<unknown>>>();

/** The cache called `name` of this database handle, created on first use with `ttlMs`. */
export function rowCache<V>(db: object, name: string, ttlMs: number): RowCache<V> {
  let caches = registry.get(db);
  if (!caches) registry.set(db, (caches = new Map()));
  let cache = caches.get(name);
  if (!cache) caches.set(name, (cache = createRowCache<unknown>(ttlMs)));
  return cache as RowCache<V>;
}
