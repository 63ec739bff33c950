import { Alert, Button, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { CallScreenPop, Category } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { ApiError } from '../../api/http.ts';
import { pickText } from '../../ui/localized.ts';

/**
 * A call on a line without a category has no draft: the operator chooses the category and opens
 * it here, while the caller is on the line. The server checks the category again (and opens the
 * draft once, however often this is pressed).
 */
export function OpenDraft({ call, categories, onOpened }: { call: CallScreenPop; categories: Category[]; onOpened: (next: CallScreenPop) => void }) {
  const { t, i18n } = useTranslation();
  const choices = categories.filter((c) => c.active);
  const [categoryId, setCategoryId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    if (!categoryId) {
      setError(t('calls.open.chooseFirst'));
      return;
    }
    setBusy(true);
    setError(null);
    setFailure(null);
    try {
      onOpened(await channelsApi.openDraft(call.id, categoryId));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const atField = err.fieldErrors.find((e) => e.path === 'categoryId');
      if (atField) setError(atField.message);
      else setFailure(t(`errors.${err.code}`, { defaultValue: err.message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" noValidate aria-labelledby="open-draft-title" onSubmit={(e) => {
      e.preventDefault();
      void open();
    }}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="open-draft-title">
          {t('calls.open.title')}
        </Title>
        <Text size="sm">{t('calls.noDraft')}</Text>
        <NativeSelect
          id="open-draft-category"
          label={t('case.category')}
          required
          value={categoryId}
          onChange={(e) => {
            setCategoryId(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data={[{ value: '', label: t('calls.open.placeholder') }, ...choices.map((c) => ({ value: c.id, label: pickText(c.name, i18n.language) }))]}
          data-testid="open-draft-category"
        />
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Button type="submit" loading={busy} data-testid="open-draft">
          {t('calls.open.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}
