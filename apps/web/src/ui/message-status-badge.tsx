import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOUR: Record<string, string> = { queued: 'gray', sending: 'blue', sent: 'teal', delivered: 'green', failed: 'red' };

/** An outgoing message's delivery state, in words as well as colour (never told by colour alone). */
export function MessageStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    // min-width: a crowded table would otherwise squeeze the word out of the badge.
    <Badge color={STATUS_COLOUR[status] ?? 'gray'} variant="light" miw="fit-content" data-status={status}>
      {t(`admin.messages.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}
