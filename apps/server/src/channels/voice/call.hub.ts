import { and, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { calls } from '../../platform/db/schema/index.ts';

export interface CallChange {
  tenantId: string;
  callId: string;
  status: string;
  updatedAt: Date;
}

type Listener = (change: CallChange) => void;

/**
 * Tells the operator consoles connected to this node that a call arrived or changed. A change
 * made on this node is passed on at once; changes made by other nodes (the provider's webhook
 * may reach any web node) are found by polling the calls table once a second, only while someone
 * is listening. Each change is passed on once per node.
 */
export function createCallHub(deps: { db: Db; pollMs?: number; logError(err: unknown, msg: string): void }) {
  const listeners = new Map<string, Set<Listener>>();
  /** The last change passed on per call, so the poll does not repeat what was published here. */
  const seen = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  let watermark = new Date(Date.now() - 5000);

  function emit(change: CallChange) {
    const at = change.updatedAt.getTime();
    if ((seen.get(change.callId) ?? -1) >= at) return;
    seen.set(change.callId, at);
    for (const l of listeners.get(change.tenantId) ?? []) {
      try {
        l(change);
      } catch (err) {
        deps.logError(err, 'call listener failed');
      }
    }
  }

  async function poll() {
    if (polling || listeners.size === 0) return;
    polling = true;
    try {
      // Look back a few seconds: a transaction that began earlier may commit after our last poll.
      const since = new Date(watermark.getTime() - 5000);
      const rows = await deps.db
        .select({ tenantId: calls.tenantId, callId: calls.id, status: calls.status, updatedAt: calls.updatedAt })
        .from(calls)
        .where(and(gt(calls.updatedAt, since), inArray(calls.tenantId, [...listeners.keys()])))
        .orderBy(calls.updatedAt)
        .limit(500);
      for (const r of rows) {
        emit(r);
        if (r.updatedAt > watermark) watermark = r.updatedAt;
      }
      const cutoff = Date.now() - 120_000;
      for (const [id, at] of seen) if (at < cutoff) seen.delete(id);
    } catch (err) {
      deps.logError(err, 'call poll failed');
    } finally {
      polling = false;
    }
  }

  function start() {
    if (timer) return;
    watermark = new Date(Date.now() - 5000);
    timer = setInterval(() => void poll(), deps.pollMs ?? 1000);
    timer.unref();
  }

  return {
    publish: emit,
    subscribe(tenantId: string, listener: Listener): () => void {
      let set = listeners.get(tenantId);
      if (!set) listeners.set(tenantId, (set = new Set()));
      set.add(listener);
      start();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(tenantId);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    stop() {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type CallHub = ReturnType<typeof createCallHub>;
