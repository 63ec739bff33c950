import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { RoutingService } from './routing.service.ts';

const Workload = z.object({
  capacity: z.number().int().nullable(),
  absences: z.array(z.object({ id: Uuid, fromDay: z.string(), toDay: z.string(), reason: z.string().nullable() })),
});
const UserParams = z.object({ id: Uuid });

export function workloadRoutes(routing: RoutingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users/:id/workload',
      { schema: { tags: ['workload'], summary: 'Capacity and absences of a person', params: UserParams, response: { 200: Workload } }, config: { access: { permission: 'users.read' } } },
      async (request) => routing.getWorkload(principalOf(request).ctx, request.params.id),
    );
    app.put(
      '/users/:id/capacity',
      {
        schema: { tags: ['workload'], summary: 'How many open cases this person takes (null: no limit)', params: UserParams, body: z.object({ capacity: z.number().int().min(0).max(10_000).nullable() }), response: { 200: Workload } },
        config: { access: { permission: 'staff.workload.manage' } },
      },
      async (request) => routing.setCapacity(principalOf(request).ctx, request.params.id, request.body.capacity),
    );
    app.post(
      '/users/:id/absences',
      {
        schema: { tags: ['workload'], params: UserParams, body: z.object({ fromDay: z.iso.date(), toDay: z.iso.date(), reason: z.string().trim().max(200).optional() }), response: { 200: Workload } },
        config: { access: { permission: 'staff.workload.manage' } },
      },
      async (request) => routing.addAbsence(principalOf(request).ctx, request.params.id, request.body),
    );
    app.delete(
      '/users/:id/absences/:absenceId',
      { schema: { tags: ['workload'], params: z.object({ id: Uuid, absenceId: Uuid }), response: { 200: Workload } }, config: { access: { permission: 'staff.workload.manage' } } },
      async (request) => routing.removeAbsence(principalOf(request).ctx, request.params.id, request.params.absenceId),
    );
  };
}
