/**
 * Demo records of other systems for the status check: utility invoices, local taxes, social
 * benefit files and issued documents of the demo citizens (imported through the same service as
 * `civicline import`, so national IDs are indexed and encrypted), a web-chat entry point, and
 * bookable pickup slots at the registry for the next two weeks.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Container } from '../container.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import { citizenContacts, citizens, statusRecords, statusSlots } from '../platform/db/schema/index.ts';
import { createRng, int, pick, type Rng } from './demo-random.ts';

type Lang = 'ro' | 'ru';

type Text = Record<string, string>;
interface DemoTexts {
  water: Text;
  tax: Text;
  benefits: Text[];
  rejection: Text;
  documents: Text[];
  place: Text;
  bring: Text[];
  currency: string;
  prefix: { invoice: string; tax: string; benefit: string; document: string };
}

const TEXT: Record<Lang, DemoTexts> = {
  ro: {
    water: { ro: 'Apă și canalizare', en: 'Water and sewerage' },
    tax: { ro: 'Impozit pe clădiri', en: 'Building tax' },
    benefits: [
      { ro: 'Ajutor pentru încălzirea locuinței', en: 'Home heating aid' },
      { ro: 'Alocație pentru susținerea familiei', en: 'Family support allowance' },
      { ro: 'Ajutor social (venit minim de incluziune)', en: 'Minimum inclusion income' },
    ],
    rejection: { ro: 'Venitul net pe membru de familie depășește plafonul legal', en: 'The net income per family member is above the legal ceiling' },
    documents: [
      { ro: 'Certificat de naștere (duplicat)', en: 'Birth certificate (duplicate)' },
      { ro: 'Certificat de căsătorie', en: 'Marriage certificate' },
      { ro: 'Certificat fiscal', en: 'Fiscal certificate' },
    ],
    place: { ro: 'Registratura generală, ghișeul 2', en: 'General registry, desk 2' },
    bring: [{ ro: 'Cartea de identitate', en: 'Identity card' }, { ro: 'Dovada plății taxei', en: 'Proof of the fee payment' }],
    currency: 'RON',
    prefix: { invoice: 'AQ', tax: 'IMP', benefit: 'DAS', document: 'SC' },
  },
  ru: {
    water: { ru: 'Водоснабжение и водоотведение', en: 'Water and sewerage' },
    tax: { ru: 'Налог на имущество', en: 'Property tax' },
    benefits: [
      { ru: 'Ежемесячная выплата на ребёнка', en: 'Monthly child benefit' },
      { ru: 'Компенсация расходов на ЖКУ', en: 'Housing and utilities compensation' },
      { ru: 'Государственная социальная помощь', en: 'State social assistance' },
    ],
    rejection: { ru: 'Среднедушевой доход семьи превышает прожиточный минимум', en: 'The family income per person is above the subsistence minimum' },
    documents: [
      { ru: 'Повторное свидетельство о рождении', en: 'Birth certificate (duplicate)' },
      { ru: 'Архивная справка', en: 'Archive certificate' },
      { ru: 'Выписка из реестра', en: 'Register extract' },
    ],
    place: { ru: 'Приёмная, окно 3', en: 'Reception, window 3' },
    bring: [{ ru: 'Паспорт', en: 'Passport' }, { ru: 'Квитанция об оплате пошлины', en: 'Receipt of the fee' }],
    currency: 'RUB',
    prefix: { invoice: 'VK', tax: 'NI', benefit: 'SZ', document: 'AR' },
  },
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const money = (r: Rng, min: number, max: number) => `${int(r, min, max)}.${String(int(r, 0, 99)).padStart(2, '0')}`;

export async function seedDemoStatus(c: Container, ctx: RequestContext, opts: { language: Lang; seed: number; people: number }): Promise<number> {
  const [any] = await c.db.select({ id: statusRecords.id }).from(statusRecords).where(eq(statusRecords.tenantId, ctx.tenantId)).limit(1);
  if (any) return 0;
  const r = createRng(opts.seed);
  const t = TEXT[opts.language];
  const now = c.clock.now();
  const persons = await c.db
    .select()
    .from(citizens)
    .where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.kind, 'person'), isNotNull(citizens.nationalIdCipher)))
    .orderBy(asc(citizens.createdAt), asc(citizens.id))
    .limit(opts.people);
  const phones = new Map(
    (await c.db.select().from(citizenContacts).where(and(eq(citizenContacts.tenantId, ctx.tenantId), eq(citizenContacts.kind, 'phone')))).map((k) => [k.citizenId, k.value]),
  );
  const clientCodes = new Map(
    (await c.db.select().from(citizenContacts).where(and(eq(citizenContacts.tenantId, ctx.tenantId), eq(citizenContacts.kind, 'client_code')))).map((k) => [k.citizenId, k.value]),
  );
  const rows: Record<'invoice' | 'local_tax' | 'benefit' | 'document', Record<string, unknown>[]> = { invoice: [], local_tax: [], benefit: [], document: [] };
  persons.forEach((p, i) => {
    const person = {
      nationalId: c.cipher.decrypt(p.nationalIdCipher!),
      birthDate: p.birthDate ?? null,
      phone: phones.get(p.id) ?? null,
      address: (p.addresses as { line?: string }[])[0]?.line ?? null,
    };
    const n = String(100000 + i * 37 + int(r, 0, 30));
    const due = new Date(now.getTime() + int(r, -20, 25) * 86_400_000);
    const state = due < now ? (r() < 0.5 ? 'overdue' : 'paid') : 'due';
    rows.invoice.push({
      ...person,
      reference: `${t.prefix.invoice}-${n}`,
      clientCode: clientCodes.get(p.id) ?? `C${n}`,
      facts: {
        state,
        serviceName: t.water,
        dueDate: day(due),
        balance: { amount: state === 'paid' ? '0.00' : money(r, 40, 260), currency: t.currency },
        penalties: state === 'overdue' ? { amount: money(r, 1, 15), currency: t.currency } : null,
        consumption: { quantity: String(int(r, 3, 18)), unit: 'm3', periodFrom: day(new Date(now.getTime() - 60 * 86_400_000)), periodTo: day(new Date(now.getTime() - 30 * 86_400_000)) },
        lastPayments: [{ paidOn: day(new Date(now.getTime() - int(r, 25, 40) * 86_400_000)), amount: { amount: money(r, 40, 200), currency: t.currency } }],
      },
    });
    if (i % 2 === 0) {
      rows.local_tax.push({
        ...person,
        reference: `${t.prefix.tax}-${n}`,
        facts: { state: r() < 0.7 ? 'due' : 'paid', serviceName: t.tax, dueDate: `${now.getUTCFullYear() + 1}-03-31`, balance: { amount: money(r, 150, 1800), currency: t.currency }, penalties: null, consumption: null, lastPayments: [] },
      });
    }
    if (i % 3 === 0) {
      const benefitState = pick(r, ['submitted', 'under_evaluation', 'approved', 'rejected'] as const);
      rows.benefit.push({
        ...person,
        reference: `${t.prefix.benefit}-${n}`,
        facts: {
          state: benefitState,
          programmeName: pick(r, t.benefits),
          decidedOn: benefitState === 'approved' || benefitState === 'rejected' ? day(new Date(now.getTime() - int(r, 1, 20) * 86_400_000)) : null,
          rejectionReason: benefitState === 'rejected' ? t.rejection : null,
          amount: benefitState === 'approved' ? { amount: money(r, 200, 900), currency: t.currency } : null,
          nextPaymentOn: benefitState === 'approved' ? day(new Date(now.getTime() + int(r, 3, 25) * 86_400_000)) : null,
        },
      });
    }
    if (i % 4 === 0) {
      const ready = r() < 0.6;
      rows.document.push({
        ...person,
        reference: `${t.prefix.document}-${n}`,
        facts: {
          state: ready ? 'ready_for_pickup' : 'in_preparation',
          documentName: pick(r, t.documents),
          readyFrom: ready ? day(new Date(now.getTime() - int(r, 0, 5) * 86_400_000)) : null,
          expectedOn: ready ? null : day(new Date(now.getTime() + int(r, 2, 12) * 86_400_000)),
          pickupPlace: t.place,
          bring: t.bring,
        },
      });
    }
  });
  let imported = 0;
  for (const kind of ['invoice', 'local_tax', 'benefit', 'document'] as const) {
    const result = await c.statusCheck.records.importRecords(ctx, kind, rows[kind]);
    if (result.errors.length > 0) throw new Error(`demo ${kind} records do not import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    imported += result.imported;
  }
  await c.statusCheck.admin.createEntryPoint(ctx, { channel: 'chat', name: opts.language === 'ro' ? 'Chat pe portal' : 'Чат на портале', disclosableKinds: ['case', 'invoice', 'local_tax', 'benefit', 'appointment', 'document'], defaultLanguage: opts.language });
  // Pickup slots: every half hour from 9:00 to 12:00 (UTC+2/+3 offices open 9–14 local), working days only, two weeks.
  const slots: (typeof statusSlots.$inferInsert)[] = [];
  for (let d = 1; d <= 14; d++) {
    const date = new Date(now.getTime() + d * 86_400_000);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    for (let m = 7 * 60; m < 10 * 60; m += 30) {
      const startsAt = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 0, m));
      slots.push({ tenantId: ctx.tenantId, placeId: 'registry', place: t.place, startsAt, capacity: 2 });
    }
  }
  if (slots.length > 0) await c.db.insert(statusSlots).values(slots).onConflictDoNothing();
  return imported;
}
