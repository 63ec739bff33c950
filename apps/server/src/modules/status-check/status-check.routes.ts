import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateStatusEntryPointRequest,
  ExternalRecordKind,
  IdParams,
  PutStatusConnectorRequest,
  ReviewStatusFraudFlagRequest,
  StatusAccessEntry,
  StatusConnector,
  StatusEntryPoint,
  StatusFraudFlag,
  StatusImportResult,
  StatusRecordKind,
  UpdateStatusEntryPointRequest,
} from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { StatusAdminService } from './status-admin.service.ts';
import type { StatusRecordService } from './status-records.service.ts';

/** Staff routes of the status check: configuration, fraud flags, imports, a citizen's access history. */
export function statusCheckRoutes(admin: StatusAdminService, records: StatusRecordService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['status-check'];
    app.get('/status-check/entry-points', { schema: { tags, summary: 'Chat and web entry points and the record kinds each may disclose', response: { 200: z.array(StatusEntryPoint) } }, config: { access: { permission: 'channels.read' } } }, async (r) =>
      admin.listEntryPoints(principalOf(r).ctx),
    );
    app.post('/status-check/entry-points', { schema: { tags, body: CreateStatusEntryPointRequest, response: { 201: StatusEntryPoint } }, config: { access: { permission: 'channels.manage' } } }, async (r, reply) =>
      reply.status(201).send(await admin.createEntryPoint(principalOf(r).ctx, r.body)),
    );
    app.patch('/status-check/entry-points/:id', { schema: { tags, params: IdParams, body: UpdateStatusEntryPointRequest, response: { 200: StatusEntryPoint } }, config: { access: { permission: 'channels.manage' } } }, async (r) =>
      admin.updateEntryPoint(principalOf(r).ctx, r.params.id, r.body),
    );
    app.get('/status-check/connectors', { schema: { tags, summary: 'Where each record kind is looked up (secrets never shown)', response: { 200: z.array(StatusConnector) } }, config: { access: { permission: 'channels.manage' } } }, async (r) =>
      admin.listConnectors(principalOf(r).ctx),
    );
    app.put(
      '/status-check/connectors/:kind',
      { schema: { tags, params: z.object({ kind: StatusRecordKind }), body: PutStatusConnectorRequest, response: { 200: StatusConnector } }, config: { access: { permission: 'channels.manage' } } },
      async (r) => admin.putConnector(principalOf(r).ctx, r.params.kind, r.body),
    );
    app.get(
      '/status-check/fraud-flags',
      { schema: { tags, summary: 'Callers blocked for trying many identifiers', querystring: z.object({ open: z.coerce.boolean().optional() }), response: { 200: z.array(StatusFraudFlag) } }, config: { access: { permission: 'status.fraud.read' } } },
      async (r) => admin.listFraudFlags(principalOf(r).ctx, { ...(r.query.open !== undefined ? { open: r.query.open } : {}) }),
    );
    app.post(
      '/status-check/fraud-flags/:id/review',
      { schema: { tags, params: IdParams, body: ReviewStatusFraudFlagRequest, response: { 200: z.object({ id: z.uuid(), reviewedAt: z.string(), blockedUntil: z.string() }) } }, config: { access: { permission: 'status.fraud.review' } } },
      async (r) => admin.reviewFraudFlag(principalOf(r).ctx, r.params.id, r.body),
    );
    app.post(
      '/status-check/records/:kind/import',
      {
        schema: { tags, summary: 'Import records of another system into the built-in store (JSON; the CLI takes CSV)', params: z.object({ kind: ExternalRecordKind }), body: z.array(z.record(z.string(), z.unknown())).max(5000), response: { 200: StatusImportResult } },
        config: { access: { permission: 'status.records.manage' } },
      },
      async (r) => records.importRecords(principalOf(r).ctx, r.params.kind, r.body),
    );
    app.get(
      '/citizens/:id/status-access',
      { schema: { tags, summary: 'Who checked this citizen’s data, when and through what channel', params: IdParams, response: { 200: z.array(StatusAccessEntry) } }, config: { access: { permission: 'citizens.read' } } },
      async (r) => admin.accessHistory(principalOf(r).ctx, r.params.id),
    );
  };
}
