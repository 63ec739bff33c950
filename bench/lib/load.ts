/**
 * The load generator, run in its own process (forked by case-core.bench.ts) so that firing
 * requests does not take event-loop time from the servers being measured. It warms up, tells
 * the parent it is warm, waits for its go (the server has drained), runs the measured load and
 * sends back autocannon's result.
 */
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  /** A fixed path, or a path prefix followed by a random seeded registration number. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Look-ups: pick a random number among `PET-<year>-<seq>` with seq 1..count of that year. */
  numbers?: { prefix: string; pad: number; years: Record<string, number> };
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export type LoadMessage =
  | { type: 'warmed' }
  | { type: 'result'; result: autocannon.Result; cpuMs: number; warmup: { requests: number; non2xx: number } };

function numberPicker(spec: NonNullable<LoadJob['numbers']>): () => string {
  const years = Object.entries(spec.years).filter(([, n]) => n > 0);
  const total = years.reduce((a, [, n]) => a + n, 0);
  return () => {
    let k = Math.floor(Math.random() * total);
    for (const [year, n] of years) {
      if (k < n) return `${spec.prefix}${year}-${String(k + 1).padStart(spec.pad, '0')}`;
      k -= n;
    }
    throw new Error('unreachable');
  };
}

async function fire(job: LoadJob, seconds: number): Promise<autocannon.Result> {
  const pick = job.numbers ? numberPicker(job.numbers) : null;
  return autocannon({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    // A queued registration may wait seconds for the numbering lock; a timeout would drop it.
    timeout: 120,
    headers: job.headers,
    requests: [
      {
        method: job.method,
        path: job.path,
        ...(job.body !== undefined ? { body: job.body } : {}),
        ...(pick ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: `${job.path}${encodeURIComponent(pick())}` }) } : {}),
      },
    ],
  });
}

async function run(job: LoadJob): Promise<void> {
  const warm = job.warmupSeconds > 0 ? await fire(job, job.warmupSeconds) : null;
  // The parent lets the server finish what the warm-up left in flight, then says go.
  const go = new Promise((resolve) => process.once('message', resolve));
  process.send!({ type: 'warmed' } satisfies LoadMessage);
  await go;
  const cpu = process.cpuUsage();
  const result = await fire(job, job.durationSeconds);
  const used = process.cpuUsage(cpu);
  const message: LoadMessage = {
    type: 'result',
    result,
    cpuMs: (used.user + used.system) / 1000,
    warmup: { requests: warm ? warm['2xx'] + warm.non2xx : 0, non2xx: warm?.non2xx ?? 0 },
  };
  process.send!(message, () => process.exit(0));
}

process.once('message', (job: LoadJob) => {
  run(job).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
