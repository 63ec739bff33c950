import { Checkbox, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CaseSummary } from '@civicline/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineBadge } from '../../ui/deadline-badge.tsx';
import { formatDate } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';
import type { SortKey, SortNames, SortState } from './sort.ts';
import classes from './case-table.module.css';

const ROW_HEIGHT = 45;

export interface CaseTableProps {
  rows: CaseSummary[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  names: SortNames;
  activeIndex: number;
  onActivate: (index: number) => void;
  selected?: Set<string>;
  onToggle?: (id: string) => void;
  onToggleAll?: (checked: boolean) => void;
  /** Rows may be dragged onto a person (supervisor view). */
  draggable?: boolean;
  height?: string;
  label: string;
}

/**
 * The inbox table: a real <table> whose body renders only the rows in view (TanStack Virtual,
 * with spacer rows above and below), so 10,000 cases scroll as smoothly as 10.
 */
export function CaseTable(p: CaseTableProps) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: p.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  useEffect(() => {
    if (p.activeIndex >= 0) virtualizer.scrollToIndex(p.activeIndex, { align: 'auto' });
  }, [p.activeIndex, virtualizer]);

  const header = (key: SortKey, label: string, width?: number) => {
    const active = p.sort.key === key;
    const Icon = !active ? IconSelector : p.sort.dir === 'asc' ? IconArrowUp : IconArrowDown;
    return (
      <Table.Th aria-sort={active ? (p.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={classes.th} style={width ? { width } : undefined}>
        <UnstyledButton onClick={() => p.onSort(key)} className={classes.sortButton} data-sort={key}>
          {label}
          <Icon size={14} aria-hidden />
        </UnstyledButton>
      </Table.Th>
    );
  };
  const allSelected = !!p.selected && p.rows.length > 0 && p.rows.every((r) => p.selected!.has(r.id));
  const cols = p.selected ? 9 : 8;

  return (
    <div ref={scrollRef} className={classes.scroll} style={{ height: p.height ?? 'calc(100vh - 260px)' }} data-testid="case-table-scroll">
      <Table stickyHeader highlightOnHover verticalSpacing={6} aria-label={p.label} aria-rowcount={p.rows.length + 1} className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            {p.selected && (
              <Table.Th className={classes.check}>
                <Checkbox aria-label={t('inbox.selectAll')} checked={allSelected} indeterminate={!allSelected && p.selected.size > 0} onChange={(e) => p.onToggleAll?.(e.currentTarget.checked)} />
              </Table.Th>
            )}
            {header('number', t('inbox.col.number'), 150)}
            {header('subject', t('inbox.col.subject'))}
            {header('status', t('inbox.col.status'), 160)}
            {header('deadline', t('inbox.col.deadline'), 210)}
            {header('category', t('inbox.col.category'), 170)}
            {header('assignee', t('inbox.col.assignee'), 150)}
            {header('priority', t('inbox.col.priority'), 90)}
            {header('registered', t('inbox.col.registered'), 110)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top > 0 && (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={cols} />
            </tr>
          )}
          {items.map((vi) => {
            const r = p.rows[vi.index]!;
            const active = vi.index === p.activeIndex;
            return (
              <Table.Tr
                key={r.id}
                aria-rowindex={vi.index + 2}
                aria-selected={active || undefined}
                data-case-id={r.id}
                data-active={active || undefined}
                className={classes.row}
                style={{ height: ROW_HEIGHT }}
                onClick={() => p.onActivate(vi.index)}
                draggable={p.draggable}
                onDragStart={p.draggable ? (e) => {
                  const ids = p.selected?.has(r.id) ? [...p.selected] : [r.id];
                  e.dataTransfer.setData('application/x-civicline-cases', JSON.stringify(ids));
                  e.dataTransfer.effectAllowed = 'move';
                } : undefined}
              >
                {p.selected && (
                  <Table.Td className={classes.check}>
                    <Checkbox aria-label={t('inbox.selectCase', { number: r.registrationNumber ?? r.subject })} checked={p.selected.has(r.id)} onChange={() => p.onToggle?.(r.id)} onClick={(e) => e.stopPropagation()} />
                  </Table.Td>
                )}
                <Table.Td className={classes.nowrap}>
                  <Link to={`/cases/${r.id}`} className={classes.link}>
                    {r.registrationNumber ?? t('inbox.draft')}
                  </Link>
                </Table.Td>
                <Table.Td className={classes.subject}>
                  <Text size="sm" truncate="end" title={r.subject}>
                    {r.subject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  <DeadlineBadge deadline={r.deadline} />
                </Table.Td>
                <Table.Td className={classes.ellipsis}>
                  <Text size="sm" truncate="end">
                    {p.names.category(r.categoryId)}
                  </Text>
                </Table.Td>
                <Table.Td className={classes.ellipsis}>
                  <Text size="sm" truncate="end">
                    {r.assigneeId ? p.names.assignee(r.assigneeId) : <span>{t('inbox.unassigned')}</span>}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`priority.${r.priority}`)}</Text>
                </Table.Td>
                <Table.Td className={classes.nowrap}>
                  <Text size="sm">{formatDate(r.registeredAt ?? r.createdAt, i18n.language)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={cols} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
      {p.rows.length === 0 && (
        <Text p="lg" ta="center" role="status">
          {t('inbox.empty')}
        </Text>
      )}
      <VisuallyHidden aria-live="polite">{t('inbox.rowCount', { count: p.rows.length })}</VisuallyHidden>
    </div>
  );
}
