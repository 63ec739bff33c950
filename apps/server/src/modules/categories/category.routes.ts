import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Category, CreateCategoryRequest, IdParams, UpdateCategoryRequest } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { CategoryService } from './category.service.ts';

export function categoryRoutes(categories: CategoryService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/categories',
      { schema: { tags: ['categories'], summary: 'Categories (procedures) with their fields, deadlines and routing', response: { 200: z.array(Category) } }, config: { access: { permission: 'categories.read' } } },
      async (request) => categories.list(principalOf(request).ctx),
    );
    app.get(
      '/categories/:id',
      { schema: { tags: ['categories'], params: IdParams, response: { 200: Category } }, config: { access: { permission: 'categories.read' } } },
      async (request) => categories.get(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/categories',
      { schema: { tags: ['categories'], body: CreateCategoryRequest, response: { 201: Category } }, config: { access: { permission: 'categories.manage' } } },
      async (request, reply) => reply.status(201).send(await categories.create(principalOf(request).ctx, request.body)),
    );
    app.patch(
      '/categories/:id',
      { schema: { tags: ['categories'], params: IdParams, body: UpdateCategoryRequest, response: { 200: Category } }, config: { access: { permission: 'categories.manage' } } },
      async (request) => categories.update(principalOf(request).ctx, request.params.id, request.body),
    );
  };
}
