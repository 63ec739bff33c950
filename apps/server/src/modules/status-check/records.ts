import { z } from 'zod';
import { LEVELS, RECORD_KINDS, STATUS_LANGUAGES, type Level, type RecordKind } from './contract.ts';

/**
 * The shape every source (built-in store, HTTP, SQL) hands a record over in, before the level
 * cut and the choice of language: texts as { lang: text } maps (or one string for every language).
 */

const Lang = z.enum(STATUS_LANGUAGES);
export const SourceText = z.union([z.string().min(1).max(500), z.partialRecord(Lang, z.string().min(1).max(500))]);
export type SourceText = z.infer<typeof SourceText>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Instant = z.iso.datetime({ offset: true });
const Amount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = typeof v === 'number' ? String(v) : v.trim().replace(',', '.');
  if (!/^-?\d{1,12}(\.\d{1,4})?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'An amount like 123.45' });
    return z.NEVER;
  }
  return s;
});
export const SourceMoney = z.object({ amount: Amount, currency: z.string().regex(/^[A-Z]{3}$/) });

export const InvoiceSourceFacts = z.object({
  state: z.enum(['paid', 'due', 'overdue']),
  serviceName: SourceText,
  dueDate: Day.nullable().default(null),
  balance: SourceMoney,
  penalties: SourceMoney.nullable().default(null),
  consumption: z
    .object({ quantity: Amount, unit: z.string().min(1).max(20), periodFrom: Day.nullable().default(null), periodTo: Day.nullable().default(null) })
    .nullable()
    .default(null),
  lastPayments: z.array(z.object({ paidOn: Day, amount: SourceMoney })).max(24).default([]),
});
export const BenefitSourceFacts = z.object({
  state: z.enum(['submitted', 'under_evaluation', 'approved', 'rejected']),
  programmeName: SourceText,
  decidedOn: Day.nullable().default(null),
  rejectionReason: SourceText.nullable().default(null),
  amount: SourceMoney.nullable().default(null),
  nextPaymentOn: Day.nullable().default(null),
});
export const AppointmentSourceFacts = z.object({
  state: z.enum(['booked', 'confirmed', 'cancelled', 'done']),
  purpose: SourceText,
  startsAt: Instant,
  place: SourceText,
  placeId: z.string().max(100).nullable().default(null),
  caseId: z.uuid().nullable().default(null),
});
export const DocumentSourceFacts = z.object({
  state: z.enum(['in_preparation', 'ready_for_pickup', 'picked_up']),
  documentName: SourceText,
  readyFrom: Day.nullable().default(null),
  expectedOn: Day.nullable().default(null),
  pickupPlace: SourceText.nullable().default(null),
  bring: z.array(SourceText).max(20).default([]),
});

export const FACTS_BY_KIND = {
  invoice: InvoiceSourceFacts,
  local_tax: InvoiceSourceFacts,
  benefit: BenefitSourceFacts,
  appointment: AppointmentSourceFacts,
  document: DocumentSourceFacts,
} as const;
export type ExternalKind = keyof typeof FACTS_BY_KIND;
export const EXTERNAL_KINDS = Object.keys(FACTS_BY_KIND) as ExternalKind[];

export function isExternalKind(kind: string): kind is ExternalKind {
  return kind in FACTS_BY_KIND;
}

/** One record as a source returns it. */
export interface SourceRecord {
  kind: RecordKind;
  /** Stable key in its source: a case id, a status_records id, an external system's id or reference. */
  key: string;
  reference: string;
  citizenId: string | null;
  /** YYYY-MM-DD; for L2 by birth date. */
  birthDate: string | null;
  /** E.164; for L2 by last 4 digits and for L3 codes. */
  phone: string | null;
  levelNeeded: Level;
  sensitive: boolean;
  voiceOptOut: boolean;
  /** Validated facts of the kind (cases: see case-source.ts). */
  facts: Record<string, unknown>;
}

/** A record as an import or a connector gives it, validated. */
export const ImportedRecord = z.object({
  reference: z.string().trim().min(1).max(60),
  clientCode: z.string().trim().min(1).max(60).nullable().default(null),
  address: z.string().trim().min(3).max(300).nullable().default(null),
  nationalId: z.string().trim().min(5).max(64).nullable().default(null),
  birthDate: Day.nullable().default(null),
  phone: z.string().trim().min(5).max(30).nullable().default(null),
  levelNeeded: z.enum(LEVELS).default('L1'),
  sensitive: z.boolean().default(false),
  facts: z.record(z.string(), z.unknown()),
});
export type ImportedRecord = z.infer<typeof ImportedRecord>;

export function parseFacts(kind: ExternalKind, facts: unknown): { ok: true; facts: Record<string, unknown> } | { ok: false; message: string } {
  const r = FACTS_BY_KIND[kind].safeParse(facts);
  if (r.success) return { ok: true, facts: r.data as Record<string, unknown> };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.') || 'facts'}: ${i.message}`).join('; ') };
}

/** Picks the text in the language, else the first of the fallbacks present. */
export function pick(text: SourceText | null | undefined, language: string, fallback: string): string | null {
  if (text == null) return null;
  if (typeof text === 'string') return text;
  const map = text as Record<string, string | undefined>;
  return map[language] ?? map[fallback] ?? map.en ?? Object.values(map).find((v) => v !== undefined) ?? null;
}

/** Addresses compared loosely: case, accents, punctuation and "nr."/"str." noise do not matter. */
export function addressKey(address: string): string {
  return address
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\b(str|strada|nr|numar|numarul|bl|bloc|sc|ap|via|ул|улица|д|дом|кв|so|duong)\b\.?/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export const RECORD_KIND_SET = new Set<string>(RECORD_KINDS);
