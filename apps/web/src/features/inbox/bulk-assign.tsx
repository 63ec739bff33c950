import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CaseSummary, StaffUser } from '@civicline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';
import { broadcastChange } from '../../app/live-updates.ts';

/** Assigns many cases at once: each with its own version, so a case changed meanwhile is reported, not overwritten. */
export async function assignMany(cases: CaseSummary[], assigneeId: string): Promise<{ ok: number; failed: string[] }> {
  let ok = 0;
  const failed: string[] = [];
  for (const c of cases) {
    try {
      await consoleApi.act(c.id, 'assign', { version: c.version, assigneeId });
      ok++;
    } catch {
      failed.push(c.registrationNumber ?? c.subject);
    }
  }
  return { ok, failed };
}

export function BulkAssignBar({ selected, users, onDone }: { selected: CaseSummary[]; users: StaffUser[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [assignee, setAssignee] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (selected.length === 0) return null;
  const people = users.filter((u) => u.active && (u.roles.includes('technician') || u.roles.includes('supervisor')));
  const run = async () => {
    if (!assignee) return;
    setBusy(true);
    const r = await assignMany(selected, assignee);
    setBusy(false);
    notifications.show({
      closeButtonProps: { 'aria-label': t('common.close') },
      color: r.failed.length ? 'orange' : 'green',
      title: t('bulk.done', { count: r.ok }),
      message: r.failed.length ? t('bulk.failed', { list: r.failed.join(', ') }) : t('bulk.allDone'),
    });
    await client.invalidateQueries();
    broadcastChange();
    onDone();
  };
  return (
    <Group gap="sm" p="xs" bg="civic.0" style={{ borderRadius: 4 }} role="region" aria-label={t('bulk.region')}>
      <Text size="sm" fw={600}>
        {t('bulk.selected', { count: selected.length })}
      </Text>
      <Select
        aria-label={t('bulk.assignTo')}
        placeholder={t('bulk.assignTo')}
        data={people.map((u) => ({ value: u.id, label: u.displayName }))}
        value={assignee}
        onChange={setAssignee}
        searchable
        size="xs"
        w={240}
      />
      <Button size="xs" onClick={() => void run()} disabled={!assignee} loading={busy}>
        {t('bulk.assign')}
      </Button>
    </Group>
  );
}
