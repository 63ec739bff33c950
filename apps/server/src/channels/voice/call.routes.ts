import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachCallerRequest, CallScreenPop, IdParams, OpenCallDraftRequest } from '@civicline/contracts';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../modules/identity/index.ts';
import type { CallService } from './call.service.ts';

const READ = { access: { permission: 'citizens.read' as const } };
const HEARTBEAT_MS = 20_000;

/** The operator console's view of incoming calls: the list, one call, and the live stream. */
export function callRoutes(calls: CallService): FastifyPluginAsyncZod {
  return async (app) => {
    const streams = new Set<ServerResponse>();
    app.addHook('onClose', async () => {
      for (const s of streams) s.end();
      streams.clear();
    });

    app.get(
      '/calls/active',
      { schema: { tags: ['calls'], summary: 'Calls ringing or in progress now, each with its screen-pop (the caller, their open cases, recent contacts)', response: { 200: z.array(CallScreenPop) } }, config: READ },
      async (request) => calls.active(principalOf(request).ctx),
    );

    app.get(
      '/calls/stream',
      {
        schema: { tags: ['calls'], summary: 'Server-sent events: `call` (CallScreenPop) when a call arrives or changes, `call_ended` ({id}) when it is over. Ask with Accept: text/event-stream.' },
        config: READ,
      },
      async (request, reply) => {
        if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
          throw new AppError('request.bad_request', 'This is an event stream: ask for it with Accept: text/event-stream (EventSource does)');
        }
        if (request.method === 'HEAD') return reply.type('text/event-stream').send();
        const { ctx } = principalOf(request);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': String(request.id),
        });
        streams.add(res);
        const send = (event: string, id: string, data: unknown) => res.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
        // One change at a time, in order, so a `call_ended` never overtakes the `call` it ends.
        let queue = Promise.resolve();
        const deliver = (callId: string, status: string) => {
          queue = queue
            .then(async () => {
              if (res.writableEnded) return;
              if (status === 'ended') {
                const ended = await calls.ended(ctx, callId);
                if (ended) send('call_ended', callId, ended);
              } else {
                send('call', callId, await calls.get(ctx, callId));
              }
            })
            .catch((err) => request.log.error({ err }, 'screen-pop event failed'));
        };
        const unsubscribe = calls.hub.subscribe(ctx.tenantId, (change) => deliver(change.callId, change.status));
        const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(res);
        };
        request.raw.on('close', close);
        res.on('close', close);
        res.write('retry: 3000\n\n');
        queue = queue.then(async () => {
          for (const call of await calls.active(ctx)) send('call', call.id, call);
        }).catch((err) => request.log.error({ err }, 'screen-pop snapshot failed'));
      },
    );

    app.get(
      '/calls/:id',
      { schema: { tags: ['calls'], summary: 'One call with its screen-pop (also after it ended)', params: IdParams, response: { 200: CallScreenPop } }, config: READ },
      async (request) => calls.get(principalOf(request).ctx, request.params.id),
    );

    app.post(
      '/calls/:id/caller',
      {
        schema: { tags: ['calls'], summary: 'Say who the caller is: the call and its draft move to that citizen (an unknown number’s placeholder record is merged into it)', params: IdParams, body: AttachCallerRequest, response: { 200: CallScreenPop } },
        config: { access: { permission: 'citizens.manage' } },
      },
      async (request) => calls.attachCaller(principalOf(request).ctx, request.params.id, request.body),
    );

    app.post(
      '/calls/:id/draft',
      {
        schema: {
          tags: ['calls'],
          summary: 'Open the call’s draft in the category the operator chooses, when its line opened none (it has no category); a call with a draft gets it back',
          params: IdParams,
          body: OpenCallDraftRequest,
          response: { 200: CallScreenPop },
        },
        config: { access: { permission: 'cases.create' } },
      },
      async (request) => calls.openDraftFor(principalOf(request).ctx, request.params.id, request.body),
    );
  };
}
