/**
 * An institution for status-check tests (and the assistant's transcripts): a register, ordinary,
 * L2 and sensitive categories, a citizen with a national ID, birth date and mobile phone, their
 * registered cases, imported outside records, phone lines with what each may disclose, a web
 * chat entry point and bookable pickup slots. Everything goes through the real services.
 */
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { systemContext } from '../../src/platform/auth/context.ts';
import { outboundMessages } from '../../src/platform/db/schema/index.ts';
import { generateNationalId } from '../../src/modules/citizens/index.ts';
import type { RecordKind, StatusContext, StatusLanguage } from '../../src/modules/status-check/index.ts';
import { createTenant, type TestContext } from './harness.ts';

export const BIRTH_DATE = '1984-03-07';

/** A random Romanian mobile number, unique enough across test files sharing a database. */
export const randomMobile = () => `+4072${randomInt(2, 4)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

export interface StatusFixture {
  tenantId: string;
  slug: string;
  citizenId: string;
  cnp: string;
  phone: string;
  lines: { general: string; fiscal: string; social: string; none: string };
  chatEntryPoint: string;
  cases: { approved: string; l2: string; sensitive: string };
  records: { invoice: string; benefit: string; document: string };
  clientCode: string;
  slot: { placeId: string; startsAt: string; later: string };
  /** A status context on a line, as a channel would build it. */
  ctx(over?: Partial<StatusContext>): StatusContext;
  /** The last one-time code texted to `phone`, read from the development sink's outbound rows. */
  lastCode(phone?: string): Promise<string | null>;
  messagesTo(phone: string): Promise<{ purpose: string; body: string }[]>;
}

export async function createStatusFixture(t: TestContext, opts: { language?: StatusLanguage } = {}): Promise<StatusFixture> {
  const c = t.c;
  const tenant = await createTenant(c, { name: 'Primăria Status' });
  const sys = systemContext(tenant.id, 'test');
  const dept = await c.departments.create(sys, { code: 'REG', name: { ro: 'Registratură', en: 'Registry' }, parentId: null, email: null });
  const register = await c.registers.create(sys, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
  const common = {
    group: 'general',
    description: { ro: 'Descriere' },
    departmentId: dept.id,
    registerId: register.id,
    routing: { strategy: 'manual' as const, supervisorIds: [] },
    deadline: { unit: 'calendar_days' as const, amount: 30, endOnNonWorkingDay: 'next_working_day' as const, maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
    sendSms: false,
    instant: false,
    allowAnonymous: false,
    active: true,
    fields: [],
  };
  const fiscal = await c.categories.create(sys, { ...common, code: 'CF', name: { ro: 'Certificat fiscal', en: 'Fiscal certificate', ru: 'Налоговая справка', it: 'Certificato fiscale', vi: 'Giấy chứng nhận thuế' }, sensitive: false, disclosureLevel: 'L1' });
  const permit = await c.categories.create(sys, { ...common, code: 'AC', name: { ro: 'Autorizație de construire', en: 'Building permit' }, sensitive: false, disclosureLevel: 'L2' });
  const health = await c.categories.create(sys, { ...common, code: 'MED', name: { ro: 'Dosar medical', en: 'Medical file' }, sensitive: true, disclosureLevel: 'L3' });

  const cnp = generateNationalId('ro_cnp', Math.random, { birthDate: BIRTH_DATE, sex: 'F' });
  const phone = randomMobile();
  const citizen = await c.citizens.create(sys, {
    kind: 'person',
    firstName: 'Ioana',
    lastName: 'Marin',
    birthDate: BIRTH_DATE,
    preferredLanguage: opts.language ?? 'ro',
    preferredChannel: 'sms',
    addresses: [],
    phones: [phone],
    emails: [],
    clientCodes: [],
    nationalId: cnp,
    voiceOptOut: false,
  });
  const open = (categoryId: string, subject: string) => c.cases.create(sys, { categoryId, channel: 'web', citizenId: citizen.id, subject, description: 'Solicit.', customFields: {}, priority: 'normal', draft: false });
  const approved = await open(fiscal.id, 'Certificat fiscal pentru vânzare');
  const l2 = await open(permit.id, 'Autorizație casă');
  const sensitive = await open(health.id, 'Dosar medical');

  const clientCode = `CL${randomInt(100000, 999999)}`;
  const suffix = randomInt(100000, 999999);
  const imported = async (kind: 'invoice' | 'benefit' | 'document', record: Record<string, unknown>) => {
    const r = await c.statusCheck.records.importRecords(sys, kind, [record]);
    if (r.errors.length) throw new Error(JSON.stringify(r.errors));
  };
  const invoice = `FAC-${suffix}`;
  await imported('invoice', {
    reference: invoice,
    clientCode,
    address: 'Str. Florilor nr. 3, Cluj-Napoca',
    nationalId: cnp,
    birthDate: BIRTH_DATE,
    phone,
    facts: {
      state: 'overdue',
      serviceName: { ro: 'Apă și canalizare', en: 'Water and sewerage' },
      dueDate: '2026-11-15',
      balance: { amount: '123.45', currency: 'RON' },
      penalties: { amount: '4.10', currency: 'RON' },
      consumption: { quantity: '8.5', unit: 'm3', periodFrom: '2026-10-01', periodTo: '2026-10-31' },
      lastPayments: [{ paidOn: '2026-10-12', amount: { amount: '98.00', currency: 'RON' } }],
    },
  });
  const benefit = `SOC-${suffix}`;
  await imported('benefit', {
    reference: benefit,
    nationalId: cnp,
    birthDate: BIRTH_DATE,
    phone,
    facts: { state: 'rejected', programmeName: { ro: 'Ajutor de încălzire', en: 'Heating aid' }, decidedOn: '2026-11-20', rejectionReason: { ro: 'Venitul depășește plafonul', en: 'Income above the ceiling' } },
  });
  const document = `DOC-${suffix}`;
  await imported('document', {
    reference: document,
    nationalId: cnp,
    birthDate: BIRTH_DATE,
    phone,
    facts: { state: 'ready_for_pickup', documentName: { ro: 'Certificat de naștere', en: 'Birth certificate' }, readyFrom: '2026-12-15', pickupPlace: { ro: 'Registratura, ghișeul 2', en: 'Registry, desk 2' }, bring: [{ ro: 'Cartea de identitate', en: 'Identity card' }] },
  });

  const line = async (name: string, kinds: RecordKind[]) =>
    (await c.channelConfig.createLine(sys, { number: randomMobile(), name, sms: true, voice: true, categoryId: null, departmentId: null, disclosableKinds: kinds })).id;
  const lines = {
    general: await line('Linia generală', ['case', 'document', 'appointment', 'invoice', 'benefit']),
    fiscal: await line('Serviciul fiscal', ['invoice', 'local_tax']),
    social: await line('Asistență socială', ['benefit']),
    none: await line('Fără dezvăluiri', []),
  };
  const chat = await c.statusCheck.admin.createEntryPoint(sys, { channel: 'chat', name: 'Chat portal', disclosableKinds: ['case', 'document', 'invoice', 'benefit', 'appointment'], defaultLanguage: 'ro' });

  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  startsAt.setUTCHours(8, 0, 0, 0);
  const later = new Date(startsAt.getTime() + 86_400_000);
  const placeId = `desk-${suffix}`;
  await t.database.query(
    `INSERT INTO status_slots (tenant_id, place_id, place, starts_at, capacity) VALUES ($1, $2, $3, $4, 1), ($1, $2, $3, $5, 1)`,
    [tenant.id, placeId, JSON.stringify({ ro: 'Registratura, ghișeul 2', en: 'Registry, desk 2' }), startsAt.toISOString(), later.toISOString()],
  );

  async function messagesTo(to: string) {
    const rows = await c.db.select({ purpose: outboundMessages.purpose, body: outboundMessages.body, createdAt: outboundMessages.createdAt }).from(outboundMessages).where(eq(outboundMessages.toAddress, to));
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(({ purpose, body }) => ({ purpose, body }));
  }

  return {
    tenantId: tenant.id,
    slug: tenant.slug,
    citizenId: citizen.id,
    cnp,
    phone,
    lines,
    chatEntryPoint: chat.id,
    cases: { approved: approved.registrationNumber!, l2: l2.registrationNumber!, sensitive: sensitive.registrationNumber! },
    records: { invoice, benefit, document },
    clientCode,
    slot: { placeId, startsAt: startsAt.toISOString(), later: later.toISOString() },
    ctx: (over = {}) => ({ tenantId: tenant.id, entryPointId: lines.general, channel: 'voice', callerKey: phone, language: opts.language ?? 'ro', conversationId: null, ...over }),
    async lastCode(to = phone) {
      const otp = (await messagesTo(to)).filter((m) => m.purpose === 'otp').pop();
      return otp?.body.match(/\b(\d{6})\b/)?.[1] ?? null;
    },
    messagesTo,
  };
}
