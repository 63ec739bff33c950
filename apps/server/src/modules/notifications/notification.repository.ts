import { LANGUAGES, type Language } from '@civicline/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { createRowCache } from '../../platform/db/row-cache.ts';
import { notificationRules, notificationSettings, notificationTemplates, tenants } from '../../platform/db/schema/index.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { DEFAULT_TEMPLATE_CODES, defaultTemplate } from './default-templates.ts';
import { currencyOfCountry } from '../case-services/index.ts';
import { RuleConditions, TEMPLATE_CHANNELS, type RuleRecord, type TemplateChannel } from './rule-model.ts';

export type RuleRow = typeof notificationRules.$inferSelect;
export type TemplateRow = typeof notificationTemplates.$inferSelect;
export type SettingsRow = typeof notificationSettings.$inferSelect;

export function ruleRecord(r: RuleRow): RuleRecord {
  return {
    id: r.id,
    code: r.code,
    eventType: r.eventType,
    audience: r.audience as RuleRecord['audience'],
    conditions: RuleConditions.parse(r.conditions),
    channels: r.channels,
    fallback: r.fallback,
    urgent: r.urgent,
    exclusiveGroup: r.exclusiveGroup,
    priority: r.priority,
    templateCode: r.templateCode,
    enabled: r.enabled,
  };
}

// Institutions whose defaults this process already made sure of.
const seeded = new Set<string>();

/**
 * Rules, templates and settings are read for every step and change rarely: kept per process.
 * This node drops an entry when it writes the row; other nodes may use an old text or switch for
 * up to 10 s after an administrator's change.
 */
const CACHE_TTL_MS = 10_000;
export const notificationCaches = {
  rules: createRowCache<RuleRecord[]>(CACHE_TTL_MS),
  templates: createRowCache<TemplateRow[]>(CACHE_TTL_MS),
  settings: createRowCache<SettingsRow>(CACHE_TTL_MS),
};

/**
 * The notification rules, templates and settings of an institution. Defaults are written the
 * first time an institution needs them (new institutions, the demo ones, and those created before
 * notifications existed alike); a concurrent first use on another node inserts nothing twice.
 */
export const notificationRepository = {
  async ensureDefaults(q: DbOrTx, tenantId: string): Promise<void> {
    if (seeded.has(tenantId)) return;
    const [have] = await q.select({ tenantId: notificationSettings.tenantId }).from(notificationSettings).where(eq(notificationSettings.tenantId, tenantId));
    // Remembered only once seen committed: a first insert may still roll back with its transaction.
    if (have) {
      seeded.add(tenantId);
      return;
    }
    {
      const [tenant] = await q.select({ country: tenants.country }).from(tenants).where(eq(tenants.id, tenantId));
      if (!tenant) return;
      await q
        .insert(notificationRules)
        .values(
          DEFAULT_RULES.map((r) => ({
            tenantId,
            code: r.code,
            name: r.name,
            description: r.description,
            eventType: r.eventType,
            audience: r.audience,
            conditions: r.conditions,
            channels: r.channels,
            fallback: r.fallback,
            urgent: r.urgent ?? false,
            exclusiveGroup: r.exclusiveGroup ?? null,
            priority: r.priority ?? 100,
            templateCode: r.templateCode,
          })),
        )
        .onConflictDoNothing();
      const templates = DEFAULT_TEMPLATE_CODES.flatMap((code) =>
        LANGUAGES.flatMap((language) => {
          const t = defaultTemplate(code, language)!;
          return TEMPLATE_CHANNELS.map((channel) => ({ tenantId, code, channel, language, subject: channel === 'sms' ? null : t.subject, body: channel === 'sms' ? t.sms : t.body }));
        }),
      );
      await q.insert(notificationTemplates).values(templates).onConflictDoNothing();
      await q.insert(notificationSettings).values({ tenantId, currency: currencyOfCountry(tenant.country) }).onConflictDoNothing();
    }
  },

  async rulesFor(q: DbOrTx, tenantId: string, eventType: string): Promise<RuleRecord[]> {
    const cached = await notificationCaches.rules.get(`${tenantId}|${eventType}`, async () => {
      const rows = await q
        .select()
        .from(notificationRules)
        .where(and(eq(notificationRules.tenantId, tenantId), eq(notificationRules.eventType, eventType), eq(notificationRules.enabled, true)))
        .orderBy(asc(notificationRules.priority), asc(notificationRules.code));
      return rows.map(ruleRecord);
    });
    return cached ?? [];
  },

  async rule(q: DbOrTx, tenantId: string, id: string): Promise<RuleRow | undefined> {
    const [row] = await q.select().from(notificationRules).where(and(eq(notificationRules.tenantId, tenantId), eq(notificationRules.id, id)));
    return row;
  },

  async settings(q: DbOrTx, tenantId: string): Promise<SettingsRow> {
    await notificationRepository.ensureDefaults(q, tenantId);
    const row = await notificationCaches.settings.get(tenantId, async () => {
      const [r] = await q.select().from(notificationSettings).where(eq(notificationSettings.tenantId, tenantId));
      return r;
    });
    return row!;
  },

  /** The template text in the citizen's language, else the institution's, else English. */
  async template(q: DbOrTx, tenantId: string, code: string, channel: TemplateChannel, languages: Language[]): Promise<TemplateRow | undefined> {
    const rows =
      (await notificationCaches.templates.get(`${tenantId}|${code}|${channel}`, () =>
        q.select().from(notificationTemplates).where(and(eq(notificationTemplates.tenantId, tenantId), eq(notificationTemplates.code, code), eq(notificationTemplates.channel, channel))),
      )) ?? [];
    for (const language of [...languages, 'en' as const]) {
      const row = rows.find((r) => r.language === language);
      if (row) return row;
    }
    return undefined;
  },
};
