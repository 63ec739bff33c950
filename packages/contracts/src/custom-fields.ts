import type { FieldDefinition } from './categories.ts';

/**
 * Validation of a category's custom field values: one set of rules for the server (which refuses
 * bad values) and the web forms (which show the same problems field by field before sending).
 * Each problem has an English message for logs and staff, and a `code` with `params` that clients
 * translate.
 */
export type CustomFieldProblem =
  | 'required'
  | 'unknown_field'
  | 'not_text'
  | 'too_short'
  | 'too_long'
  | 'bad_format'
  | 'not_number'
  | 'too_small'
  | 'too_large'
  | 'not_date'
  | 'not_boolean'
  | 'not_option'
  | 'duplicate_option'
  | 'too_few_options'
  | 'too_many_options'
  | 'not_file';

export interface CustomFieldError {
  path: string;
  message: string;
  code: CustomFieldProblem;
  params?: Record<string, number>;
}

export interface CustomFieldCheck {
  values: Record<string, unknown>;
  errors: CustomFieldError[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The longest text a field takes when its definition names no `max`. */
export const defaultMaxLength = (type: 'text' | 'long_text') => (type === 'text' ? 500 : 20_000);

export const isEmptyFieldValue = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

type Problem = { code: CustomFieldProblem; message: string; params?: Record<string, number> };
const problem = (code: CustomFieldProblem, message: string, params?: Record<string, number>): Problem => ({ code, message, ...(params ? { params } : {}) });

/** Checks one non-empty value against its definition. */
export function checkFieldValue(f: FieldDefinition, v: unknown): Problem | null {
  switch (f.type) {
    case 'text':
    case 'long_text': {
      if (typeof v !== 'string') return problem('not_text', 'Must be text');
      const max = f.max ?? defaultMaxLength(f.type);
      if (f.min !== undefined && v.length < f.min) return problem('too_short', `At least ${f.min} characters`, { min: f.min });
      if (v.length > max) return problem('too_long', `At most ${max} characters`, { max });
      if (f.pattern !== undefined && !new RegExp(`^(?:${f.pattern})$`, 'u').test(v)) return problem('bad_format', 'Does not have the expected format');
      return null;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return problem('not_number', 'Must be a number');
      if (f.min !== undefined && v < f.min) return problem('too_small', `At least ${f.min}`, { min: f.min });
      if (f.max !== undefined && v > f.max) return problem('too_large', `At most ${f.max}`, { max: f.max });
      return null;
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v) || !realDate(v)) return problem('not_date', 'Must be a date (YYYY-MM-DD)');
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : problem('not_boolean', 'Must be yes or no');
    case 'select':
      if (typeof v !== 'string' || !f.options?.some((o) => o.value === v)) return problem('not_option', 'Choose one of the options');
      return null;
    case 'multi_select': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options?.some((o) => o.value === x))) {
        return problem('not_option', 'Choose from the options');
      }
      if (new Set(v).size !== v.length) return problem('duplicate_option', 'An option is chosen twice');
      if (f.min !== undefined && v.length < f.min) return problem('too_few_options', `Choose at least ${f.min}`, { min: f.min });
      if (f.max !== undefined && v.length > f.max) return problem('too_many_options', `Choose at most ${f.max}`, { max: f.max });
      return null;
    }
    case 'file':
      // A file field holds the id of one of the case's attachments.
      return typeof v === 'string' && UUID.test(v) ? null : problem('not_file', 'Must be an uploaded file');
  }
}

/**
 * Validates custom field values against a category's schema. Unknown keys are refused (they
 * would be silently lost otherwise). Drafts may leave required fields empty; registration may not.
 */
export function validateCustomFields(
  fields: readonly FieldDefinition[],
  values: Record<string, unknown>,
  opts: { requireAll: boolean },
): CustomFieldCheck {
  const errors: CustomFieldError[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ path: `customFields.${key}`, code: 'unknown_field', message: 'This category has no such field' });
  }
  for (const f of fields) {
    const v = values[f.key];
    if (isEmptyFieldValue(v)) {
      if (f.required && opts.requireAll) errors.push({ path: `customFields.${f.key}`, code: 'required', message: 'Required' });
      continue;
    }
    const p = checkFieldValue(f, v);
    if (p) errors.push({ path: `customFields.${f.key}`, ...p });
    else out[f.key] = v;
  }
  return { values: out, errors };
}
