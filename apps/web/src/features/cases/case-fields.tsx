import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CaseDetail, Category } from '@civicline/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';
import { CustomFieldsForm } from '../../ui/custom-fields/custom-fields-form.tsx';
import { checkFields, cleanFieldValues, serverFieldErrors } from '../../ui/custom-fields/validate.ts';

const FINAL = ['resolved', 'closed', 'rejected', 'redirected', 'withdrawn'];

/** The category's own fields of a case, edited with the same rules as the server, field by field. */
export function CaseFields({ c, category, attachments, onSave }: {
  c: CaseDetail;
  category: Category | undefined;
  attachments: { value: string; label: string }[];
  onSave: (customFields: Record<string, unknown>) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<string, unknown>>(c.customFields);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!dirty) setValues(c.customFields);
  }, [c.customFields, dirty]);
  if (!category || category.fields.length === 0) return null;
  const readOnly = FINAL.includes(c.status);

  const save = async () => {
    const problems = checkFields(t, category.fields, values, { requireAll: c.status !== 'draft' });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await onSave(cleanFieldValues(values));
      setDirty(false);
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('case.fieldsSaved') });
    } catch (err) {
      if (err instanceof ApiError) {
        const fromServer = serverFieldErrors(err.fieldErrors);
        setErrors(fromServer);
        if (Object.keys(fromServer).length === 0) notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: t(`errors.${err.code}`, { defaultValue: err.message }) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fields-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="fields-title">
          {t('case.fields')}
        </Title>
        <CustomFieldsForm
          fields={category.fields}
          values={values}
          errors={errors}
          lang={i18n.language}
          readOnly={readOnly}
          fileOptions={attachments}
          onChange={(k, v) => {
            setDirty(true);
            setValues((old) => ({ ...old, [k]: v }));
            setErrors(({ [k]: _gone, ...rest }) => rest);
          }}
        />
        {!readOnly && (
          <Group justify="flex-end">
            {dirty && <Text size="sm">{t('case.unsaved')}</Text>}
            <Button onClick={() => void save()} loading={busy} disabled={!dirty} data-testid="save-fields">
              {t('case.saveFields')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
