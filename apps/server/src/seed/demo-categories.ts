/**
 * The demo institutions' numbering registers and categories (procedures), created through the
 * register and category services like an administrator would, plus the hints the case generator
 * uses for each category: how often it is asked for, on which channels, how cases of it end,
 * and plausible values for its custom fields.
 */
import { CreateCategoryRequest, CreateRegisterRequest, type CaseStatus, type Channel, type LocalizedText } from '@civicline/contracts';
import type { z } from 'zod';
import type { Container } from '../container.ts';
import type { CategoryRecord } from '../modules/categories/index.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import type { Rng } from './demo-random.ts';

type ChannelName = z.infer<typeof Channel>;
type FieldInput = z.input<typeof CreateCategoryRequest>['fields'] extends (infer F)[] | undefined ? F : never;
type DeadlineInput = z.input<typeof CreateCategoryRequest>['deadline'];

/** How a case is meant to end; time may run out first (then it stays open where it got to). */
export type Outcome = 'closed' | 'resolved' | 'rejected' | 'redirected' | 'withdrawn' | 'reopened' | 'stalled' | 'draft';

export interface ValueHelpers {
  r: Rng;
  /** Where the case is about (a street of the town, often the citizen's own). */
  place: { street: string; nr: number; address: string };
  /** The citizen's tax or utility account code, when they have one. */
  clientCode: string | null;
  hasEmail: boolean;
  /** Local year of the request. */
  year: number;
  /** A local date (YYYY-MM-DD) this many days before/after the request. */
  dateBefore(minDays: number, maxDays: number): string;
  dateAfter(minDays: number, maxDays: number): string;
  district(): string;
}

export interface DemoCategory {
  code: string;
  group: string;
  name: LocalizedText;
  description: Partial<Record<'ro' | 'ru' | 'en', string>>;
  fields: FieldInput[];
  deadline: DeadlineInput;
  department: string;
  register: string;
  routing: { strategy: 'manual' | 'fixed' | 'round_robin' | 'least_loaded'; fixed?: string; supervisors: string[] };
  sendSms?: boolean;
  instant?: boolean;
  sensitive?: boolean;
  disclosureLevel: 'L1' | 'L2' | 'L3';
  allowAnonymous?: boolean;
  demo: {
    weight: number;
    channels: Partial<Record<ChannelName, number>>;
    outcomes: Partial<Record<Outcome, number>>;
    /** Share of requests filed anonymously (categories that allow it) or by organisations. */
    anonymous?: number;
    organisations?: number;
    /** Share of cases with a map location. */
    location?: number;
    /** Departments a case of this category may be redirected to inside the institution. */
    redirectTo?: string[];
    /** Agencies (keys of the content's agencies) it may be forwarded to; `agencyField` picks it from a field. */
    agencies?: string[];
    agencyField?: string;
    /** Select fields whose labels are names (districts, agencies): kept as written in sentences. */
    properNames?: string[];
    /** How the answer goes back, when a field of the case says it (59-FZ: by post or e-mail). */
    returnMethod?(values: Record<string, unknown>): 'in_person' | 'post' | 'online';
    /** Statuses a case may get stuck in when its outcome is "stalled". */
    stallAt?: Partial<Record<CaseStatus, number>>;
    values(h: ValueHelpers): Record<string, unknown>;
  };
}

export interface DemoRegister {
  code: string;
  name: LocalizedText;
  format: string;
}

export interface DemoSetup {
  registers: DemoRegister[];
  categories: DemoCategory[];
}

// ---- small builders for field definitions -------------------------------------------------

type Lang = 'ro' | 'ru';
const label = (lang: Lang, local: string, en: string): LocalizedText => ({ [lang]: local, en });

/** `[value, local label, English label]` triples into select options. */
export function options(lang: Lang, spec: [string, string, string][]) {
  return spec.map(([value, local, en]) => ({ value, label: label(lang, local, en) }));
}

export function field(
  lang: Lang,
  key: string,
  type: FieldInput['type'],
  local: string,
  en: string,
  more: Partial<Omit<FieldInput, 'key' | 'type' | 'label'>> = {},
): FieldInput {
  return { key, type, label: label(lang, local, en), required: true, ...more };
}

/** The label of a select value in the tenant's language, lower-cased unless it is a name (Ghișeul.ro, МВД). */
export function optionText(def: DemoCategory, key: string, value: unknown, lang: Lang): string {
  const f = def.fields.find((x) => x.key === key);
  const text = f?.options?.find((o) => o.value === value)?.label[lang] ?? String(value);
  const keepCase = def.demo.properNames?.includes(key) || text.includes('.') || /^\p{Lu}{2}/u.test(text) || /\s\p{Lu}/u.test(text);
  return keepCase ? text : text[0]!.toLowerCase() + text.slice(1);
}

// ---- creation through the services ---------------------------------------------------------

export interface SeededCategory {
  def: DemoCategory;
  record: CategoryRecord;
  register: { id: string; code: string; format: string; yearly: boolean };
}

/**
 * Creates the registers and categories that do not exist yet (by code), so a run interrupted
 * half-way completes on the next one; returns every demo category with its record.
 */
export async function seedCategories(
  c: Container,
  ctx: RequestContext,
  setup: DemoSetup,
  ids: { departments: Map<string, string>; users: Map<string, string> },
): Promise<{ seeded: SeededCategory[]; created: number }> {
  let created = 0;
  const registers = new Map((await c.registers.list(ctx)).map((r) => [r.code, r]));
  for (const reg of setup.registers) {
    if (registers.has(reg.code)) continue;
    const r = await c.registers.create(ctx, CreateRegisterRequest.parse({ ...reg, yearly: true }));
    registers.set(r.code, r);
    created++;
  }
  const existing = new Map((await c.categories.list(ctx)).map((k) => [k.code, k]));
  const seeded: SeededCategory[] = [];
  const need = (map: Map<string, string>, key: string) => {
    const v = map.get(key);
    if (!v) throw new Error(`demo seed: "${key}" is missing from the demo institution`);
    return v;
  };
  for (const def of setup.categories) {
    const register = registers.get(def.register);
    if (!register) throw new Error(`demo seed: register ${def.register} is missing`);
    let record = existing.get(def.code);
    if (!record) {
      record = await c.categories.create(
        ctx,
        CreateCategoryRequest.parse({
          code: def.code,
          group: def.group,
          name: def.name,
          description: def.description,
          fields: def.fields,
          deadline: def.deadline,
          departmentId: need(ids.departments, def.department),
          registerId: register.id,
          routing: {
            strategy: def.routing.strategy,
            ...(def.routing.fixed ? { fixedUserId: need(ids.users, def.routing.fixed) } : {}),
            supervisorIds: def.routing.supervisors.map((s) => need(ids.users, s)),
          },
          sendSms: def.sendSms ?? false,
          instant: def.instant ?? false,
          sensitive: def.sensitive ?? false,
          disclosureLevel: def.disclosureLevel,
          allowAnonymous: def.allowAnonymous ?? false,
        }),
      );
      created++;
    }
    seeded.push({ def, record, register: { id: register.id, code: register.code, format: register.format, yearly: register.yearly } });
  }
  return { seeded, created };
}
