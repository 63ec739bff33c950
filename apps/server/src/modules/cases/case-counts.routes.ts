import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaseCounts, CaseCountsQuery } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { CaseCountsService } from './case-counts.service.ts';

export function caseCountRoutes(service: CaseCountsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/counts',
      {
        schema: { tags: ['cases'], summary: 'How many open cases are in each inbox queue of mine (live counters)', querystring: CaseCountsQuery, response: { 200: CaseCounts } },
        config: { access: { permission: 'cases.read' } },
      },
      async (request) => service.counts(principalOf(request).ctx, request.query),
    );
  };
}
