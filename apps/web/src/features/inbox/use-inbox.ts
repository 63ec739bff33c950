import type { CaseSummary } from '@civicline/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { consoleApi, type CaseListFilters } from '../../api/console.ts';
import { DUE_SOON_HOURS } from './queues.ts';

/** Rows kept in the browser at most; the table stays fast far beyond the inbox of a busy office. */
export const MAX_ROWS = 20_000;
const FIRST_PAGE = 50;
const PAGE = 200;

/**
 * The rows of a queue: the first page fast, then the rest in the background, page after page,
 * so that sorting and scrolling work over the whole queue. Polled for other people's changes.
 */
export function useCaseRows(filters: CaseListFilters) {
  const query = useInfiniteQuery({
    queryKey: ['cases', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => consoleApi.cases({ ...filters, limit: pageParam ? PAGE : FIRST_PAGE, cursor: pageParam }, signal),
    getNextPageParam: (last, pages) => (pages.reduce((n, p) => n + p.items.length, 0) >= MAX_ROWS ? undefined : (last.nextCursor ?? undefined)),
    refetchInterval: (q) => ((q.state.data?.pages.length ?? 0) > 10 ? 60_000 : 15_000),
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const rows = useMemo<CaseSummary[]>(() => {
    const seen = new Set<string>();
    const out: CaseSummary[] = [];
    for (const p of query.data?.pages ?? []) for (const r of p.items) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(r);
      }
    return out;
  }, [query.data]);
  return { ...query, rows, complete: !hasNextPage && !query.isPending };
}

/** The queue counters, live (`enabled: false` holds them back while the first rows load). */
export function useCaseCounts(departmentId?: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['case-counts', departmentId ?? null],
    queryFn: () => consoleApi.caseCounts({ dueSoonHours: DUE_SOON_HOURS, ...(departmentId ? { departmentId } : {}) }),
    refetchInterval: 10_000,
  });
}
