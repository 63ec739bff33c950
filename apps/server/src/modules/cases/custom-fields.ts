import type { FieldDefinition } from '@civicline/contracts';
import type { FieldError } from '../../platform/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FieldCheck {
  values: Record<string, unknown>;
  errors: FieldError[];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Checks one value against its definition; returns an English message for staff, or null. */
function checkValue(f: FieldDefinition, v: unknown): string | null {
  switch (f.type) {
    case 'text':
    case 'long_text': {
      if (typeof v !== 'string') return 'Must be text';
      const max = f.max ?? (f.type === 'text' ? 500 : 20_000);
      if (f.min !== undefined && v.length < f.min) return `At least ${f.min} characters`;
      if (v.length > max) return `At most ${max} characters`;
      if (f.pattern !== undefined && !new RegExp(`^(?:${f.pattern})$`, 'u').test(v)) return 'Does not have the expected format';
      return null;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'Must be a number';
      if (f.min !== undefined && v < f.min) return `At least ${f.min}`;
      if (f.max !== undefined && v > f.max) return `At most ${f.max}`;
      return null;
    case 'date':
      if (typeof v !== 'string' || !DATE.test(v) || !realDate(v)) return 'Must be a date (YYYY-MM-DD)';
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : 'Must be yes or no';
    case 'select':
      if (typeof v !== 'string' || !f.options?.some((o) => o.value === v)) return 'Choose one of the options';
      return null;
    case 'multi_select': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options?.some((o) => o.value === x))) {
        return 'Choose from the options';
      }
      if (new Set(v).size !== v.length) return 'An option is chosen twice';
      if (f.min !== undefined && v.length < f.min) return `Choose at least ${f.min}`;
      if (f.max !== undefined && v.length > f.max) return `Choose at most ${f.max}`;
      return null;
    }
    case 'file':
      // A file field holds the id of one of the case's attachments.
      return typeof v === 'string' && UUID.test(v) ? null : 'Must be an uploaded file';
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
): FieldCheck {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ path: `customFields.${key}`, message: 'This category has no such field' });
  }
  for (const f of fields) {
    const v = values[f.key];
    if (isEmpty(v)) {
      if (f.required && opts.requireAll) errors.push({ path: `customFields.${f.key}`, message: 'Required' });
      continue;
    }
    const problem = checkValue(f, v);
    if (problem) errors.push({ path: `customFields.${f.key}`, message: problem });
    else out[f.key] = v;
  }
  return { values: out, errors };
}
