import { Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { REJECTION_REASONS, RETURN_METHODS, type CaseAction, type CaseDetail, type Department, type StaffUser } from '@civicline/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../../ui/localized.ts';
import { ACTION_INPUTS, actionBody, emptyActionForm, validateAction, type ActionFormValues } from './action-inputs.ts';

export interface ActionDialogProps {
  action: CaseAction;
  caseDetail: CaseDetail;
  /** People the case may be assigned to (its department's). */
  assignees: StaffUser[];
  departments: Department[];
  suspensionReasons: { code: string; name: Record<string, string | undefined> }[];
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
  /** Errors the server gave for the last attempt, by body path. */
  serverErrors?: Record<string, string>;
}

/** One lifecycle action's form: exactly the inputs the action requires, checked with the server's schema. */
export function ActionDialog(p: ActionDialogProps) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState<ActionFormValues>(emptyActionForm);
  const [errors, setErrors] = useState<Partial<Record<keyof ActionFormValues, string>>>({});
  const [busy, setBusy] = useState(false);
  const inputs = ACTION_INPUTS[p.action];
  const set = <K extends keyof ActionFormValues>(k: K, value: ActionFormValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const err = (k: keyof ActionFormValues) => errors[k] ?? p.serverErrors?.[k];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = actionBody(p.action, v, p.caseDetail.version);
    const problems = validateAction(t, p.action, body);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await p.onSubmit(body);
    } finally {
      setBusy(false);
    }
  };

  const commentRequired = inputs.includes('comment');
  return (
    <Modal opened onClose={p.onClose} title={t(`action.${p.action}`)} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-action-form={p.action}>
        <Stack>
          {inputs.includes('assigneeId') && (
            <Select
              label={t('actionForm.assignee')}
              required
              withAsterisk
              searchable
              data={p.assignees.map((u) => ({ value: u.id, label: u.displayName }))}
              value={v.assigneeId}
              onChange={(x) => set('assigneeId', x)}
              error={err('assigneeId')}
              data-autofocus
            />
          )}
          {inputs.includes('suspensionReason') && (
            <Select
              label={t('actionForm.suspensionReason')}
              required
              withAsterisk
              data={p.suspensionReasons.map((r) => ({ value: r.code, label: pickText(r.name, i18n.language) }))}
              value={v.suspensionReason}
              onChange={(x) => set('suspensionReason', x)}
              error={err('suspensionReason')}
              data-autofocus
            />
          )}
          {inputs.includes('rejectionReason') && (
            <Select
              label={t('actionForm.rejectionReason')}
              required
              withAsterisk
              data={REJECTION_REASONS.map((r) => ({ value: r, label: t(`rejection.${r}`) }))}
              value={v.rejectionReason}
              onChange={(x) => set('rejectionReason', x)}
              error={err('rejectionReason')}
              data-autofocus
            />
          )}
          {inputs.includes('answer') && (
            <>
              <Textarea label={t('actionForm.answer')} required withAsterisk autosize minRows={5} value={v.answer} onChange={(e) => set('answer', e.currentTarget.value)} error={err('answer')} data-autofocus />
              <Select
                label={t('actionForm.returnMethod')}
                required
                withAsterisk
                data={RETURN_METHODS.map((m) => ({ value: m, label: t(`returnMethod.${m}`) }))}
                value={v.returnMethod}
                onChange={(x) => set('returnMethod', x)}
                error={err('returnMethod')}
              />
            </>
          )}
          {inputs.includes('redirectTarget') && (
            <>
              <SegmentedControl
                aria-label={t('actionForm.redirectTo')}
                value={v.redirectKind}
                onChange={(x) => set('redirectKind', x as 'department' | 'agency')}
                data={[
                  { value: 'department', label: t('actionForm.toDepartment') },
                  { value: 'agency', label: t('actionForm.toAgency') },
                ]}
              />
              {v.redirectKind === 'department' ? (
                <Select
                  label={t('actionForm.department')}
                  required
                  withAsterisk
                  data={p.departments.filter((d) => d.active && d.id !== p.caseDetail.departmentId).map((d) => ({ value: d.id, label: pickText(d.name, i18n.language) }))}
                  value={v.departmentId}
                  onChange={(x) => set('departmentId', x)}
                  error={err('departmentId')}
                />
              ) : (
                <>
                  <TextInput label={t('actionForm.agencyName')} required withAsterisk value={v.agencyName} onChange={(e) => set('agencyName', e.currentTarget.value)} error={err('agencyName')} />
                  <TextInput label={t('actionForm.agencyContact')} value={v.agencyContact} onChange={(e) => set('agencyContact', e.currentTarget.value)} error={err('agencyContact')} />
                </>
              )}
            </>
          )}
          {inputs.includes('days') && (
            <NumberInput label={t('actionForm.days')} required withAsterisk min={1} max={365} value={v.days} onChange={(x) => set('days', x)} error={err('days')} data-autofocus />
          )}
          {inputs.includes('reason') && (
            <Textarea label={t('actionForm.reason')} required withAsterisk autosize minRows={2} value={v.reason} onChange={(e) => set('reason', e.currentTarget.value)} error={err('reason')} />
          )}
          {(commentRequired || inputs.includes('comment?')) && (
            <Textarea
              label={commentRequired ? t('actionForm.comment') : t('actionForm.commentOptional')}
              required={commentRequired}
              withAsterisk={commentRequired}
              autosize
              minRows={2}
              value={v.comment}
              onChange={(e) => set('comment', e.currentTarget.value)}
              error={err('comment')}
              data-autofocus={inputs.length === 1 ? true : undefined}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={p.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-confirm-action={p.action}>
              {t(`action.${p.action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
