import { Anchor, Grid, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { CaseAction, Me } from '@civicline/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useOutletContext, useParams } from 'react-router';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';
import { useSuspensionReasons } from '../../api/reference.ts';
import { broadcastChange } from '../../app/live-updates.ts';
import { useNames } from '../inbox/use-names.ts';
import { ActionPanel } from './action-panel.tsx';
import { AttachmentsPanel } from './attachments-panel.tsx';
import { CaseFields } from './case-fields.tsx';
import { CaseHeader } from './case-header.tsx';
import { CitizenPanel } from './citizen-panel.tsx';
import { CaseTimeline } from './timeline.tsx';

export function CasePage() {
  const me = useOutletContext<Me>();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: ['case', id], queryFn: () => consoleApi.case(id), refetchInterval: 10_000 });
  const timeline = useQuery({ queryKey: ['case', id, 'timeline'], queryFn: () => consoleApi.timeline(id), refetchInterval: 10_000 });
  const attachments = useQuery({ queryKey: ['case', id, 'attachments'], queryFn: () => consoleApi.attachments(id), refetchInterval: 30_000 });
  const reasons = useSuspensionReasons();
  const { names, categories, departments, users, department } = useNames(me);
  useHotkeys([['g i', () => void navigate('/inbox')]]);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['case', id] });
    await client.invalidateQueries({ queryKey: ['cases'] });
    await client.invalidateQueries({ queryKey: ['case-counts'] });
    broadcastChange();
  };

  if (detail.isPending) return <Loader aria-label={t('common.loading')} />;
  if (detail.isError || !detail.data) {
    return (
      <Paper p="md" role="alert">
        <Title order={1} size="h3">
          {detail.error instanceof ApiError && detail.error.status === 404 ? t('case.notFound') : t('common.loadFailed')}
        </Title>
        <Anchor component={Link} to="/inbox">
          {t('nav.backToInbox')}
        </Anchor>
      </Paper>
    );
  }
  const c = detail.data;
  const category = categories.find((x) => x.id === c.categoryId);
  const act = async (action: CaseAction, body: Record<string, unknown>) => {
    try {
      const next = await consoleApi.act(id, action, body as never);
      client.setQueryData(['case', id], next);
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('case.actionDone', { action: t(`action.${action}`) }) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'resource.stale_version') {
        notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'orange', message: t('case.staleReloaded') });
        await refresh();
        return;
      }
      throw err;
    } finally {
      await refresh();
    }
  };
  const assignees = users.filter((u) => u.active && u.departmentIds.includes(c.departmentId) && (u.roles.includes('technician') || u.roles.includes('supervisor')));
  const actorName = (actorId: string | null, type: string) => (actorId ? names.assignee(actorId) : t(`actor.${type}`, { defaultValue: type }));
  const canAct = me.permissions.includes('cases.act');

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/inbox" size="sm">
        ← {t('nav.backToInbox')}
      </Anchor>
      <CaseHeader c={c} category={names.category(c.categoryId)} department={department(c.departmentId)} assignee={c.assigneeId ? names.assignee(c.assigneeId) : ''} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" component="section" aria-labelledby="description-title">
              <Title order={2} size="h4" id="description-title">
                {t('case.description')}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.description || '—'}
              </Text>
              {c.resolution && (
                <>
                  <Title order={3} size="h5" mt="sm">
                    {t('case.resolution')} ({t(`returnMethod.${c.resolution.returnMethod}`)})
                  </Title>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="resolution">
                    {c.resolution.answer}
                  </Text>
                </>
              )}
            </Paper>
            <CaseFields
              c={c}
              category={category}
              attachments={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))}
              onSave={async (customFields) => {
                const next = await consoleApi.updateCase(id, { customFields, version: c.version });
                client.setQueryData(['case', id], next);
                await refresh();
              }}
            />
            <CaseTimeline
              entries={timeline.data ?? []}
              actorName={actorName}
              canComment={canAct}
              onComment={async (body, visibility) => {
                await consoleApi.comment(id, { body, visibility });
                await refresh();
              }}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <ActionPanel me={me} caseDetail={c} assignees={assignees} departments={departments} suspensionReasons={(reasons.data ?? []).filter((r) => r.active)} onAct={act} />
            </Paper>
            <CitizenPanel citizenId={c.citizenId} caseId={c.id} canRead={me.permissions.includes('citizens.read')} canReveal={me.permissions.includes('citizens.reveal_national_id')} />
            <AttachmentsPanel caseId={c.id} attachments={attachments.data ?? []} canUpload={canAct} onUploaded={() => void refresh()} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
