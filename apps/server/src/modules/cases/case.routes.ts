import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddCommentRequest,
  AddLinkRequest,
  CASE_ACTIONS,
  CaseActionRequests,
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  CreateCaseRequest,
  IdParams,
  TimelineEntry,
  UpdateCaseRequest,
  page,
} from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { CaseService } from './case.service.ts';

export function caseRoutes(cases: CaseService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases',
      { schema: { tags: ['cases'], summary: 'Cases I may see, newest first, filtered; cursor-paginated', querystring: CaseListQuery, response: { 200: page(CaseSummary) } }, config: { access: { permission: 'cases.read' } } },
      async (request) => cases.list(principalOf(request).ctx, request.query),
    );
    app.post(
      '/cases',
      { schema: { tags: ['cases'], summary: 'Open a case (registered at once, or as a draft)', body: CreateCaseRequest, response: { 201: CaseDetail } }, config: { access: { permission: 'cases.create' } } },
      async (request, reply) => reply.status(201).send(await cases.create(principalOf(request).ctx, request.body)),
    );
    app.get(
      '/cases/by-number/:registrationNumber',
      {
        schema: { tags: ['cases'], summary: 'A case by its registration number', params: z.object({ registrationNumber: z.string().min(1).max(64) }), response: { 200: CaseDetail } },
        config: { access: { permission: 'cases.read' } },
      },
      async (request) => cases.getByNumber(principalOf(request).ctx, request.params.registrationNumber),
    );
    app.get(
      '/cases/:id',
      { schema: { tags: ['cases'], params: IdParams, response: { 200: CaseDetail } }, config: { access: { permission: 'cases.read' } } },
      async (request) => cases.get(principalOf(request).ctx, request.params.id),
    );
    app.patch(
      '/cases/:id',
      { schema: { tags: ['cases'], summary: 'Edit subject, description, fields, location, priority', params: IdParams, body: UpdateCaseRequest, response: { 200: CaseDetail } }, config: { access: { permission: 'cases.act' } } },
      async (request) => cases.update(principalOf(request).ctx, request.params.id, request.body),
    );
    app.get(
      '/cases/:id/timeline',
      { schema: { tags: ['cases'], params: IdParams, response: { 200: z.array(TimelineEntry) } }, config: { access: { permission: 'cases.read' } } },
      async (request) => cases.timeline(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/cases/:id/comments',
      { schema: { tags: ['cases'], params: IdParams, body: AddCommentRequest, response: { 204: z.null() } }, config: { access: { permission: 'cases.act' } } },
      async (request, reply) => {
        await cases.comment(principalOf(request).ctx, request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/cases/:id/links',
      { schema: { tags: ['cases'], params: IdParams, body: AddLinkRequest, response: { 200: CaseDetail } }, config: { access: { permission: 'cases.act' } } },
      async (request) => cases.addLink(principalOf(request).ctx, request.params.id, request.body),
    );
    // One route per lifecycle action, each with its own body schema.
    for (const action of CASE_ACTIONS) {
      app.post(
        `/cases/:id/actions/${action}`,
        {
          schema: { tags: ['case actions'], summary: `Lifecycle: ${action.replace(/_/g, ' ')}`, params: IdParams, body: CaseActionRequests[action], response: { 200: CaseDetail } },
          config: { access: { permission: 'cases.act' } },
        },
        async (request) => cases.act(principalOf(request).ctx, request.params.id, action, request.body as never),
      );
    }
  };
}
