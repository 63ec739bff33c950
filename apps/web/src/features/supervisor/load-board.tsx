import { Card, Group, Progress, SimpleGrid, Text } from '@mantine/core';
import type { StaffUser } from '@civicline/contracts';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi } from '../../api/console.ts';

/**
 * Each person of the department: open cases against capacity, in numbers and a bar. A person is
 * a drop target: cases dragged from the list below are assigned to them.
 */
export function LoadBoard({ people, openByUser, onDropCases }: { people: StaffUser[]; openByUser: Record<string, number>; onDropCases: (userId: string, caseIds: string[]) => void }) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  const workloads = useQueries({ queries: people.map((u) => ({ queryKey: ['workload', u.id], queryFn: () => consoleApi.workload(u.id), staleTime: 60_000 })) });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" role="list" aria-label={t('supervisor.load')}>
      {people.map((u, i) => {
        const w = workloads[i]?.data;
        const open = openByUser[u.id] ?? 0;
        const capacity = w?.capacity ?? null;
        const pct = capacity ? Math.min(100, Math.round((open / capacity) * 100)) : 0;
        const over100 = capacity !== null && open > capacity;
        const absent = w?.absences.some((a) => a.fromDay <= today && today <= a.toDay);
        return (
          <Card
            key={u.id}
            withBorder
            role="listitem"
            data-person={u.id}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(u.id);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const raw = e.dataTransfer.getData('application/x-civicline-cases');
              if (raw) onDropCases(u.id, JSON.parse(raw) as string[]);
            }}
            style={over === u.id ? { outline: '3px dashed var(--mantine-color-civic-8)' } : undefined}
          >
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} truncate="end">
                {u.displayName}
              </Text>
              <Text size="xs">{u.roles.map((r) => t(`role.${r}`)).join(', ')}</Text>
            </Group>
            <Text size="sm" mt={4} data-testid="load-text">
              {capacity !== null ? t('supervisor.openOfCapacity', { open, capacity }) : t('supervisor.openNoLimit', { open })}
              {over100 && ` — ${t('supervisor.overCapacity')}`}
              {absent && ` — ${t('supervisor.absent')}`}
            </Text>
            <Progress mt={6} value={capacity ? pct : 0} color={over100 ? 'red' : pct > 80 ? 'orange' : 'civic'} aria-label={t('supervisor.loadOf', { name: u.displayName })} />
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
