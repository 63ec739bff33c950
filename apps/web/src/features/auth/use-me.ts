import type { Me } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';

export const meKey = ['me'] as const;
const STORED = 'civicline.me';

/** Remembers who signed in (this tab only), so a reload renders at once while the server confirms it. */
export function rememberMe(me: Me | null): void {
  if (me) sessionStorage.setItem(STORED, JSON.stringify(me));
  else sessionStorage.removeItem(STORED);
}

function remembered(): Me | undefined {
  try {
    const raw = sessionStorage.getItem(STORED);
    return raw ? (JSON.parse(raw) as Me) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The signed-in user, or null when nobody is signed in. The page's own requests start at once
 * with the remembered user; the server's answer replaces it (a 401 signs the tab out).
 */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: meKey,
    queryFn: async () => {
      try {
        const me = await consoleApi.me();
        rememberMe(me);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          rememberMe(null);
          return null;
        }
        throw err;
      }
    },
    placeholderData: remembered,
    staleTime: 60_000,
  });
}

export const hasRole = (me: Me | null | undefined, ...roles: Me['roles']) => !!me && me.roles.some((r) => roles.includes(r));
export const can = (me: Me | null | undefined, permission: string) => !!me && me.permissions.includes(permission);
