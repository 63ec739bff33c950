import { LANGUAGES, type Language } from '@civicline/contracts';
import { and, asc, eq } from 'drizzle-orm';
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
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, ev.tenantId));
  if (!tenant) return null;
  const caseId = ev.subjectType === 'case' ? ev.subjectId : typeof ev.payload.caseId === 'string' ? ev.payload.caseId : null;
  const [kase] = caseId ? await tx.select().from(cases).where(and(eq(cases.tenantId, ev.tenantId), eq(cases.id, caseId))) : [];
  const [category] = kase ? await tx.select({ name: categories.name, sendSms: categories.sendSms, instant: categories.instant }).from(categories).where(eq(categories.id, kase.categoryId)) : [];
  const [department] = kase ? await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, kase.departmentId)) : [];
  const citizenId = kase?.citizenId ?? (typeof ev.payload.citizenId === 'string' ? ev.payload.citizenId : null);
  const defaultLanguage = asLanguage(tenant.defaultLanguage, 'en');
  let citizen: StepFacts['citizen'] = null;
  if (citizenId) {
    const [c] = await tx.select().from(citizens).where(and(eq(citizens.tenantId, ev.tenantId), eq(citizens.id, citizenId)));
    if (c) {
      const contacts = await tx
        .select({ kind: citizenContacts.kind, value: citizenContacts.value })
        .from(citizenContacts)
        .where(and(eq(citizenContacts.tenantId, ev.tenantId), eq(citizenContacts.citizenId, c.id)))
        .orderBy(asc(citizenContacts.createdAt));
      const consents = await tx
        .select({ channel: citizenChannelConsents.channel, granted: citizenChannelConsents.granted })
        .from(citizenChannelConsents)
        .where(and(eq(citizenChannelConsents.tenantId, ev.tenantId), eq(citizenChannelConsents.citizenId, c.id)));
      citizen = {
        id: c.id,
        language: asLanguage(c.preferredLanguage, defaultLanguage),
        preferredChannel: c.preferredChannel,
        phone: contacts.find((x) => x.kind === 'phone')?.value ?? null,
        email: contacts.find((x) => x.kind === 'email')?.value ?? null,
        refused: new Set(consents.filter((x) => !x.granted).map((x) => x.channel)),
      };
    }
  }
  return {
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, timeZone: tenant.timeZone, defaultLanguage },
    kase: kase ?? null,
    category: category ?? null,
    departmentName: department?.name ?? null,
    citizen,
  };
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
