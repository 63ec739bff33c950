import { LANGUAGES, type Language } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { domainEvents, notificationRules, notificationSettings, notificationTemplates } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion, validationFailed } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { CaseService } from '../cases/index.ts';
import { parseTimeOfDay } from '../sla/index.ts';
import { acknowledgedChannels, planChannels } from './citizen-delivery.ts';
import { notificationCaches, notificationRepository, ruleRecord, type RuleRow, type TemplateRow } from './notification.repository.ts';
import { NOTIFIABLE_EVENTS } from './notification.service.ts';
import { assertValidTemplate, renderFor } from './render.ts';
import { FALLBACK_CHANNELS, RULE_CHANNELS, RuleConditions, TEMPLATE_CHANNELS, type TemplateChannel } from './rule-model.ts';
import { loadStepFacts, templateValues, type StepEvent } from './step-facts.ts';

const Texts = z.object({ en: z.string().trim().min(1).max(300), ro: z.string().trim().min(1).max(300) }).catchall(z.string().trim().max(300));
const LongTexts = z.object({ en: z.string().trim().max(2000), ro: z.string().trim().max(2000) }).catchall(z.string().trim().max(2000));

const RuleFields = z.object({
  name: Texts,
  description: LongTexts,
  conditions: RuleConditions,
  channels: z.array(z.enum(RULE_CHANNELS)).min(1).max(7),
  fallback: z.array(z.enum(FALLBACK_CHANNELS)).max(2),
  urgent: z.boolean(),
  exclusiveGroup: z.string().regex(/^[a-z][a-z0-9_-]{0,40}$/).nullable(),
  priority: z.number().int().min(0).max(1000),
  templateCode: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/),
  enabled: z.boolean(),
});
export const CreateRuleRequest = RuleFields.extend({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  eventType: z.enum(NOTIFIABLE_EVENTS as [string, ...string[]]),
  audience: z.enum(['citizen', 'staff']),
}).partial({ description: true, fallback: true, urgent: true, exclusiveGroup: true, priority: true, enabled: true, conditions: true });
export const UpdateRuleRequest = RuleFields.partial().extend({ version: z.number().int() });
export const UpdateTemplateRequest = z.object({ subject: z.string().trim().max(300).nullable().optional(), body: z.string().trim().min(1).max(4000), version: z.number().int().optional() });
export const PreviewRequest = z.object({
  channel: z.enum(TEMPLATE_CHANNELS),
  language: z.enum(LANGUAGES),
  subject: z.string().max(300).nullable().optional(),
  body: z.string().min(1).max(4000),
  /** A real case to fill the variables from; its latest event of the rule's type, if any. */
  caseId: z.uuid().optional(),
  eventType: z.string().max(60).optional(),
});
export const UpdateSettingsRequest = z.object({
  quietStart: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  quietEnd: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  version: z.number().int(),
});

export const presentRule = (r: RuleRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  eventType: r.eventType,
  audience: r.audience,
  conditions: r.conditions,
  channels: r.channels,
  fallback: r.fallback,
  urgent: r.urgent,
  exclusiveGroup: r.exclusiveGroup,
  priority: r.priority,
  templateCode: r.templateCode,
  enabled: r.enabled,
  version: r.version,
});
const presentTemplate = (t: TemplateRow) => ({ id: t.id, code: t.code, channel: t.channel, language: t.language, subject: t.subject, body: t.body, version: t.version, updatedAt: t.updatedAt.toISOString() });

