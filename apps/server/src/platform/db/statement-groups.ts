interface Pending<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

export interface StatementGroupOptions {
  /** For statementGroupStats: which statement this is. */
  name: string;
  /** Items per statement at most: keeps one group's locks and its rows in memory small. */
  maxGroup: number;
}

/** Groups run and items carried, and the milliseconds their statements took, per statement name, since the process started. */
const stats = new Map<string, { groups: number; items: number; ms: number }>();

/** What the grouped statements did so far: how many items a group carried on average tells how much they saved. */
export function statementGroupStats(): Record<string, { groups: number; items: number; ms: number }> {
  return Object.fromEntries([...stats].map(([name, s]) => [name, { ...s }]));
}

/**
 * Natural grouping of one kind of statement: a call arriving while no group of its key runs goes
 * at once (alone, so an idle server adds no wait); calls arriving meanwhile wait and go together
 * in the next group. (Two groups at once were tried for the status turn: smaller groups cost more
 * CPU than the overlap saved.) Under load, N concurrent calls cost one round trip and
 * one statement instead of N, while no call waits longer than a statement. `run` answers one
 * output per item, in order; if it throws, every call of that group fails with its error.
 */
export function createStatementGroups<I, O>(run: (key: string, items: I[]) => Promise<O[]>, options: StatementGroupOptions) {
  const lanes = new Map<string, { queue: Pending<I, O>[]; running: number }>();
  const counted = { groups: 0, items: 0, ms: 0 };
  stats.set(options.name, counted);

  type Settled = { ok: true; outs: O[] } | { ok: false; err: unknown };

  async function start(key: string, group: Pending<I, O>[]): Promise<Settled> {
    const started = performance.now();
    try {
      const outs = await run(
        key,
        group.map((p) => p.item),
      );
      if (outs.length !== group.length) throw new Error(`statement group: ${outs.length} answers for ${group.length} items`);
      counted.groups++;
      counted.items += group.length;
      counted.ms += performance.now() - started;
      return { ok: true, outs };
    } catch (err) {
      return { ok: false, err };
    }
  }

  function settle(group: Pending<I, O>[], s: Settled) {
    if (s.ok) group.forEach((p, i) => p.resolve(s.outs[i]!));
    else for (const p of group) p.reject(s.err);
  }

  async function drain(key: string, lane: { queue: Pending<I, O>[]; running: number }) {
    lane.running++;
    try {
      let group = lane.queue.splice(0, options.maxGroup);
      let pending = start(key, group);
      while (group.length > 0) {
        const settled = await pending;
        const next = lane.queue.splice(0, options.maxGroup);
        if (next.length > 0) pending = start(key, next);
        // The next group's statement goes out first (the pool sends it on the next tick); the
        // callers of this one are woken after it, so their work does not delay the send.
        process.nextTick(settle, group, settled);
        group = next;
      }
    } finally {
      lane.running--;
      if (lane.running === 0 && lane.queue.length === 0) lanes.delete(key);
    }
  }

  function add(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let lane = lanes.get(key);
      if (!lane) {
        lane = { queue: [], running: 0 };
        lanes.set(key, lane);
      }
      lane.queue.push({ item, resolve, reject });
      if (lane.running === 0) void drain(key, lane);
    });
  }

  return { add };
}
