import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Uuid } from '@civicline/contracts';
import { z } from 'zod';
import { principalOf } from '../identity/index.ts';
import { AddFeeRequest, PostalStepRequest, RecordPaymentRequest, type CaseServicesService } from './case-services.service.ts';

/** Fees, online payments and postal steps of a case (each raises the notice the rules attach to it). */
export function caseServicesRoutes(service: CaseServicesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['cases'];
    app.get(
      '/cases/:id/services',
      { schema: { tags, summary: 'Fees, payments and postal steps of a case', params: IdParams }, config: { access: { permission: 'cases.read' } } },
      async (request) => service.list(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/cases/:id/fees',
      { schema: { tags, summary: 'A fee due (case.fee_due), or an online payment requested (case.payment_requested) when onlineStage is given', params: IdParams, body: AddFeeRequest }, config: { access: { permission: 'cases.act' } } },
      async (request, reply) => reply.code(201).send(await service.addFee(principalOf(request).ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/fees/:feeId/payment',
      { schema: { tags, summary: 'Record that a fee was paid (case.payment_received)', params: z.object({ id: Uuid, feeId: Uuid }), body: RecordPaymentRequest }, config: { access: { permission: 'cases.act' } } },
      async (request) => service.recordPayment(principalOf(request).ctx, request.params.id, request.params.feeId, request.body),
    );
    app.post(
      '/cases/:id/postal-steps',
      { schema: { tags, summary: 'Postal service: return by post registered, result dispatched, postal code confirmed', params: IdParams, body: PostalStepRequest }, config: { access: { permission: 'cases.act' } } },
      async (request, reply) => reply.code(201).send(await service.addPostalStep(principalOf(request).ctx, request.params.id, request.body)),
    );
  };
}
