import { Button, List, Stack, Text, Title } from '@mantine/core';
import type { Language } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statusCheckApi, type HistoryEntry } from '../../api/status-check.ts';
import { formatDateTime } from '../../ui/format.ts';

/** The citizen's right of access: who checked their data, when and through which channel. */
export function AccessHistory({ slug, lang, ref_ }: { slug: string; lang: Language; ref_: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      const r = await statusCheckApi.history(slug, lang, ref_);
      setEntries(r.outcome === 'history' && 'entries' in r ? r.entries : []);
    } finally {
      setBusy(false);
    }
  };
  const channel = (e: HistoryEntry) => t(`statusCheck.historyChannel.${e.actorType === 'user' ? 'other' : (e.channel ?? 'other')}`, { defaultValue: e.channel ?? '' });
  if (!entries) {
    return (
      <Button variant="subtle" w="fit-content" loading={busy} onClick={() => void load()} data-testid="show-history">
        {t('statusCheck.history')}
      </Button>
    );
  }
  return (
    <Stack gap="xs" data-testid="history">
      <Title order={3} size="h4">
        {t('statusCheck.history')}
      </Title>
      {entries.length === 0 ? (
        <Text>{t('statusCheck.historyEmpty')}</Text>
      ) : (
        <List>
          {entries.slice(0, 30).map((e, i) => (
            <List.Item key={`${e.at}-${i}`}>
              {formatDateTime(e.at, lang)} — {channel(e)}{e.reference ? ` (${e.reference})` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
