import { VisuallyHidden } from '@mantine/core';
import type { CallScreenPop } from '@civicline/contracts';
import { useTranslation } from 'react-i18next';

/**
 * Says a new call aloud to screen-reader users. The live region is always on the page (a region
 * added together with its text is often not read), and it never takes the focus away.
 */
export function CallAnnouncer({ calls }: { calls: CallScreenPop[] }) {
  const { t } = useTranslation();
  const latest = calls[0];
  const who = latest ? (latest.caller.known && latest.caller.citizen ? latest.caller.citizen.displayName : (latest.callerNumber ?? t('calls.withheld'))) : '';
  return (
    <VisuallyHidden role="status" aria-live="polite" data-testid="call-announcer">
      {latest ? t(latest.status === 'ended' ? 'calls.endedFrom' : 'calls.incomingFrom', { who }) : ''}
    </VisuallyHidden>
  );
}
