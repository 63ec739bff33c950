import { Badge } from '@mantine/core';
import type { CaseStatus } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';

const COLOR: Record<CaseStatus, string> = {
  draft: 'gray',
  registered: 'civic',
  assigned: 'indigo',
  in_progress: 'blue',
  suspended: 'yellow',
  resolution_proposed: 'grape',
  resolved: 'green',
  closed: 'dark',
  rejected: 'red',
  redirected: 'cyan',
  withdrawn: 'gray',
  reopened: 'orange',
};

export function StatusBadge({ status, size = 'sm' }: { status: CaseStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" size={size} data-status={status} style={{ textTransform: 'none' }}>
      {t(`status.${status}`)}
    </Badge>
  );
}
