import { Button, Group, Paper, Stack } from '@mantine/core';
import { IconPhoneIncoming } from '@tabler/icons-react';
import type { CallScreenPop } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { channelsApi } from '../../api/channels.ts';
import { CallerCard } from './caller-card.tsx';
import { callKey } from './use-call-stream.ts';

/**
 * The screen-pop: one card per incoming call at the top of whatever page the operator is on. It
 * is announced to screen readers when it appears; it never takes the focus away from the form
 * being typed into.
 */
export function ScreenPop({ calls, onDismiss }: { calls: CallScreenPop[]; onDismiss: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" mb="md" component="section" aria-label={t('calls.region')} data-testid="screen-pop">
      {calls.map((c) => (
        <PopCard key={c.id} call={c} onDismiss={() => onDismiss(c.id)} />
      ))}
    </Stack>
  );
}

function PopCard({ call: initial, onDismiss }: { call: CallScreenPop; onDismiss: () => void }) {
  const { t } = useTranslation();
  // The call page updates the same cache entry (the caller attached), and so does the stream.
  const { data: call = initial } = useQuery({ queryKey: callKey(initial.id), queryFn: () => channelsApi.call(initial.id), initialData: initial, staleTime: Infinity });
  const who = call.caller.known && call.caller.citizen ? call.caller.citizen.displayName : (call.callerNumber ?? t('calls.withheld'));
  return (
    <Paper withBorder shadow="sm" p="sm" bg={call.status === 'ended' ? 'gray.0' : 'orange.0'} data-call-id={call.id} data-call-status={call.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <IconPhoneIncoming size={24} aria-hidden />
          <CallerCard call={call} compact />
        </Group>
        <Stack gap={6} align="flex-end">
          {call.draftCaseId ? (
            <Button component={Link} to={`/calls/${call.id}`} size="sm" data-testid="open-call">
              {t('calls.openDraft')}
            </Button>
          ) : (
            <Button component={Link} to={`/calls/${call.id}`} size="sm" variant="light" data-testid="open-call">
              {t('calls.openCall')}
            </Button>
          )}
          <Button variant="subtle" size="compact-sm" onClick={onDismiss} aria-label={t('calls.dismissOf', { who })}>
            {t('calls.dismiss')}
          </Button>
        </Stack>
      </Group>
    </Paper>
  );
}
