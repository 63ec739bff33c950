import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.ts';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() });

export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Health } }, config: { access: { public: true } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: { tags: ['health'], summary: 'The database answers', response: { 200: Health, 503: Health } },
        config: { access: { public: true } },
      },
      async (_request, reply) => {
        try {
          await Promise.race([
            database.query('SELECT 1'),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
          ]);
          return { status: 'ok' as const, database: database.kind };
        } catch {
          return reply.status(503).send({ status: 'unavailable', database: database.kind });
        }
      },
    );
  };
}
