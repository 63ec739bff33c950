import { LANGUAGES } from '@civicline/contracts';
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Switch, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';
import { notificationApi, type NotificationRule, type Preview } from '../../api/notifications.ts';
import { pickText } from '../../ui/localized.ts';
import { useSave } from './use-save.ts';

/** Notification rules (switch on/off) and their templates per channel and language, with a preview from a real case. */
export function NotificationsAdmin() {
  const { t, i18n } = useTranslation();
  const rules = useQuery({ queryKey: ['notification-rules'], queryFn: notificationApi.rules });
  const save = useSave(['notification-rules']);
  const [selected, setSelected] = useState<NotificationRule | null>(null);
  return (
    <Stack>
      <Table striped aria-label={t('notif.rules')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('notif.rule')}</Table.Th>
            <Table.Th>{t('notif.event')}</Table.Th>
            <Table.Th>{t('notif.audience')}</Table.Th>
            <Table.Th>{t('notif.channels')}</Table.Th>
            <Table.Th>{t('notif.enabled')}</Table.Th>
            <Table.Th>{t('notif.edit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rules.data ?? []).map((r) => (
            <Table.Tr key={r.id} data-testid={`rule-${r.code}`}>
              <Table.Td>
                <Text fw={500}>{pickText(r.name, i18n.language)}</Text>
                <Text size="sm" c="dimmed">
                  {pickText(r.description, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>
                <code>{r.eventType}</code>
              </Table.Td>
              <Table.Td>{r.audience === 'citizen' ? t('notif.citizen') : t('notif.staff')}</Table.Td>
              <Table.Td>{r.channels.map((c) => t(`notif.channelNames.${c}`)).join(', ')}</Table.Td>
              <Table.Td>
                <Switch aria-label={t('notif.enabledOf', { name: pickText(r.name, i18n.language) })} checked={r.enabled} onChange={(e) => void save.run(() => notificationApi.updateRule(r.id, { enabled: e.currentTarget.checked, version: r.version }))} />
              </Table.Td>
              <Table.Td>
                {r.audience === 'citizen' && (
                  <Button size="xs" variant="light" onClick={() => setSelected(r)} data-testid={`edit-${r.code}`}>
                    {t('notif.edit')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {selected && <TemplateEditor rule={selected} />}
    </Stack>
  );
}

function TemplateEditor({ rule }: { rule: NotificationRule }) {
  const { t, i18n } = useTranslation();
  const templates = useQuery({ queryKey: ['notification-templates', rule.templateCode], queryFn: () => notificationApi.templates(rule.templateCode) });
  const save = useSave(['notification-templates']);
  const [channel, setChannel] = useState<'sms' | 'email' | 'portal'>('sms');
  const [language, setLanguage] = useState<string>(i18n.language === 'ru' ? 'ru' : 'ro');
  const current = templates.data?.find((x) => x.channel === channel && x.language === language);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  useEffect(() => {
    setSubject(current?.subject ?? '');
    setBody(current?.body ?? '');
    setPreview(null);
  }, [current?.id, current?.version, current?.subject, current?.body]);

  const runPreview = async () => {
    setPreviewError(null);
    try {
      const kase = caseNumber.trim() ? await consoleApi.caseByNumber(caseNumber.trim()) : null;
      setPreview(await notificationApi.preview({ channel, language, subject: channel === 'sms' ? null : subject, body, ...(kase ? { caseId: kase.id } : {}), eventType: rule.eventType }));
    } catch (err) {
      setPreview(null);
      setPreviewError(err instanceof ApiError && err.status === 404 ? t('notif.noCase') : err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Paper withBorder p="md" data-testid="template-editor">
      <Title order={2} size="h4" mb="sm">
        {t('notif.templateOf', { name: pickText(rule.name, i18n.language) })}
      </Title>
      <Group mb="sm" align="flex-end">
        <div>
          <Text size="sm" fw={500} id="tpl-channel-label">
            {t('notif.channel')}
          </Text>
          <SegmentedControl aria-labelledby="tpl-channel-label" value={channel} onChange={(v) => setChannel(v as typeof channel)} data={(['sms', 'email', 'portal'] as const).map((c) => ({ value: c, label: t(`notif.channelNames.${c}`) }))} />
        </div>
        <Select label={t('notif.language')} value={language} onChange={(v) => v && setLanguage(v)} data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))} w={120} allowDeselect={false} />
      </Group>
      {channel !== 'sms' && <TextInput label={t('notif.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={save.errors.subject} mb="sm" />}
      <Textarea label={t('notif.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={save.errors.body} autosize minRows={3} data-testid="template-body" />
      <Group mt="sm" align="flex-end">
        <Button loading={save.busy} onClick={() => void save.run(() => notificationApi.putTemplate({ code: rule.templateCode, channel, language }, { subject: channel === 'sms' ? null : subject, body, ...(current ? { version: current.version } : {}) }))}>
          {t('notif.save')}
        </Button>
        <TextInput label={t('notif.previewCase')} value={caseNumber} onChange={(e) => setCaseNumber(e.currentTarget.value)} w={320} data-testid="preview-case" />
        <Button variant="default" onClick={() => void runPreview()} data-testid="preview">
          {t('notif.preview')}
        </Button>
      </Group>
      {previewError && (
        <Alert color="red" mt="sm" role="alert">
          {previewError}
        </Alert>
      )}
      {preview && (
        <Paper withBorder p="sm" mt="sm" data-testid="preview-result" role="status">
          <Title order={3} size="h5">
            {t('notif.previewTitle')}
          </Title>
          {preview.subject && <Text fw={600}>{preview.subject}</Text>}
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
            {preview.body}
          </Text>
          {preview.sms && (
            <Group mt="xs" gap="xs">
              <Badge color={preview.sms.encoding === 'GSM-7' ? 'green.9' : 'orange.9'} data-testid="preview-encoding">
                {t('notif.encoding')}: {preview.sms.encoding}
              </Badge>
              <Text size="sm" data-testid="preview-segments">
                {t('notif.segments', { count: preview.sms.segments, units: preview.sms.units, perSegment: preview.sms.perSegment })}
              </Text>
              {preview.sms.nonGsm.length > 0 && <Text size="sm">{t('notif.nonGsm', { chars: preview.sms.nonGsm.join(' ') })}</Text>}
            </Group>
          )}
        </Paper>
      )}
    </Paper>
  );
}
