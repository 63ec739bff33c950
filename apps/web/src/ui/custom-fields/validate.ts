import type { FieldDefinition } from '@civicline/contracts';
import { isEmptyFieldValue, validateCustomFields, type CustomFieldError } from '@civicline/contracts/custom-fields';
import type { TFunction } from 'i18next';

/** Drops empty values, so that an emptied field is "not given", as the server sees it. */
export function cleanFieldValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !isEmptyFieldValue(v)));
}

/** A field's problem in the reader's language (the server's rules, the UI's words). */
export function fieldErrorText(t: TFunction, e: Pick<CustomFieldError, 'code' | 'params' | 'message'>): string {
  return t(`fieldErrors.${e.code}`, { ...(e.params ?? {}), defaultValue: e.message });
}

/**
 * Checks the values with the server's own rules; returns the messages per field key (empty when
 * all is well). Fields of type "file" are skipped when the form has no files to offer for them.
 */
export function checkFields(
  t: TFunction,
  fields: readonly FieldDefinition[],
  values: Record<string, unknown>,
  opts: { requireAll: boolean; skipFiles?: boolean },
): Record<string, string> {
  const used = opts.skipFiles ? fields.filter((f) => f.type !== 'file') : fields;
  const { errors } = validateCustomFields(used, cleanFieldValues(values), { requireAll: opts.requireAll });
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path.replace(/^customFields\./, '')] ??= fieldErrorText(t, e);
  return out;
}

/** The server's field errors (422 problem `errors`) for custom fields, keyed by field key. */
export function serverFieldErrors(errors: readonly { path: string; message: string; code?: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) if (e.path.startsWith('customFields.')) out[e.path.slice('customFields.'.length)] ??= e.message;
  return out;
}
