import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarDay, SuspensionReason } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { SlaService } from './sla.service.ts';

export function calendarRoutes(sla: SlaService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calendar/holidays',
      {
        schema: { tags: ['calendar'], summary: "Public holidays of the institution's country and its own days, for a year", querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: z.array(z.object({ day: z.string(), name: z.string(), working: z.boolean() })) } },
        config: { access: { permission: 'calendar.read' } },
      },
      async (request) => sla.holidays(principalOf(request).ctx, request.query.year),
    );
    app.get(
      '/calendar/days',
      { schema: { tags: ['calendar'], summary: "The institution's own non-working days and working Saturdays", response: { 200: z.array(CalendarDay) } }, config: { access: { permission: 'calendar.read' } } },
      async (request) => sla.listCalendarDays(principalOf(request).ctx),
    );
    app.put(
      '/calendar/days/:day',
      {
        schema: { tags: ['calendar'], params: z.object({ day: z.iso.date() }), body: CalendarDay.omit({ day: true }), response: { 200: z.array(CalendarDay) } },
        config: { access: { permission: 'calendar.manage' } },
      },
      async (request) => sla.putCalendarDay(principalOf(request).ctx, { day: request.params.day, ...request.body }),
    );
    app.delete(
      '/calendar/days/:day',
      { schema: { tags: ['calendar'], params: z.object({ day: z.iso.date() }), response: { 204: z.null() } }, config: { access: { permission: 'calendar.manage' } } },
      async (request, reply) => {
        await sla.deleteCalendarDay(principalOf(request).ctx, request.params.day);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/suspension-reasons',
      { schema: { tags: ['calendar'], summary: 'Reasons a case clock may be stopped', response: { 200: z.array(SuspensionReason) } }, config: { access: { permission: 'cases.read' } } },
      async (request) => sla.reasonsFor(principalOf(request).ctx),
    );
    app.put(
      '/suspension-reasons/:code',
      {
        schema: { tags: ['calendar'], params: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }), body: SuspensionReason.omit({ code: true }), response: { 200: z.array(SuspensionReason) } },
        config: { access: { permission: 'calendar.manage' } },
      },
      async (request) => sla.putSuspensionReason(principalOf(request).ctx, { code: request.params.code, ...request.body }),
    );
  };
}
