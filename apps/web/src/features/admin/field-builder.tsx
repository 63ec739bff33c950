import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { FIELD_TYPES, LANGUAGES, type FieldDefinition } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';

export type DraftField = FieldDefinition;

const CHOICE = (t: DraftField['type']) => t === 'select' || t === 'multi_select';

/** Problems of the field list by path ("3.label", "1.options"), as FieldList reports them. */
export type FieldErrors = Record<string, string>;

function LabelsEditor({ value, onChange, label, error, idPrefix }: { value: Partial<Record<string, string>>; onChange: (v: Partial<Record<string, string>>) => void; label: string; error?: string | undefined; idPrefix: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`${idPrefix}-title`}>
        {label}
      </Text>
      <Group gap="xs" grow role="group" aria-labelledby={`${idPrefix}-title`}>
        {LANGUAGES.map((l) => (
          <TextInput
            key={l}
            size="xs"
            label={l.toUpperCase()}
            lang={l}
            value={value[l] ?? ''}
            onChange={(e) => {
              const next = { ...value, [l]: e.currentTarget.value };
              if (!e.currentTarget.value) delete next[l];
              onChange(next);
            }}
            error={l === 'ro' ? error : undefined}
          />
        ))}
      </Group>
    </Stack>
  );
}

/**
 * The field builder of a category: add, order, type, labels in every language, options with
 * translated labels, required, limits. What it builds is checked with the contracts' FieldList.
 */
export function FieldBuilder({ fields, onChange, errors }: { fields: DraftField[]; onChange: (f: DraftField[]) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<DraftField>) => onChange(fields.map((f, j) => (j === i ? ({ ...f, ...patch } as DraftField) : f)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...fields];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    onChange(next);
  };
  const add = () => onChange([...fields, { key: `field_${fields.length + 1}`, type: 'text', label: { en: '' }, required: false }]);

  return (
    <Stack gap="sm" data-testid="field-builder">
      {fields.length === 0 && <Text size="sm">{t('admin.fields.none')}</Text>}
      {fields.map((f, i) => (
        <Card key={i} withBorder padding="sm" data-field-index={i} component="fieldset" aria-label={t('admin.fields.fieldN', { n: i + 1, key: f.key })}>
          <Stack gap="xs">
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput label={t('admin.fields.key')} value={f.key} onChange={(e) => set(i, { key: e.currentTarget.value })} error={errors[`${i}.key`]} w={180} required />
                <Select
                  label={t('admin.fields.type')}
                  data={FIELD_TYPES.map((x) => ({ value: x, label: t(`fieldType.${x}`) }))}
                  value={f.type}
                  onChange={(v) => {
                    const type = (v ?? 'text') as DraftField['type'];
                    const patch: Partial<DraftField> = { type };
                    if (CHOICE(type) && !f.options) patch.options = [{ value: 'option_1', label: { en: '' } }];
                    if (!CHOICE(type)) patch.options = undefined;
                    if (type !== 'text') patch.pattern = undefined;
                    set(i, patch);
                  }}
                  allowDeselect={false}
                  w={170}
                />
                <Switch label={t('admin.fields.required')} checked={f.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} mb={6} />
              </Group>
              <Group gap={4}>
                <Tooltip label={t('admin.fields.up')}>
                  <ActionIcon variant="default" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('admin.fields.upN', { key: f.key })}>
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('admin.fields.down')}>
                  <ActionIcon variant="default" onClick={() => move(i, 1)} disabled={i === fields.length - 1} aria-label={t('admin.fields.downN', { key: f.key })}>
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('admin.fields.remove')}>
                  <ActionIcon variant="default" color="red" onClick={() => onChange(fields.filter((_, j) => j !== i))} aria-label={t('admin.fields.removeN', { key: f.key })}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
            <LabelsEditor idPrefix={`f${i}-label`} label={t('admin.fields.label')} value={f.label} onChange={(label) => set(i, { label: label as DraftField['label'] })} error={errors[`${i}.label`]} />
            {(f.type === 'number' || f.type === 'text' || f.type === 'long_text' || f.type === 'multi_select') && (
              <Group gap="xs">
                <NumberInput size="xs" label={t('admin.fields.min')} value={f.min ?? ''} onChange={(v) => set(i, { min: typeof v === 'number' ? v : undefined })} w={120} />
                <NumberInput size="xs" label={t('admin.fields.max')} value={f.max ?? ''} onChange={(v) => set(i, { max: typeof v === 'number' ? v : undefined })} error={errors[`${i}.max`]} w={120} />
                {f.type === 'text' && <TextInput size="xs" label={t('admin.fields.pattern')} value={f.pattern ?? ''} onChange={(e) => set(i, { pattern: e.currentTarget.value || undefined })} error={errors[`${i}.pattern`]} w={220} />}
              </Group>
            )}
            {CHOICE(f.type) && (
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  {t('admin.fields.options')}
                </Text>
                {errors[`${i}.options`] && (
                  <Text size="sm" c="red.9" role="alert">
                    {errors[`${i}.options`]}
                  </Text>
                )}
                {(f.options ?? []).map((o, k) => (
                  <Card key={k} withBorder padding="xs">
                    <Group align="flex-end" gap="xs" wrap="nowrap">
                      <TextInput
                        size="xs"
                        label={t('admin.fields.optionValue')}
                        value={o.value}
                        onChange={(e) => set(i, { options: f.options!.map((x, j) => (j === k ? { ...x, value: e.currentTarget.value } : x)) })}
                        w={140}
                      />
                      <div style={{ flex: 1 }}>
                        <LabelsEditor
                          idPrefix={`f${i}-o${k}`}
                          label={t('admin.fields.optionLabel')}
                          value={o.label}
                          onChange={(label) => set(i, { options: f.options!.map((x, j) => (j === k ? { ...x, label: label as typeof x.label } : x)) })}
                          error={errors[`${i}.options.${k}.label`]}
                        />
                      </div>
                      <ActionIcon variant="default" onClick={() => set(i, { options: f.options!.filter((_, j) => j !== k) })} aria-label={t('admin.fields.removeOption', { value: o.value })}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Card>
                ))}
                <Button size="xs" variant="default" w="fit-content" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set(i, { options: [...(f.options ?? []), { value: `option_${(f.options?.length ?? 0) + 1}`, label: { en: '' } }] })}>
                  {t('admin.fields.addOption')}
                </Button>
              </Stack>
            )}
          </Stack>
        </Card>
      ))}
      <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={add} w="fit-content" data-testid="add-field">
        {t('admin.fields.add')}
      </Button>
    </Stack>
  );
}
