import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import type { CaseDetail } from '@civicline/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../../ui/deadline-badge.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';

/** Days, hours and minutes until (or since) the deadline, ticking. */
function countdown(ms: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span = t('countdown.span', { d, h, m });
  return ms >= 0 ? t('countdown.left', { span }) : t('countdown.late', { span });
}

export function CaseHeader({ c, category, department, assignee }: { c: CaseDetail; category: string; department: string; assignee: string }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(Date.now());
  const tick = useInterval(() => setNow(Date.now()), 30_000);
  useEffect(() => {
    tick.start();
    return tick.stop;
  }, [tick]);
  const d = c.deadline;
  const remaining = d.clock === 'stopped' ? d.remainingMs : d.dueAt ? new Date(d.dueAt).getTime() - now : null;
  return (
    <Paper withBorder p="md" component="header">
      <Stack gap={6}>
        <Group gap="sm" wrap="wrap">
          <Title order={1} size="h2" data-testid="case-number">
            {c.registrationNumber ?? t('inbox.draft')}
          </Title>
          <StatusBadge status={c.status} size="lg" />
          <DeadlineBadge deadline={d} size="lg" />
          {c.priority !== 'normal' && (
            <Badge color={c.priority === 'urgent' ? 'red' : c.priority === 'high' ? 'orange' : 'gray'} variant="outline" style={{ textTransform: 'none' }}>
              {t('case.priority')}: {t(`priority.${c.priority}`)}
            </Badge>
          )}
        </Group>
        <Text fw={600} size="lg">
          {c.subject}
        </Text>
        <Group gap="lg" wrap="wrap">
          <Text size="sm">
            <b>{t('case.dueAt')}:</b> {formatDateTime(d.dueAt, i18n.language)}
          </Text>
          <Text size="sm" data-testid="countdown">
            <b>{t('case.countdown')}:</b> {remaining !== null ? countdown(remaining, t) : '—'}
          </Text>
          <Text size="sm" data-testid="clock-state">
            <b>{t('case.clock')}:</b> {t(`clock.${d.clock}`)}
            {c.suspensionReason ? ` (${c.suspensionReason})` : ''}
          </Text>
          {d.extensionDays ? (
            <Text size="sm">
              <b>{t('case.extended')}:</b> {t('case.extendedDays', { count: d.extensionDays })}
            </Text>
          ) : null}
        </Group>
        <Group gap="lg" wrap="wrap">
          <Text size="sm">
            <b>{t('case.category')}:</b> {category}
          </Text>
          <Text size="sm">
            <b>{t('case.department')}:</b> {department}
          </Text>
          <Text size="sm">
            <b>{t('case.assignee')}:</b> {assignee || t('inbox.unassigned')}
          </Text>
          <Text size="sm">
            <b>{t('case.channel')}:</b> {t(`channel.${c.channel}`)}
          </Text>
          <Text size="sm">
            <b>{t('case.registeredAt')}:</b> {formatDateTime(c.registeredAt, i18n.language)}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
