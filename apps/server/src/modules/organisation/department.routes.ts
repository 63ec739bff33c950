import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateDepartmentRequest, Department, IdParams, UpdateDepartmentRequest } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { DepartmentService } from './department.service.ts';

export function departmentRoutes(departments: DepartmentService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/departments',
      { schema: { tags: ['departments'], summary: 'The department tree (flat, with parentId)', response: { 200: z.array(Department) } }, config: { access: { permission: 'departments.read' } } },
      async (request) => departments.list(principalOf(request).ctx),
    );
    app.get(
      '/departments/:id',
      { schema: { tags: ['departments'], params: IdParams, response: { 200: Department } }, config: { access: { permission: 'departments.read' } } },
      async (request) => departments.get(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/departments',
      { schema: { tags: ['departments'], body: CreateDepartmentRequest, response: { 201: Department } }, config: { access: { permission: 'departments.manage' } } },
      async (request, reply) => reply.status(201).send(await departments.create(principalOf(request).ctx, request.body)),
    );
    app.patch(
      '/departments/:id',
      { schema: { tags: ['departments'], params: IdParams, body: UpdateDepartmentRequest, response: { 200: Department } }, config: { access: { permission: 'departments.manage' } } },
      async (request) => departments.update(principalOf(request).ctx, request.params.id, request.body),
    );
    app.delete(
      '/departments/:id',
      { schema: { tags: ['departments'], params: IdParams, response: { 204: z.null() } }, config: { access: { permission: 'departments.manage' } } },
      async (request, reply) => {
        await departments.remove(principalOf(request).ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
