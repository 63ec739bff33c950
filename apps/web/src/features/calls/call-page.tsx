import { Anchor, Grid, Loader, Paper, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { channelsApi } from '../../api/channels.ts';
import { consoleApi } from '../../api/console.ts';
import { useCategories } from '../../api/reference.ts';
import { broadcastChange } from '../../app/live-updates.ts';
import { CallerCard } from './caller-card.tsx';
import { DraftForm } from './draft-form.tsx';
import { FindCaller } from './find-caller.tsx';
import { OpenDraft } from './open-draft.tsx';
import { callKey } from './use-call-stream.ts';

/** One call: who is calling (and finding them when the number does not say), and its draft. */
export function CallPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const call = useQuery({ queryKey: callKey(id), queryFn: () => channelsApi.call(id) });
  const draftId = call.data?.draftCaseId ?? null;
  const draft = useQuery({ queryKey: ['case', draftId], queryFn: () => consoleApi.case(draftId!), enabled: !!draftId });
  const categories = useCategories();

  if (call.isPending) return <Loader aria-label={t('common.loading')} />;
  if (!call.data) {
    return (
      <Paper p="md" role="alert">
        <Title order={1} size="h3">
          {t('common.loadFailed')}
        </Title>
      </Paper>
    );
  }
  const c = call.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/inbox" size="sm">
        ← {t('nav.backToInbox')}
      </Anchor>
      <Title order={1} size="h2">
        {t('calls.pageTitle', { who: c.caller.known && c.caller.citizen ? c.caller.citizen.displayName : (c.callerNumber ?? t('calls.withheld')) })}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-label={t('calls.caller')}>
              <CallerCard call={c} headingLevel={2} />
            </Paper>
            {draft.data?.status === 'draft' && (
              <FindCaller
                call={c}
                onAttached={(next) => {
                  client.setQueryData(callKey(c.id), next);
                  void client.invalidateQueries({ queryKey: ['case', draftId] });
                }}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {!draftId && (
            <OpenDraft
              call={c}
              categories={categories.data ?? []}
              onOpened={(next) => {
                client.setQueryData(callKey(c.id), next);
                void client.invalidateQueries({ queryKey: ['cases'] });
                broadcastChange();
              }}
            />
          )}
          {draft.isPending && draftId && <Loader aria-label={t('common.loading')} />}
          {draft.data && (
            <DraftForm
              key={draft.data.id}
              draft={draft.data}
              categories={categories.data ?? []}
              onChanged={(next) => {
                client.setQueryData(['case', next.id], next);
                void client.invalidateQueries({ queryKey: ['cases'] });
                broadcastChange();
              }}
            />
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
