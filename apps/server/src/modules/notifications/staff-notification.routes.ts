import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@civicline/contracts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { staffNotifications } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/errors.ts';
import { principalOf } from '../identity/index.ts';

/** The console bell: a signed-in person's own notifications. */
export function staffNotificationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/me/notifications',
      { schema: { tags, summary: 'My notifications (newest first) and how many are unread', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }) }, config: { access: { authenticated: true } } },
      async (request) => {
        const { ctx, me } = principalOf(request);
        const mine = and(eq(staffNotifications.tenantId, ctx.tenantId), eq(staffNotifications.userId, me.id));
        const rows = await db.select().from(staffNotifications).where(and(mine, isNull(staffNotifications.readAt))).orderBy(desc(staffNotifications.createdAt)).limit(request.query.limit);
        const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(staffNotifications).where(and(mine, isNull(staffNotifications.readAt)));
        return {
          unread: n,
          items: rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.caseId, registrationNumber: r.registrationNumber, data: r.data, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
        };
      },
    );
    app.post(
      '/me/notifications/:id/read',
      { schema: { tags, summary: 'Mark one of my notifications read', params: IdParams }, config: { access: { authenticated: true } } },
      async (request, reply) => {
        const { ctx, me } = principalOf(request);
        const rows = await db
          .update(staffNotifications)
          .set({ readAt: sql`coalesce(${staffNotifications.readAt}, now())` })
          .where(and(eq(staffNotifications.tenantId, ctx.tenantId), eq(staffNotifications.userId, me.id), eq(staffNotifications.id, request.params.id)))
          .returning({ id: staffNotifications.id });
        if (rows.length === 0) throw notFound('Notification');
        return reply.code(204).send();
      },
    );
  };
}
