import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/harness.ts';

describe('shutting the HTTP server down', () => {
  it('does not wait out a keep-alive connection whose request was still running when closing began', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const t = await createTestApp({
      extraRoutes: (app) =>
        app.get('/slow-for-test', { config: { access: { public: true as const } } }, async () => {
          started();
          await new Promise((r) => setTimeout(r, 300));
          return { ok: true };
        }),
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // A reverse proxy keeps its connections to us alive, as this agent does.
    const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/slow-for-test', agent }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    await running;
    const t0 = Date.now();
    await t.close();
    const tookMs = Date.now() - t0;
    // The request under way is answered; close then ends its idle connection instead of waiting 72 s.
    expect(await answer).toEqual({ status: 200, body: '{"ok":true}' });
    expect(tookMs).toBeLessThan(10_000);
    agent.destroy();
  }, 30_000);
});
