import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, LANGUAGES } from '@civicline/contracts';
import { z } from 'zod';
import { principalOf } from '../identity/index.ts';
import { CreateRuleRequest, PreviewRequest, UpdateRuleRequest, UpdateSettingsRequest, UpdateTemplateRequest, type NotificationAdminService } from './notification-admin.service.ts';
import { NOTIFIABLE_EVENTS } from './notification.service.ts';
import { TEMPLATE_CHANNELS } from './rule-model.ts';

const TemplateKey = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/), channel: z.enum(TEMPLATE_CHANNELS), language: z.enum(LANGUAGES) });

/** Administrators' notification rules, templates (with preview) and settings. */
export function notificationAdminRoutes(admin: NotificationAdminService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    const read = { access: { permission: 'notifications.read' as const } };
    const manage = { access: { permission: 'notifications.manage' as const } };
    app.get('/notification-events', { schema: { tags, summary: 'The events a rule may be written for' }, config: read }, async () => NOTIFIABLE_EVENTS);
    app.get('/notification-rules', { schema: { tags, summary: 'The institution’s notification rules (the defaults are created on first use)' }, config: read }, async (request) => admin.listRules(principalOf(request).ctx));
    app.post('/notification-rules', { schema: { tags, summary: 'Add a rule', body: CreateRuleRequest }, config: manage }, async (request, reply) =>
      reply.code(201).send(await admin.createRule(principalOf(request).ctx, request.body)),
    );
    app.patch('/notification-rules/:id', { schema: { tags, summary: 'Edit a rule or switch it off', params: IdParams, body: UpdateRuleRequest }, config: manage }, async (request) =>
      admin.updateRule(principalOf(request).ctx, request.params.id, request.body),
    );
    app.get('/notification-templates', { schema: { tags, summary: 'Template texts, with each SMS text’s encoding and segment count', querystring: z.object({ code: z.string().max(60).optional() }) }, config: read }, async (request) =>
      admin.listTemplates(principalOf(request).ctx, request.query.code),
    );
    app.put('/notification-templates/:code/:channel/:language', { schema: { tags, summary: 'Write one template text (ICU MessageFormat)', params: TemplateKey, body: UpdateTemplateRequest }, config: manage }, async (request) =>
      admin.putTemplate(principalOf(request).ctx, request.params, request.body),
    );
    app.post('/notification-templates/preview', { schema: { tags, summary: 'A template filled from a real case, with SMS encoding and segments', body: PreviewRequest }, config: manage }, async (request) =>
      admin.preview(principalOf(request).ctx, request.body),
    );
    app.get('/notification-settings', { schema: { tags, summary: 'Quiet hours and currency' }, config: read }, async (request) => admin.getSettings(principalOf(request).ctx));
    app.patch('/notification-settings', { schema: { tags, summary: 'Change quiet hours or currency', body: UpdateSettingsRequest }, config: manage }, async (request) =>
      admin.updateSettings(principalOf(request).ctx, request.body),
    );
  };
}
