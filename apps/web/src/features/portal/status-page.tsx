import { Alert, Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { portalApi, type PortalStatusT } from '../../api/portal.ts';
import { formatDateTime } from '../../ui/format.ts';
import { pickText } from '../../ui/localized.ts';
import { usePortal } from './portal-context.ts';

export function StatusPage() {
  const { t } = useTranslation();
  const { slug, lang } = usePortal();
  const [params] = useSearchParams();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<PortalStatusT | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  const check = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (number.trim().length < 3) {
      setError(t('portal.status.numberNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setStatus(await portalApi.status(slug, lang, number.trim()));
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      setStatus(null);
      setError(err instanceof ApiError && err.status === 404 ? t('portal.status.notFound') : err instanceof ApiError ? err.message : t('portal.unavailable'));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (params.get('number')) void check();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('portal.statusTitle')}
      </Title>
      <form onSubmit={(e) => void check(e)} noValidate>
        <Group align="flex-start">
          <TextInput id="f-number" label={t('portal.status.number')} description={t('portal.status.numberHelp')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={error} required withAsterisk w={320} data-testid="status-number" />
          <Button type="submit" loading={busy} mt={46} data-testid="check-status">
            {t('portal.status.check')}
          </Button>
        </Group>
      </form>
      {status && (
        <Paper withBorder p="lg" data-testid="status-result" role="status">
          <Stack gap="xs">
            <Title order={2} size="h3" ref={resultRef} tabIndex={-1}>
              {t('portal.status.request', { number: status.registrationNumber })}
            </Title>
            <Text size="lg">
              {t('portal.status.state')}: <b data-testid="status-text" data-status={status.status}>{status.statusText}</b>
            </Text>
            <Text>{t('portal.status.category')}: {pickText(status.category, lang)}</Text>
            <Text>{t('portal.status.registered')}: {formatDateTime(status.registeredAt, lang)}</Text>
            {status.dueAt && <Text>{t('portal.status.due')}: {formatDateTime(status.dueAt, lang)}</Text>}
            <Text>{t('portal.status.lastChange')}: {formatDateTime(status.lastChangeAt, lang)}</Text>
            {status.publicNotes.length > 0 && (
              <>
                <Title order={3} size="h4">
                  {t('portal.status.notes')}
                </Title>
                <List>
                  {status.publicNotes.map((n) => (
                    <List.Item key={n.at}>
                      <Text size="sm">{formatDateTime(n.at, lang)}</Text>
                      <Text style={{ whiteSpace: 'pre-wrap' }}>{n.text}</Text>
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Paper>
      )}
      {!status && !error && (
        <Alert color="civic" variant="light">
          {t('portal.status.privacy')}
        </Alert>
      )}
    </Stack>
  );
}