/** What administrators do with rules, templates and settings; every change is audited. */
export function createNotificationAdminService(deps: { db: Db; clock: Clock; audit: AuditService; cases: CaseService; publicBaseUrl: string }) {
  const { db, audit } = deps;

  async function listRules(ctx: RequestContext) {
    await notificationRepository.ensureDefaults(db, ctx.tenantId);
    const rows = await db.select().from(notificationRules).where(eq(notificationRules.tenantId, ctx.tenantId)).orderBy(asc(notificationRules.eventType), asc(notificationRules.priority), asc(notificationRules.code));
    return rows.map(presentRule);
  }

  async function createRule(ctx: RequestContext, input: z.infer<typeof CreateRuleRequest>) {
    await notificationRepository.ensureDefaults(db, ctx.tenantId);
    return db.transaction(async (tx) => {
      const [clash] = await tx.select({ id: notificationRules.id }).from(notificationRules).where(and(eq(notificationRules.tenantId, ctx.tenantId), eq(notificationRules.code, input.code)));
      if (clash) throw new AppError('resource.conflict', 'A rule with this code exists', { errors: [{ path: 'code', message: 'Taken' }] });
      const [row] = await tx
        .insert(notificationRules)
        .values({
          tenantId: ctx.tenantId,
          code: input.code,
          name: input.name,
          description: input.description ?? { en: '', ro: '' },
          eventType: input.eventType,
          audience: input.audience,
          conditions: input.conditions ?? {},
          channels: input.channels,
          fallback: input.fallback ?? [],
          urgent: input.urgent ?? false,
          exclusiveGroup: input.exclusiveGroup ?? null,
          priority: input.priority ?? 100,
          templateCode: input.templateCode,
          enabled: input.enabled ?? true,
        })
        .returning();
      await audit.record(tx, ctx, { action: 'notification_rule.created', subjectType: 'notification_rule', subjectId: row!.id, details: { code: input.code } });
      return presentRule(row!);
    }).finally(() => notificationCaches.rules.invalidate());
  }

  async function updateRule(ctx: RequestContext, id: string, input: z.infer<typeof UpdateRuleRequest>) {
    return db.transaction(async (tx) => {
      const current = await notificationRepository.rule(tx, ctx.tenantId, id);
      if (!current) throw notFound('Rule');
      if (current.version !== input.version) throw staleVersion('Rule');
      const { version: _v, ...changes } = input;
      const [row] = await tx
        .update(notificationRules)
        .set({ ...changes, version: current.version + 1, updatedAt: sql`now()` })
        .where(and(eq(notificationRules.id, id), eq(notificationRules.version, input.version)))
        .returning();
      if (!row) throw staleVersion('Rule');
      await audit.record(tx, ctx, { action: 'notification_rule.updated', subjectType: 'notification_rule', subjectId: id, details: { changed: Object.keys(changes) } });
      return presentRule(row);
    }).finally(() => notificationCaches.rules.invalidate());
  }

  async function listTemplates(ctx: RequestContext, code?: string) {
    await notificationRepository.ensureDefaults(db, ctx.tenantId);
    const rows = await db
      .select()
      .from(notificationTemplates)
      .where(and(eq(notificationTemplates.tenantId, ctx.tenantId), code ? eq(notificationTemplates.code, code) : undefined))
      .orderBy(asc(notificationTemplates.code), asc(notificationTemplates.channel), asc(notificationTemplates.language));
    return rows.map((t) => ({ ...presentTemplate(t), sms: t.channel === 'sms' ? renderFor('sms', t.language as Language, t, {}).sms! : null }));
  }

  /** Writes one text of a template (creating it for a new template code). */
  async function putTemplate(ctx: RequestContext, key: { code: string; channel: TemplateChannel; language: Language }, input: z.infer<typeof UpdateTemplateRequest>) {
    assertValidTemplate('body', input.body);
    if (input.subject) assertValidTemplate('subject', input.subject);
    if (key.channel !== 'sms' && !input.subject) throw validationFailed([{ path: 'subject', message: 'E-mail and inbox messages need a subject' }]);
    await notificationRepository.ensureDefaults(db, ctx.tenantId);
    return db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(notificationTemplates)
        .where(and(eq(notificationTemplates.tenantId, ctx.tenantId), eq(notificationTemplates.code, key.code), eq(notificationTemplates.channel, key.channel), eq(notificationTemplates.language, key.language)))
        .for('update');
      if (current && input.version !== undefined && current.version !== input.version) throw staleVersion('Template');
      const subject = key.channel === 'sms' ? null : (input.subject ?? null);
      const [row] = current
        ? await tx.update(notificationTemplates).set({ subject, body: input.body, version: current.version + 1, updatedAt: sql`now()` }).where(eq(notificationTemplates.id, current.id)).returning()
        : await tx.insert(notificationTemplates).values({ tenantId: ctx.tenantId, ...key, subject, body: input.body }).returning();
      await audit.record(tx, ctx, { action: 'notification_template.updated', subjectType: 'notification_template', subjectId: row!.id, details: key });
      return { ...presentTemplate(row!), sms: key.channel === 'sms' ? renderFor('sms', key.language, row!, {}).sms! : null };
    }).finally(() => notificationCaches.templates.invalidate(`${ctx.tenantId}|${key.code}|${key.channel}`));
  }

  /**
   * A template filled with a real case's variables (its latest event of the given type, else the
   * case as it stands), with the SMS encoding and segment count. Reading the case is audited.
   */
  async function preview(ctx: RequestContext, input: z.infer<typeof PreviewRequest>) {
    assertValidTemplate('body', input.body);
    if (input.subject) assertValidTemplate('subject', input.subject);
    return db.transaction(async (tx) => {
      let values: Record<string, string> = {};
      let channels: { send: string[]; skipped: { channel: string; reason: string }[] } | null = null;
      if (input.caseId) {
        const kase = await deps.cases.readable(ctx, input.caseId, tx);
        const [last] = await tx
          .select()
          .from(domainEvents)
          .where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.subjectType, 'case'), eq(domainEvents.subjectId, kase.id), input.eventType ? eq(domainEvents.type, input.eventType) : undefined))
          .orderBy(sql`${domainEvents.occurredAt} DESC`)
          .limit(1);
        const ev: StepEvent = last
          ? { id: last.id, tenantId: last.tenantId, type: last.type, subjectType: last.subjectType, subjectId: last.subjectId, payload: last.payload, occurredAt: last.occurredAt }
          : { id: kase.id, tenantId: ctx.tenantId, type: input.eventType ?? 'case.registered', subjectType: 'case', subjectId: kase.id, payload: {}, occurredAt: deps.clock.now() };
        const facts = await loadStepFacts(tx, ev);
        if (facts) {
          values = templateValues(facts, ev, input.language, deps.publicBaseUrl);
          const rules = input.eventType ? await notificationRepository.rulesFor(tx, ctx.tenantId, input.eventType) : [];
          const first = rules.find((r) => r.audience === 'citizen');
          if (first) channels = planChannels(first, facts, await acknowledgedChannels(tx, ctx.tenantId, kase.id));
        }
        await audit.record(tx, ctx, { action: 'notification.previewed', subjectType: 'case', subjectId: kase.id, purpose: 'case_handling', details: { eventType: input.eventType ?? null } });
      }
      const rendered = renderFor(input.channel, input.language, { subject: input.subject ?? null, body: input.body }, values);
      return { subject: rendered.subject, body: rendered.body, sms: rendered.sms ?? null, values, channels };
    });
  }

  async function getSettings(ctx: RequestContext) {
    const s = await notificationRepository.settings(db, ctx.tenantId);
    return { quietStart: s.quietStart, quietEnd: s.quietEnd, currency: s.currency, version: s.version };
  }

  async function updateSettings(ctx: RequestContext, input: z.infer<typeof UpdateSettingsRequest>) {
    for (const k of ['quietStart', 'quietEnd'] as const) {
      const v = input[k];
      if (v === undefined) continue;
      try {
        parseTimeOfDay(v);
      } catch {
        throw validationFailed([{ path: k, message: 'A time of day, HH:MM' }]);
      }
    }
    await notificationRepository.ensureDefaults(db, ctx.tenantId);
    return db.transaction(async (tx) => {
      const { version, ...changes } = input;
      const [row] = await tx
        .update(notificationSettings)
        .set({ ...changes, version: sql`${notificationSettings.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(notificationSettings.tenantId, ctx.tenantId), eq(notificationSettings.version, version)))
        .returning();
      if (!row) throw staleVersion('Settings');
      await audit.record(tx, ctx, { action: 'notification_settings.updated', subjectType: 'tenant', subjectId: ctx.tenantId, details: changes });
      return { quietStart: row.quietStart, quietEnd: row.quietEnd, currency: row.currency, version: row.version };
    }).finally(() => notificationCaches.settings.invalidate(ctx.tenantId));
  }

  return { listRules, createRule, updateRule, listTemplates, putTemplate, preview, getSettings, updateSettings, ruleRecord };
}

export type NotificationAdminService = ReturnType<typeof createNotificationAdminService>;
