import { Button, Group, Paper, Stack, Switch, Table, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The form's buttons: Add for a new record, Save and Cancel while one is being edited. */
export function AdminFormActions({ editing, busy, onCancel, submitTestId }: { editing: boolean; busy: boolean; onCancel: () => void; submitTestId?: string }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" loading={busy} data-testid={submitTestId}>
        {editing ? t('admin.save') : t('admin.add')}
      </Button>
      {editing && (
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      )}
    </Group>
  );
}

/**
 * An admin page's add/edit form: a titled panel, validated by the server (no browser validation
 * bubbles, field errors come back by path), submitted without leaving the page, its buttons last.
 */
export function AdminForm(props: {
  editor: { editing: unknown; save: { busy: boolean }; reset: () => void };
  titleId: string;
  title: string;
  onSubmit: () => Promise<unknown>;
  submitTestId?: string;
  children: ReactNode;
}) {
  const { editor, titleId, title, onSubmit, submitTestId, children } = props;
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <Title order={2} size="h4" mb="xs" id={titleId}>
        {title}
      </Title>
      <Stack gap="sm">
        {children}
        <AdminFormActions editing={editor.editing !== null} busy={editor.save.busy} onCancel={editor.reset} submitTestId={submitTestId} />
      </Stack>
    </Paper>
  );
}

/** The last two headers of an admin list: whether a row is active, and its (unnamed) edit column. */
export function ActiveEditHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th>{t('admin.active')}</Table.Th>
      <Table.Th>
        <VisuallyHidden>{t('admin.edit')}</VisuallyHidden>
      </Table.Th>
    </>
  );
}

/** A row's active switch and edit button, each named after the row for screen readers. */
export function ActiveEditCells({ name, active, onActive, onEdit }: { name: string; active: boolean; onActive: (active: boolean) => void; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td>
        <Switch aria-label={t('admin.activeOf', { name })} checked={active} onChange={(e) => onActive(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={t('admin.editOf', { name })}>
          {t('admin.edit')}
        </Button>
      </Table.Td>
    </>
  );
}
