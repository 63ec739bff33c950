import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { RecordedDocument } from '@civicline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { channelsApi } from '../../api/channels.ts';
import { useCategories } from '../../api/reference.ts';
import { broadcastChange } from '../../app/live-updates.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { RecordForm } from './record-form.tsx';

/** The registry desk: record a paper document, hand over its receipt, and the day's register. */
export function RegistrarPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const categories = useCategories();
  const register = useQuery({ queryKey: ['registry', 'today'], queryFn: () => channelsApi.dailyRegister() });
  const [recorded, setRecorded] = useState<RecordedDocument | null>(null);
  // A fresh form after each document: the component is remounted.
  const [formKey, setFormKey] = useState(0);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('registry.title')}
      </Title>
      {recorded && (
        <ReceiptCard
          recorded={recorded}
          timeZone={register.data?.timeZone}
          onNext={() => {
            setRecorded(null);
            setFormKey((k) => k + 1);
          }}
        />
      )}
      {!recorded && (
        <RecordForm
          key={formKey}
          categories={categories.data ?? []}
          onRecorded={(r) => {
            setRecorded(r);
            void client.invalidateQueries({ queryKey: ['registry'] });
            void client.invalidateQueries({ queryKey: ['cases'] });
            broadcastChange();
          }}
        />
      )}
      <Stack gap="xs" component="section" aria-labelledby="daily-title">
        <Title order={2} size="h4" id="daily-title">
          {t('registry.today', { date: formatDate(register.data ? `${register.data.date}T12:00:00Z` : new Date().toISOString(), i18n.language) })}
        </Title>
        {register.data && register.data.items.length === 0 && <Text size="sm">{t('registry.noneToday')}</Text>}
        {register.data && register.data.items.length > 0 && (
          <Table striped aria-labelledby="daily-title" data-testid="daily-register">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inbox.col.number')}</Table.Th>
                <Table.Th>{t('registry.recordedAt')}</Table.Th>
                <Table.Th>{t('registry.sender')}</Table.Th>
                <Table.Th>{t('inbox.col.subject')}</Table.Th>
                <Table.Th>{t('registry.delivery')}</Table.Th>
                <Table.Th>{t('registry.pages')}</Table.Th>
                <Table.Th>{t('registry.receipt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {register.data.items.map((e) => (
                <Table.Tr key={e.entryId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${e.caseId}`}>
                      {e.registrationNumber ?? t('inbox.draft')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDateTime(e.recordedAt, i18n.language, register.data.timeZone)}</Table.Td>
                  <Table.Td>{e.sender?.displayName ?? '—'}</Table.Td>
                  <Table.Td>{e.subject}</Table.Td>
                  <Table.Td>{t(`registry.deliveryMethod.${e.delivery}`)}</Table.Td>
                  <Table.Td>{e.pages}</Table.Td>
                  <Table.Td>
                    {e.registrationNumber ? (
                      <Anchor href={e.receiptUrl} target="_blank" rel="noopener" aria-label={t('registry.receiptOf', { number: e.registrationNumber })}>
                        PDF
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

/** What the registrar hands over: the number, the date, the deadline, and the printed receipt. */
function ReceiptCard({ recorded, timeZone, onNext }: { recorded: RecordedDocument; timeZone: string | undefined; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const print = () => {
    // The receipt is printed from a hidden frame, without leaving the desk's page.
    const f = frame.current;
    if (!f) return;
    f.onload = () => f.contentWindow?.print();
    f.src = recorded.receiptUrl;
  };
  return (
    <Alert color="green" title={t('registry.recorded')} data-testid="recorded">
      <Stack gap="xs">
        <Text size="lg" fw={700} data-testid="recorded-number">
          {recorded.registrationNumber}
        </Text>
        <Text size="sm">
          {t('registry.recordedSummary', { date: formatDateTime(recorded.registeredAt, i18n.language, timeZone), due: formatDate(recorded.dueAt, i18n.language, timeZone), count: recorded.attachments })}
          {recorded.outcome !== 'case_created' && ` ${t(`registry.outcome.${recorded.outcome}`)}`}
        </Text>
        <Group>
          <Button component="a" href={recorded.receiptUrl} target="_blank" rel="noopener" data-testid="open-receipt">
            {t('registry.openReceipt')}
          </Button>
          <Button variant="default" onClick={print}>
            {t('registry.printReceipt')}
          </Button>
          <Button component="a" variant="subtle" href={`${recorded.receiptUrl}&format=a4`} target="_blank" rel="noopener">
            {t('registry.receiptA4')}
          </Button>
          <Anchor component={Link} to={`/cases/${recorded.caseId}`} size="sm">
            {t('calls.draft.openCase')}
          </Anchor>
          <Button variant="outline" onClick={onNext} data-testid="record-next">
            {t('registry.next')}
          </Button>
        </Group>
        {/* Off-screen rather than display:none, which would keep the PDF from loading. */}
        <iframe ref={frame} title={t('registry.receipt')} tabIndex={-1} aria-hidden style={{ position: 'fixed', right: 0, bottom: 0, width: 0, height: 0, border: 0 }} />
      </Stack>
    </Alert>
  );
}
