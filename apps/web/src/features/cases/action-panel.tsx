import { Button, Kbd, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { CaseAction, CaseDetail, Department, Me, StaffUser } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.ts';
import { ActionDialog } from './action-dialog.tsx';
import { ACTION_KEYS, ACTION_ORDER, needsDialog } from './action-inputs.ts';

export interface ActionPanelProps {
  me: Pick<Me, 'id' | 'roles'>;
  caseDetail: CaseDetail;
  assignees: StaffUser[];
  departments: Department[];
  suspensionReasons: { code: string; name: Record<string, string | undefined> }[];
  /** Takes the action; rejects with ApiError. */
  onAct: (action: CaseAction, body: Record<string, unknown>) => Promise<void>;
}

/** Whether "assign" can only mean "take it myself" (technicians). */
export const selfAssignOnly = (me: Pick<Me, 'roles'>) => !me.roles.includes('supervisor') && !me.roles.includes('admin');

/**
 * The lifecycle actions this user may take on this case now (the server's `allowedActions`), and
 * only those, each opening the inputs it needs.
 */
export function ActionPanel(p: ActionPanelProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<CaseAction | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const allowed = ACTION_ORDER.filter((a) => p.caseDetail.allowedActions.includes(a));
  const selfAssign = selfAssignOnly(p.me);

  const run = async (action: CaseAction, body: Record<string, unknown>) => {
    setFailure(null);
    try {
      await p.onAct(action, body);
      setOpen(null);
      setServerErrors({});
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        setServerErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path.split('.')[0] ?? e.path, e.message])));
      } else {
        setFailure(err instanceof ApiError ? t(`errors.${err.code}`, { defaultValue: err.message }) : t('common.failed'));
        setOpen(null);
      }
    }
  };
  const trigger = (action: CaseAction) => {
    if (needsDialog(action, selfAssign)) {
      setServerErrors({});
      setOpen(action);
      return;
    }
    setBusy(action);
    const body = action === 'assign' ? { version: p.caseDetail.version, assigneeId: p.me.id } : { version: p.caseDetail.version };
    void run(action, body).finally(() => setBusy(null));
  };
  useHotkeys(
    allowed.flatMap((a) => (ACTION_KEYS[a] ? [[ACTION_KEYS[a], () => trigger(a)] as [string, () => void]] : [])),
    ['INPUT', 'TEXTAREA', 'SELECT'],
  );

  const label = (a: CaseAction) => (a === 'assign' && selfAssign ? t('action.take') : t(`action.${a}`));
  return (
    <Stack gap="xs" component="section" aria-labelledby="actions-title" data-testid="action-panel">
      <Title order={2} size="h4" id="actions-title">
        {t('case.actions')}
      </Title>
      {allowed.length === 0 && <Text size="sm">{t('case.noActions')}</Text>}
      {allowed.map((a, i) => (
        <Button
          key={a}
          variant={i === 0 ? 'filled' : 'default'}
          onClick={() => trigger(a)}
          loading={busy === a}
          data-action={a}
          justify="space-between"
          rightSection={ACTION_KEYS[a] ? <Kbd size="xs" aria-hidden>{ACTION_KEYS[a]!.replace('alt+', 'Alt+')}</Kbd> : undefined}
          aria-keyshortcuts={ACTION_KEYS[a]?.replace('alt+', 'Alt+')}
        >
          {label(a)}
        </Button>
      ))}
      {failure && (
        <Text c="red.9" size="sm" role="alert">
          {failure}
        </Text>
      )}
      {open && (
        <ActionDialog
          action={open}
          caseDetail={p.caseDetail}
          assignees={p.assignees}
          departments={p.departments}
          suspensionReasons={p.suspensionReasons}
          serverErrors={serverErrors}
          onSubmit={(body) => run(open, body)}
          onClose={() => setOpen(null)}
        />
      )}
    </Stack>
  );
}
