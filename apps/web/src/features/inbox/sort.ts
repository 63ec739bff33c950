import type { CaseSummary } from '@civicline/contracts';

export const SORT_KEYS = ['number', 'subject', 'status', 'deadline', 'category', 'assignee', 'priority', 'registered'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

export interface SortNames {
  category: (id: string) => string;
  assignee: (id: string | null) => string;
  status: (s: string) => string;
}

/** Sorts rows in the browser (the API pages newest first); empty values last either way. */
export function sortRows(rows: readonly CaseSummary[], sort: SortState, names: SortNames, lang: string): CaseSummary[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const value = (r: CaseSummary): string | number | null => {
    switch (sort.key) {
      case 'number':
        return r.registrationNumber;
      case 'subject':
        return r.subject;
      case 'status':
        return names.status(r.status);
      case 'deadline':
        return r.deadline.dueAt ? Date.parse(r.deadline.dueAt) : null;
      case 'category':
        return names.category(r.categoryId);
      case 'assignee':
        return r.assigneeId ? names.assignee(r.assigneeId) : null;
      case 'priority':
        return PRIORITY_RANK[r.priority];
      case 'registered':
        return Date.parse(r.registeredAt ?? r.createdAt);
    }
  };
  const keyed = rows.map((r) => ({ r, v: value(r) }));
  const dir = sort.dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.v === null || a.v === '') return b.v === null || b.v === '' ? 0 : 1;
    if (b.v === null || b.v === '') return -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c * dir;
  });
  return keyed.map((k) => k.r);
}
