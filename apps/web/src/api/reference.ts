import { useQuery } from '@tanstack/react-query';
import { consoleApi } from './console.ts';

/** Reference data every console page may need; cached for a minute, shared by all. */
const minute = 60_000;

export const useCategories = (enabled = true) => useQuery({ queryKey: ['categories'], queryFn: consoleApi.categories, staleTime: minute, enabled });
export const useDepartments = (enabled = true) => useQuery({ queryKey: ['departments'], queryFn: consoleApi.departments, staleTime: minute, enabled });
export const useSuspensionReasons = () => useQuery({ queryKey: ['suspension-reasons'], queryFn: consoleApi.suspensionReasons, staleTime: minute });
/** Staff users: only roles with users.read may list them. */
export const useUsers = (enabled: boolean) => useQuery({ queryKey: ['users'], queryFn: consoleApi.users, staleTime: minute, enabled });
