import { LANGUAGES, type Language } from '@civicline/contracts';
import { and, asc } from 'drizzle-orm';
import { anyUuid } from '../../platform/db/any-of.ts';
import type { Tx } from '../../platform/db/client.ts';
import { cases, categories, citizenChannelConsents, citizenContacts, citizens, departments, tenants } from '../../platform/db/schema/index.ts';
import { formatAmount, formatDay, formatMoment, type TemplateValues } from './render.ts';

/** A domain event as notifications read it. */
export interface StepEvent {
  id: string;
  tenantId: string;
  type: string;
  subjectType: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** Everything a rule and its templates need about one step of a case (or an appointment). */
export interface StepFacts {
  tenant: { id: string; name: string; slug: string; timeZone: string; defaultLanguage: Language };
  kase: typeof cases.$inferSelect | null;
  category: { name: Record<string, string>; sendSms: boolean; instant: boolean } | null;
  departmentName: Record<string, string> | null;
  citizen: {
    id: string;
    language: Language;
    preferredChannel: string;
    phone: string | null;
    email: string | null;
    /** Channels the citizen withdrew consent for. */
    refused: Set<string>;
  } | null;
}

const asLanguage = (l: string | null | undefined, fallback: Language): Language => ((LANGUAGES as readonly string[]).includes(l ?? '') ? (l as Language) : fallback);

export async function loadStepFacts(tx: Tx, ev: StepEvent): Promise<StepFacts | null> {
  return (await loadStepFactsMany(tx, [ev])).get(ev.id) ?? null;
}

const caseIdOf = (ev: StepEvent): string | null => (ev.subjectType === 'case' ? ev.subjectId : typeof ev.payload.caseId === 'string' ? ev.payload.caseId : null);

/**
 * The facts of many steps at once, one statement per table whatever their number (a worker
 * dispatches its steps in batches): the map has an entry for each step whose institution exists.
 */
export async function loadStepFactsMany(tx: Tx, events: readonly StepEvent[]): Promise<Map<string, StepFacts>> {
  const out = new Map<string, StepFacts>();
  if (events.length === 0) return out;
  const uniq = <T,>(xs: (T | null | undefined)[]) => [...new Set(xs.filter((x): x is T => x !== null && x !== undefined))];
  const tenantIds = uniq(events.map((e) => e.tenantId));
  const tenantRows = await tx.select().from(tenants).where(anyUuid(tenants.id, tenantIds));
  const tenantById = new Map(tenantRows.map((t) => [t.id, t]));
  const caseIds = uniq(events.map(caseIdOf));
  const caseRows = caseIds.length ? await tx.select().from(cases).where(anyUuid(cases.id, caseIds)) : [];
  const caseByKey = new Map(caseRows.map((c) => [`${c.tenantId}|${c.id}`, c]));
  const categoryIds = uniq(caseRows.map((c) => c.categoryId));
  const categoryRows = categoryIds.length ? await tx.select({ id: categories.id, name: categories.name, sendSms: categories.sendSms, instant: categories.instant }).from(categories).where(anyUuid(categories.id, categoryIds)) : [];
  const categoryById = new Map(categoryRows.map((c) => [c.id, c]));
  const departmentIds = uniq(caseRows.map((c) => c.departmentId));
  const departmentRows = departmentIds.length ? await tx.select({ id: departments.id, name: departments.name }).from(departments).where(anyUuid(departments.id, departmentIds)) : [];
  const departmentById = new Map(departmentRows.map((d) => [d.id, d]));
  const citizenIdOf = (ev: StepEvent) => caseByKey.get(`${ev.tenantId}|${caseIdOf(ev)}`)?.citizenId ?? (typeof ev.payload.citizenId === 'string' ? ev.payload.citizenId : null);
  const citizenIds = uniq(events.map(citizenIdOf));
  const citizenRows = citizenIds.length ? await tx.select().from(citizens).where(anyUuid(citizens.id, citizenIds)) : [];
  const contactRows = citizenIds.length
    ? await tx.select({ citizenId: citizenContacts.citizenId, tenantId: citizenContacts.tenantId, kind: citizenContacts.kind, value: citizenContacts.value }).from(citizenContacts).where(and(anyUuid(citizenContacts.tenantId, tenantIds), anyUuid(citizenContacts.citizenId, citizenIds))).orderBy(asc(citizenContacts.createdAt))
    : [];
  const consentRows = citizenIds.length
    ? await tx.select({ citizenId: citizenChannelConsents.citizenId, tenantId: citizenChannelConsents.tenantId, channel: citizenChannelConsents.channel, granted: citizenChannelConsents.granted }).from(citizenChannelConsents).where(and(anyUuid(citizenChannelConsents.tenantId, tenantIds), anyUuid(citizenChannelConsents.citizenId, citizenIds)))
    : [];
  for (const ev of events) {
    const tenant = tenantById.get(ev.tenantId);
    if (!tenant) continue;
    const kase = caseByKey.get(`${ev.tenantId}|${caseIdOf(ev)}`) ?? null;
    const category = kase ? categoryById.get(kase.categoryId) : undefined;
    const department = kase ? departmentById.get(kase.departmentId) : undefined;
    const defaultLanguage = asLanguage(tenant.defaultLanguage, 'en');
    const citizenId = citizenIdOf(ev);
    // Every row is the step's own institution's: an id from another tenant finds nothing.
    const c = citizenRows.find((x) => x.id === citizenId && x.tenantId === ev.tenantId);
    let citizen: StepFacts['citizen'] = null;
    if (c) {
      const contacts = contactRows.filter((x) => x.citizenId === c.id && x.tenantId === ev.tenantId);
      const consents = consentRows.filter((x) => x.citizenId === c.id && x.tenantId === ev.tenantId);
      citizen = {
        id: c.id,
        language: asLanguage(c.preferredLanguage, defaultLanguage),
        preferredChannel: c.preferredChannel,
        phone: contacts.find((x) => x.kind === 'phone')?.value ?? null,
        email: contacts.find((x) => x.kind === 'email')?.value ?? null,
        refused: new Set(consents.filter((x) => !x.granted).map((x) => x.channel)),
      };
    }
    out.set(ev.id, {
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, timeZone: tenant.timeZone, defaultLanguage },
      kase,
      category: category ? { name: category.name, sendSms: category.sendSms, instant: category.instant } : null,
      departmentName: department?.name ?? null,
      citizen,
    });
  }
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const dateOf = (v: unknown): Date | null => {
  if (v instanceof Date) return v;
  if (typeof v !== 'string' || !v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * The template variables of a step, in the citizen's language: the case's number, category and
 * dates in the institution's time zone; amounts in the fee's currency; the event's own fields.
 */
export function templateValues(f: StepFacts, ev: StepEvent, language: Language, publicBaseUrl: string): TemplateValues {
  const p = ev.payload;
  const tz = f.tenant.timeZone;
  const day = (d: Date | null) => (d ? formatDay(language, tz, d) : '');
  const moment = (d: Date | null) => (d ? formatMoment(language, tz, d) : '');
  const localized = (m: Record<string, string> | null | undefined) => (m ? (m[language] ?? m[f.tenant.defaultLanguage] ?? m.en ?? Object.values(m)[0] ?? '') : '');
  const number = f.kase?.registrationNumber ?? str(p.registrationNumber);
  const agency = (p.agency ?? (f.kase?.redirect as { agency?: unknown } | null)?.agency) as { name?: string; contact?: string } | undefined;
  const amountMinor = typeof p.amountMinor === 'number' ? p.amountMinor : null;
  return {
    institution: f.tenant.name,
    number,
    category: localized(f.category?.name),
    subject: f.kase?.subject ?? '',
    department: localized(f.departmentName),
    date: day(f.kase?.registeredAt ?? ev.occurredAt),
    due: day(f.kase?.dueAt ?? dateOf(p.dueAt)),
    newDue: day(dateOf(p.dueAt) ?? f.kase?.dueAt ?? null),
    reason: str(p.reason),
    agency: agency?.name ?? '',
    agencyContact: agency?.contact ?? '',
    amount: amountMinor !== null && typeof p.currency === 'string' ? formatAmount(language, p.currency, amountMinor) : '',
    receiptNumber: str(p.receiptNumber),
    payUrl: str(p.payUrl),
    postalCode: str(p.postalCode),
    trackingNumber: str(p.trackingNumber),
    address: str(p.address),
    startsAt: moment(dateOf(p.startsAt)),
    previousStartsAt: moment(dateOf(p.previousStartsAt)),
    place: str(p.place),
    statusUrl: number ? `${publicBaseUrl}/portal/${f.tenant.slug}/status?number=${encodeURIComponent(number)}` : `${publicBaseUrl}/portal/${f.tenant.slug}`,
  };
}
