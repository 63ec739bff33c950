interface Pending<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

export interface StatementGroupOptions {
  /** Items per statement at most: keeps one group's locks and its rows in memory small. */
  maxGroup: number;
}

/**
 * Natural grouping of one kind of statement: a call arriving while no group of its key runs goes
 * at once (alone, so an idle server adds no wait); calls arriving while one runs wait and go
 * together in the next one. Under load, N concurrent calls cost one round trip and one statement
 * instead of N, while no call waits longer than one statement. `run` answers one output per item,
 * in order; if it throws, every call of that group fails with its error.
 */
export function createStatementGroups<I, O>(run: (key: string, items: I[]) => Promise<O[]>, options: StatementGroupOptions) {
  const queues = new Map<string, Pending<I, O>[]>();

  async function drain(key: string, queue: Pending<I, O>[]) {
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, options.maxGroup);
        try {
          const outs = await run(
            key,
            group.map((p) => p.item),
          );
          if (outs.length !== group.length) throw new Error(`statement group: ${outs.length} answers for ${group.length} items`);
          group.forEach((p, i) => p.resolve(outs[i]!));
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      queues.delete(key);
    }
  }

  function add(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queue = queues.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      const fresh = [{ item, resolve, reject }];
      queues.set(key, fresh);
      void drain(key, fresh);
    });
  }

  return { add };
}
