import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Timeline as MTimeline, Title } from '@mantine/core';
import type { TimelineEntry } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatDateTime } from '../../ui/format.ts';

type Entry = z.infer<typeof TimelineEntry>;

function describe(e: Entry, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e.type === 'status_changed' && e.toStatus) return t('timeline.statusChanged', { from: e.fromStatus ? t(`status.${e.fromStatus}`) : '—', to: t(`status.${e.toStatus}`) });
  return t(`timeline.type.${e.type}`, { defaultValue: e.type.replace(/_/g, ' ') });
}

/** Every event of a case, newest first, with comments; staff may add a comment. */
export function CaseTimeline({ entries, actorName, onComment, canComment }: {
  entries: Entry[];
  actorName: (id: string | null, type: string) => string;
  onComment: (body: string, visibility: 'internal' | 'citizen') => Promise<void>;
  canComment: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'citizen'>('internal');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sorted = [...entries].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  const send = async () => {
    if (!body.trim()) {
      setError(t('validation.required'));
      return;
    }
    setBusy(true);
    try {
      await onComment(body.trim(), visibility);
      setBody('');
      setError(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
      <Stack>
        <Title order={2} size="h4" id="timeline-title">
          {t('case.timeline')}
        </Title>
        {canComment && (
          <Stack gap="xs">
            <Textarea label={t('timeline.comment')} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={error} />
            <Group justify="space-between">
              <SegmentedControl
                size="xs"
                aria-label={t('timeline.visibility')}
                value={visibility}
                onChange={(v) => setVisibility(v as 'internal' | 'citizen')}
                data={[
                  { value: 'internal', label: t('timeline.internal') },
                  { value: 'citizen', label: t('timeline.citizen') },
                ]}
              />
              <Button size="xs" onClick={() => void send()} loading={busy}>
                {t('timeline.addComment')}
              </Button>
            </Group>
          </Stack>
        )}
        <MTimeline bulletSize={14} lineWidth={2} data-testid="timeline">
          {sorted.map((e) => (
            <MTimeline.Item key={e.id} title={<Text size="sm" fw={600}>{describe(e, t)}</Text>}>
              <Text size="xs">
                {formatDateTime(e.occurredAt, i18n.language)} · {actorName(e.actorId, e.actorType)}
                {e.visibility === 'citizen' && (
                  <Badge ml={6} size="xs" variant="outline" style={{ textTransform: 'none' }}>
                    {t('timeline.visibleToCitizen')}
                  </Badge>
                )}
              </Text>
              {e.reason && <Text size="sm">{t('timeline.reason')}: {e.reason}</Text>}
              {e.comment && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.comment}
                </Text>
              )}
            </MTimeline.Item>
          ))}
        </MTimeline>
      </Stack>
    </Paper>
  );
}
