/**
 * The load generator of the status bench, in its own process (forked by status.bench.ts): each
 * request asks for a random seeded registration number from a random caller address, the way
 * many citizens each ask about their own request. Warms up, waits for the parent's go, measures.
 */
import autocannon from 'autocannon';

export interface StatusLoadJob {
  url: string;
  path: string;
  /** Registration numbers `PET-<year>-<seq>` with seq 1..count per year. */
  numbers: { prefix: string; pad: number; years: Record<string, number> };
  /** The body around the number: `{"by":"registration_number","value":…}` or the baseline's `{"value":…}`. */
  bodyKind: 'civicline' | 'baseline';
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export type StatusLoadMessage = { type: 'warmed' } | { type: 'result'; result: autocannon.Result; cpuMs: number };

function picker(spec: StatusLoadJob['numbers']): () => string {
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

const randomIp = () => `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

function fire(job: StatusLoadJob, seconds: number): Promise<autocannon.Result> {
  const pick = picker(job.numbers);
  return autocannon({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: job.path,
        setupRequest: (req: autocannon.Request) => {
          const value = pick();
          const body = job.bodyKind === 'civicline' ? JSON.stringify({ by: 'registration_number', value }) : JSON.stringify({ value });
          return { ...req, body, headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() } };
        },
      },
    ],
  });
}

process.once('message', (job: StatusLoadJob) => {
  void (async () => {
    if (job.warmupSeconds > 0) await fire(job, job.warmupSeconds);
    const go = new Promise((resolve) => process.once('message', resolve));
    process.send!({ type: 'warmed' } satisfies StatusLoadMessage);
    await go;
    const cpu = process.cpuUsage();
    const result = await fire(job, job.durationSeconds);
    const used = process.cpuUsage(cpu);
    process.send!({ type: 'result', result, cpuMs: (used.user + used.system) / 1000 } satisfies StatusLoadMessage, () => process.exit(0));
  })().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
