import { Checkbox, Group, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { FieldDefinition } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';
import { pickText } from '../localized.ts';

export interface CustomFieldsFormProps {
  fields: readonly FieldDefinition[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onChange: (key: string, value: unknown) => void;
  /** Language of the labels (the category's texts). */
  lang: string;
  /** Files a "file" field may point to (a case's attachments); without them the field is explained, not asked. */
  fileOptions?: { value: string; label: string }[];
  readOnly?: boolean;
  idPrefix?: string;
}

// The date picker (and its date library) loads only when a form has a date field.
const DateInput = lazy(() => import('@mantine/dates').then((m) => ({ default: m.DateInput })));

const toDate = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** Renders a category's custom fields from its schema: one Mantine input per field type. */
export function CustomFieldsForm({ fields, values, errors, onChange, lang, fileOptions, readOnly, idPrefix = 'cf' }: CustomFieldsFormProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {fields.map((f) => {
        const common = {
          id: `${idPrefix}-${f.key}`,
          label: pickText(f.label, lang),
          description: f.help ? pickText(f.help, lang) : undefined,
          withAsterisk: f.required,
          required: f.required,
          error: errors[f.key],
          readOnly,
          'data-field': f.key,
        };
        const v = values[f.key];
        switch (f.type) {
          case 'text':
            return <TextInput key={f.key} {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(f.key, e.currentTarget.value)} />;
          case 'long_text':
            return <Textarea key={f.key} {...common} autosize minRows={3} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(f.key, e.currentTarget.value)} />;
          case 'number':
            return (
              <NumberInput
                key={f.key}
                {...common}
                min={f.min}
                max={f.max}
                value={typeof v === 'number' ? v : ''}
                onChange={(n) => onChange(f.key, typeof n === 'number' ? n : n === '' ? undefined : Number(n))}
              />
            );
          case 'date':
            return (
              <Suspense key={f.key} fallback={<TextInput {...common} value={toDate(v) ?? ''} readOnly />}>
                <DateInput {...common} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable value={toDate(v)} onChange={(d) => onChange(f.key, d ?? undefined)} />
              </Suspense>
            );
          case 'select': {
            const options = (f.options ?? []).map((o) => ({ value: o.value, label: pickText(o.label, lang) }));
            // A native <select>: the phone's own picker, and no popup library for the portal to load.
            return (
              <NativeSelect
                key={f.key}
                {...common}
                data={[{ value: '', label: t('fields.choose') }, ...options]}
                value={typeof v === 'string' ? v : ''}
                onChange={(e) => onChange(f.key, e.currentTarget.value || undefined)}
                disabled={readOnly}
              />
            );
          }
          case 'multi_select':
            return (
              <Checkbox.Group key={f.key} {...common} value={Array.isArray(v) ? (v as string[]) : []} onChange={(x) => onChange(f.key, x)}>
                <Group mt={4} gap="md">
                  {(f.options ?? []).map((o) => (
                    <Checkbox key={o.value} value={o.value} label={pickText(o.label, lang)} disabled={readOnly} />
                  ))}
                </Group>
              </Checkbox.Group>
            );
          case 'boolean':
            return (
              <Checkbox
                key={f.key}
                id={common.id}
                data-field={f.key}
                label={common.label}
                description={common.description}
                error={common.error}
                disabled={readOnly}
                checked={v === true}
                onChange={(e) => onChange(f.key, e.currentTarget.checked)}
              />
            );
          case 'file':
            return fileOptions ? (
              <NativeSelect
                key={f.key}
                {...common}
                data={[{ value: '', label: t('fields.choose') }, ...fileOptions]}
                value={typeof v === 'string' ? v : ''}
                onChange={(e) => onChange(f.key, e.currentTarget.value || undefined)}
                disabled={readOnly}
              />
            ) : (
              <Text key={f.key} size="sm" id={common.id}>
                {common.label}: {t('fields.fileBelow')}
              </Text>
            );
        }
      })}
    </Stack>
  );
}
