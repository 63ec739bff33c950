import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOUR: Record<string, string> = { queued: 'gray', sending: 'blue', sent: 'teal', delivered: 'green', failed: 'red' };

/** An outgoing message's delivery state, in words as well as colour (never told by colour alone). */
export function MessageStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOUR[status] ?? 'gray'} variant="light" data-status={status}>
      {t(`admin.messages.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}
