import type { Me } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../api/console.ts';
import { ApiError } from '../../api/http.ts';

export const meKey = ['me'] as const;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await consoleApi.me();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export const hasRole = (me: Me | null | undefined, ...roles: Me['roles']) => !!me && me.roles.some((r) => roles.includes(r));
export const can = (me: Me | null | undefined, permission: string) => !!me && me.permissions.includes(permission);
