import { Anchor, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { CallScreenPop } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { AssistantHandover } from './assistant-handover.tsx';

/** The caller as the operator sees them: masked identity, contacts, open cases, recent contacts. */
export function CallerCard({ call, headingLevel = 3, compact = false }: { call: CallScreenPop; headingLevel?: 2 | 3; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const c = call.caller.citizen;
  const lang = i18n.language;
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Title order={headingLevel} size="h4" data-testid="caller-name">
          {call.caller.known && c ? c.displayName : (call.callerNumber ?? t('calls.withheld'))}
        </Title>
        <Badge color={call.caller.known ? 'green.9' : 'gray.8'} variant="filled">
          {call.caller.known ? t('calls.known') : t('calls.unknown')}
        </Badge>
        <Badge color={call.status === 'ended' ? 'gray.8' : call.status === 'ringing' ? 'red.9' : 'blue.9'} variant="filled">
          {t(`calls.status.${call.status}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {t('calls.line', { line: call.line.name || call.line.number, number: call.callerNumber ?? t('calls.withheld'), time: formatDateTime(call.startedAt, lang) })}
      </Text>
      {call.assistant && <AssistantHandover handover={call.assistant} headingLevel={headingLevel === 2 ? 3 : 4} />}
      {call.caller.known && c && (
        <Text size="sm">
          {t('citizen.nationalId')}: {c.nationalIdMasked ?? '—'}
          {c.phones.length > 0 && ` · ${t('citizen.phones')}: ${c.phones.join(', ')}`}
          {c.emails.length > 0 && ` · ${t('citizen.emails')}: ${c.emails.join(', ')}`}
          {` · ${t('citizen.preferredChannel')}: ${t(`contactChannel.${c.preferredChannel}`)}`}
        </Text>
      )}
      {call.caller.known && (
        <>
          <Text size="sm" fw={600}>
            {t('calls.openCases', { count: call.openCases.length })}
          </Text>
          {call.openCases.length > 0 && (
            <List size="sm" spacing={2} data-testid="caller-open-cases">
              {call.openCases.slice(0, compact ? 4 : 20).map((k) => (
                <List.Item key={k.id}>
                  <Anchor component={Link} to={`/cases/${k.id}`} size="sm">
                    {k.registrationNumber ?? t('inbox.draft')}
                  </Anchor>{' '}
                  — {k.subject} ({t(`status.${k.status}`)}
                  {k.dueAt && `, ${t('calls.due', { date: formatDate(k.dueAt, lang) })}`}
                  {k.overdue && `, ${t('queue.overdue')}`})
                </List.Item>
              ))}
            </List>
          )}
          {!compact && call.recentContacts.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('calls.recentContacts')}
              </Text>
              <List size="sm" spacing={2}>
                {call.recentContacts.map((r, i) => (
                  <List.Item key={`${r.at}-${i}`}>
                    {formatDateTime(r.at, lang)} · {t(r.direction === 'in' ? 'calls.fromCitizen' : 'calls.toCitizen')} · {t(`channel.${r.channel}`, { defaultValue: r.channel })}: {r.summary}
                    {r.registrationNumber && ` (${r.registrationNumber})`}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
