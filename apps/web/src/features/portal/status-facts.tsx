import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Facts, Money } from '../../api/status-check.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { usePortal } from './portal-context.ts';

function money(m: Money, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: m.currency }).format(Number(m.amount));
}

/** The facts of one record as the service cut them for the level reached: only what is there is shown. */
export function FactsView({ facts }: { facts: Facts }) {
  const { t } = useTranslation();
  const { lang } = usePortal();
  const d = facts.details;
  const name = facts.categoryName ?? facts.serviceName ?? facts.programmeName ?? facts.documentName ?? facts.purpose;
  return (
    <>
      {name && <Text>{t('portal.status.category')}: {name}</Text>}
      {facts.kind !== 'case' && facts.state && (
        <Text size="lg">
          {t('portal.status.state')}: <b data-testid="record-state" data-state={facts.state}>{t(`statusCheck.states.${facts.state}`)}</b>
        </Text>
      )}
      {facts.dueAt && <Text>{t('portal.status.due')}: {formatDate(facts.dueAt, lang)}</Text>}
      {facts.dueDate && <Text>{t('statusCheck.dueDate')}: {formatDate(facts.dueDate, lang)}</Text>}
      {facts.readyFrom && <Text>{t('statusCheck.readyFrom')}: {formatDate(facts.readyFrom, lang)}</Text>}
      {facts.expectedOn && <Text>{t('statusCheck.expectedOn')}: {formatDate(facts.expectedOn, lang)}</Text>}
      {facts.startsAt && <Text>{formatDateTime(facts.startsAt, lang)}{facts.place ? ` — ${facts.place}` : ''}</Text>}
      {facts.pickupPlace && <Text>{t('statusCheck.pickupPlace')}: {facts.pickupPlace}</Text>}
      {d?.subject && <Text data-testid="detail-subject">{t('statusCheck.subject')}: {d.subject}</Text>}
      {d?.departmentName && <Text>{t('statusCheck.department')}: {d.departmentName}</Text>}
      {d?.resolutionSummary && <Text style={{ whiteSpace: 'pre-wrap' }}>{t('statusCheck.answer')}: {d.resolutionSummary}</Text>}
      {d?.balance && <Text data-testid="detail-balance">{t('statusCheck.balance')}: {money(d.balance, lang)}</Text>}
      {d?.penalties && <Text>{t('statusCheck.penalties')}: {money(d.penalties, lang)}</Text>}
      {d?.amount && <Text>{t('statusCheck.amount')}: {money(d.amount, lang)}</Text>}
      {d?.rejectionReason && <Text>{t('statusCheck.reason')}: {d.rejectionReason}</Text>}
      {d?.bring && d.bring.length > 0 && (
        <>
          <Text>{t('statusCheck.bring')}:</Text>
          <List>
            {d.bring.map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
        </>
      )}
    </>
  );
}
