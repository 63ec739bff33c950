import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { CallScreenPop, Citizen } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi } from '../../api/channels.ts';
import { ApiError } from '../../api/http.ts';

/**
 * Finding the caller's record when the number is not theirs (a new phone, a relative's): by name
 * or by another phone. Choosing one moves the call and its draft to that record.
 */
export function FindCaller({ call, onAttached }: { call: CallScreenPop; onAttached: (call: CallScreenPop) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Citizen[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const search = async () => {
    const q = query.trim();
    setError(null);
    if (q.length < 2) return setError(t('calls.find.tooShort'));
    // Digits and a leading + are a phone number; anything else is a name.
    const byPhone = /^\+?[\d\s().-]{5,}$/.test(q);
    try {
      setBusy('search');
      setFound(await channelsApi.findCitizens(byPhone ? { phone: q } : { name: q }));
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors[0]?.message ?? err.message) : t('common.failed'));
    } finally {
      setBusy(null);
    }
  };

  const attach = async (c: Citizen) => {
    try {
      setBusy(c.id);
      onAttached(await channelsApi.attachCaller(call.id, c.id));
      setFound(null);
      setQuery('');
    } catch (err) {
      setError(err instanceof ApiError ? t(`errors.${err.code}`, { defaultValue: err.message }) : t('common.failed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="find-caller-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="find-caller-title">
          {call.caller.known ? t('calls.find.notThem') : t('calls.find.title')}
        </Title>
        <Group
          align="flex-end"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <TextInput label={t('calls.find.label')} description={t('calls.find.help')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} error={error} w={320} data-testid="find-caller" />
          <Button type="submit" variant="default" loading={busy === 'search'}>
            {t('calls.find.search')}
          </Button>
        </Group>
        {found && found.length === 0 && <Text size="sm">{t('calls.find.none')}</Text>}
        {found?.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap">
            <Text size="sm">
              <b>{c.displayName}</b>
              {c.nationalId && ` · ${c.nationalId}`}
              {c.phones.length > 0 && ` · ${c.phones.join(', ')}`}
              {c.addresses[0] && ` · ${c.addresses[0].line}`}
            </Text>
            <Button size="compact-sm" onClick={() => void attach(c)} loading={busy === c.id} aria-label={t('calls.find.attachOf', { name: c.displayName })}>
              {t('calls.find.attach')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
