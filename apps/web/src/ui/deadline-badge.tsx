import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconPlayerPause } from '@tabler/icons-react';
import type { CaseSummary } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';
import { formatRelative } from './format.ts';

type Deadline = CaseSummary['deadline'];

const LOOK = {
  on_time: { color: 'green', icon: IconCircleCheck },
  due_soon: { color: 'orange', icon: IconClock },
  overdue: { color: 'red', icon: IconAlertTriangle },
  stopped: { color: 'gray', icon: IconPlayerPause },
  none: { color: 'gray', icon: null },
} as const;

/** The deadline state in words and an icon as well as colour (never colour alone). */
export function deadlineText(t: (k: string, o?: Record<string, unknown>) => string, d: Deadline, lang: string, now = Date.now()): string {
  const remaining = d.dueAt ? new Date(d.dueAt).getTime() - now : d.remainingMs;
  switch (d.state) {
    case 'none':
      return t('deadline.none');
    case 'stopped':
      return t('deadline.stopped');
    case 'overdue':
      return t('deadline.overdue', { when: remaining !== null ? formatRelative(remaining, lang) : '' });
    case 'due_soon':
      return t('deadline.dueSoon', { when: remaining !== null ? formatRelative(remaining, lang) : '' });
    case 'on_time':
      return t('deadline.onTime', { when: remaining !== null ? formatRelative(remaining, lang) : '' });
  }
}

export function DeadlineBadge({ deadline, size = 'sm' }: { deadline: Deadline; size?: 'sm' | 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  const look = LOOK[deadline.state];
  const Icon = look.icon;
  return (
    <Badge color={look.color} variant={deadline.state === 'none' ? 'outline' : 'filled'} size={size} leftSection={Icon ? <Icon size={12} aria-hidden /> : undefined} data-deadline={deadline.state} style={{ textTransform: 'none' }}>
      {deadlineText(t, deadline, i18n.language)}
    </Badge>
  );
}
