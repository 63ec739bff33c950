import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { CaseDetail, Category } from '@civicline/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { channelsApi } from '../../api/channels.ts';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';
import { CustomFieldsForm } from '../../ui/custom-fields/custom-fields-form.tsx';
import { checkFields, cleanFieldValues, serverFieldErrors } from '../../ui/custom-fields/validate.ts';
import { formatDate } from '../../ui/format.ts';
import { pickText } from '../../ui/localized.ts';

/**
 * The call's draft, completed while the caller is on the line: the category (which brings its
 * own fields, the same form as the case page), the subject and the request, then registered.
 * The server checks everything again; its field problems are shown next to their fields.
 */
export function DraftForm({ draft, categories, onChanged }: { draft: CaseDetail; categories: Category[]; onChanged: (c: CaseDetail) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [categoryId, setCategoryId] = useState(draft.categoryId);
  const [subject, setSubject] = useState(draft.subject);
  const [description, setDescription] = useState(draft.description);
  const [values, setValues] = useState<Record<string, unknown>>(draft.customFields);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setCategoryId(draft.categoryId), [draft.categoryId]);

  if (draft.status !== 'draft') {
    return (
      <Alert color="green" title={t('calls.draft.registered')} data-testid="registered">
        <Text size="sm">
          {t('calls.draft.registeredAs', { number: draft.registrationNumber ?? '', due: formatDate(draft.deadline.dueAt, lang) })}{' '}
          <Anchor component={Link} to={`/cases/${draft.id}`}>
            {t('calls.draft.openCase')}
          </Anchor>
        </Text>
      </Alert>
    );
  }
  const choices = categories.filter((c) => c.active || c.id === draft.categoryId);
  const category = categories.find((c) => c.id === categoryId);
  const fields = category?.fields ?? [];

  const register = async () => {
    const own = cleanFieldValues(Object.fromEntries(Object.entries(values).filter(([k]) => fields.some((f) => f.key === k))));
    const problems: Record<string, string> = checkFields(t, fields, own, { requireAll: true, skipFiles: true });
    if (subject.trim().length < 3) problems.subject = t('validation.minLength', { min: 3 });
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    let current = draft;
    try {
      current = await channelsApi.completeDraft(draft.id, { categoryId, subject: subject.trim(), description: description.trim(), customFields: own, version: draft.version });
      onChanged(current);
      onChanged(await consoleApi.act(current.id, 'register', { version: current.version }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const byField = { ...serverFieldErrors(err.fieldErrors), ...Object.fromEntries(err.fieldErrors.filter((e) => !e.path.startsWith('customFields.')).map((e) => [e.path, e.message])) };
      setErrors(byField);
      setFailure(t(`errors.${err.code}`, { defaultValue: err.message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" aria-labelledby="draft-title" onSubmit={(e) => {
      e.preventDefault();
      void register();
    }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="draft-title">
          {t('calls.draft.title')}
        </Title>
        <NativeSelect
          id="draft-category"
          label={t('case.category')}
          required
          value={categoryId}
          onChange={(e) => setCategoryId(e.currentTarget.value)}
          error={errors.categoryId}
          data={choices.map((c) => ({ value: c.id, label: pickText(c.name, lang) }))}
          data-testid="draft-category"
        />
        <TextInput id="draft-subject" label={t('calls.draft.subject')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} />
        <Textarea id="draft-description" label={t('calls.draft.description')} autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
        <CustomFieldsForm
          fields={fields}
          values={values}
          errors={errors}
          lang={lang}
          idPrefix="draft-cf"
          onChange={(k, v) => {
            setValues((old) => ({ ...old, [k]: v }));
            setErrors(({ [k]: _gone, ...rest }) => rest);
          }}
        />
        {failure && (
          <Text size="sm" c="red.9" role="alert">
            {failure}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="register-draft">
            {t('calls.draft.register')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
