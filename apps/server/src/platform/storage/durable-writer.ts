import { Worker } from 'node:worker_threads';

/**
 * Writes files durably (temporary name, fsync, rename) on a few worker threads, and returns each
 * file's SHA-256. E-mail intake stores two files per message: done on the main thread, the file
 * operations and the hash were about a sixth of its time under load. Each worker writes one file
 * at a time, so `threads` is also how many fsyncs may wait on the disk at once.
 */
export interface DurableWriter {
  write(finalPath: string, data: Buffer): Promise<{ sha256: string }>;
  close(): Promise<void>;
}

type Pending = { resolve: (r: { sha256: string }) => void; reject: (e: Error) => void };
type Reply = { id: number; sha256?: string; error?: { message: string; code: string | null } };

export function createDurableWriter(threads = 2): DurableWriter {
  const slots: { worker: Worker | null; pending: Map<number, Pending> }[] = Array.from({ length: threads }, () => ({ worker: null, pending: new Map() }));
  let nextId = 1;

  function spawn(slot: (typeof slots)[number]): Worker {
    const worker = new Worker(new URL('./durable-write.worker.mjs', import.meta.url));
    // An idle writer does not keep the process alive; one with files in hand does (see write).
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.error) p.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
      else p.resolve({ sha256: reply.sha256! });
    });
    // A worker that dies fails what it held (the caller's file is not stored) and is replaced on the next write.
    const fail = (err: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the file writer thread stopped (exit code ${code})`)));
    return worker;
  }

  return {
    write(finalPath, data) {
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const worker = (slot.worker ??= spawn(slot));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (slot.pending.size === 0) worker.ref();
        slot.pending.set(id, { resolve, reject });
        worker.postMessage({ id, finalPath, data });
      });
    },
    async close() {
      await Promise.all(
        slots.map(async (slot) => {
          const w = slot.worker;
          if (!w) return;
          slot.worker = null;
          for (const p of slot.pending.values()) p.reject(new Error('the file writer thread stopped (closed)'));
          slot.pending.clear();
          await w.terminate();
        }),
      );
    },
  };
}
