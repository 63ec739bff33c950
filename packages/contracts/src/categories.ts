import { z } from 'zod';
import { LocalizedText, Uuid } from './common.ts';

export const FIELD_TYPES = ['text', 'long_text', 'number', 'date', 'select', 'multi_select', 'boolean', 'file'] as const;

const FieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lower-case letters, digits and _, starting with a letter');

/** One custom field of a category; every case of the category is validated against these. */
export const FieldDefinition = z
  .object({
    key: FieldKey,
    type: z.enum(FIELD_TYPES),
    label: LocalizedText,
    help: LocalizedText.optional(),
    required: z.boolean().default(false),
    /** number: smallest value; text: shortest length; multi_select: fewest choices. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** text only: a regular expression the whole value must match. */
    pattern: z.string().max(300).optional(),
    options: z.array(z.object({ value: z.string().min(1).max(100), label: LocalizedText })).max(200).optional(),
  })
  .superRefine((f, ctx) => {
    const choice = f.type === 'select' || f.type === 'multi_select';
    if (choice && (!f.options || f.options.length === 0)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice field needs options' });
    if (!choice && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only choice fields have options' });
    if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Option values must be unique' });
    }
    if (f.pattern !== undefined) {
      if (f.type !== 'text') ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Only text fields have a pattern' });
      try {
        new RegExp(f.pattern);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Not a valid regular expression' });
      }
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
  });
export type FieldDefinition = z.infer<typeof FieldDefinition>;

export const FieldList = z
  .array(FieldDefinition)
  .max(100)
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, { message: 'Field keys must be unique' });

export const DeadlinePolicy = z.object({
  unit: z.enum(['calendar_days', 'working_days', 'working_hours']),
  amount: z.number().int().min(1).max(3650),
  /** RO law moves a term ending on a non-working day to the next working day; 59-FZ practice to the previous one. */
  endOnNonWorkingDay: z.enum(['next_working_day', 'previous_working_day', 'keep']).default('next_working_day'),
  /** One extension of at most this many days (0: none allowed). */
  maxExtensionDays: z.number().int().min(0).max(365).default(0),
  /** Days allowed to forward a request to the competent agency (59-FZ: 7). */
  forwardingDays: z.number().int().min(1).max(60).default(7),
  /** When a `case.deadline_approaching` warning is raised. */
  warnBeforeHours: z.number().int().min(1).max(24 * 60).default(72),
});
export type DeadlinePolicy = z.infer<typeof DeadlinePolicy>;

export const RoutingPolicy = z
  .object({
    strategy: z.enum(['manual', 'fixed', 'round_robin', 'least_loaded']),
    fixedUserId: Uuid.optional(),
    /** Supervisors who approve resolutions, besides the department's supervisors. */
    supervisorIds: z.array(Uuid).max(20).default([]),
  })
  .refine((r) => r.strategy !== 'fixed' || r.fixedUserId, { path: ['fixedUserId'], message: 'A fixed strategy needs a person' });
export type RoutingPolicy = z.infer<typeof RoutingPolicy>;

export const DISCLOSURE_LEVELS = ['L1', 'L2', 'L3'] as const;

/** The fields as given; no defaults, so that an update changes only what it names. */
const CategoryFields = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,32}$/, 'Letters, digits, _ and -, at most 32'),
  group: z.string().trim().min(1).max(64),
  name: LocalizedText,
  description: z.partialRecord(z.enum(['ro', 'ru', 'it', 'vi', 'en']), z.string().max(5000)),
  fields: FieldList,
  deadline: DeadlinePolicy,
  departmentId: Uuid,
  registerId: Uuid,
  routing: RoutingPolicy,
  sendSms: z.boolean(),
  instant: z.boolean(),
  sensitive: z.boolean(),
  disclosureLevel: z.enum(DISCLOSURE_LEVELS),
  allowAnonymous: z.boolean(),
  active: z.boolean(),
});

const CategoryBody = CategoryFields.extend({
  description: CategoryFields.shape.description.default({}),
  fields: FieldList.default([]),
  sendSms: z.boolean().default(false),
  instant: z.boolean().default(false),
  sensitive: z.boolean().default(false),
  disclosureLevel: z.enum(DISCLOSURE_LEVELS).default('L1'),
  allowAnonymous: z.boolean().default(false),
  active: z.boolean().default(true),
});
export const CreateCategoryRequest = CategoryBody;
// Partial of the fields without defaults: `{ name, version }` must not reset the fields and flags.
export const UpdateCategoryRequest = CategoryFields.omit({ code: true }).partial().extend({ version: z.number().int() });

export const Category = CategoryBody.extend({ id: Uuid, version: z.number().int() });
export type Category = z.infer<typeof Category>;

/** `{year}`, `{seq}` or `{seq:N}` (zero-padded to N digits), `{register}`; literal text around them. */
export const RegisterFormat = z
  .string()
  .trim()
  .min(5)
  .max(64)
  .refine((f) => /\{seq(:\d{1,2})?\}/.test(f), 'The format needs {seq} or {seq:N}')
  .refine((f) => !/\{(?!year\}|seq(:\d{1,2})?\}|register\})[^}]*\}/.test(f), 'Only {year}, {seq}, {seq:N} and {register} are known');

export const Register = z.object({
  id: Uuid,
  code: z.string(),
  name: LocalizedText,
  format: z.string(),
  yearly: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export const CreateRegisterRequest = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,16}$/, 'Letters, digits, _ and -, at most 16'),
  name: LocalizedText,
  format: RegisterFormat,
  yearly: z.boolean().default(true),
});
export const UpdateRegisterRequest = z.object({
  name: LocalizedText.optional(),
  format: RegisterFormat.optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});

export const CalendarDay = z.object({
  day: z.iso.date(),
  working: z.boolean().describe('true: a working day although normally not (a working Saturday); false: an extra holiday'),
  name: z.string().trim().min(1).max(200),
});
export const SuspensionReason = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), name: LocalizedText, active: z.boolean().default(true) });
