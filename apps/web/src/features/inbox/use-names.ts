import type { Me } from '@civicline/contracts';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories, useDepartments, useUsers } from '../../api/reference.ts';
import { pickText } from '../../ui/localized.ts';
import type { SortNames } from './sort.ts';

/**
 * Names for ids: categories, departments, people (when the role may list staff). `enabled: false`
 * holds the requests back, so that a page's first rows are asked for first.
 */
export function useNames(me: Me, enabled = true) {
  const { t, i18n } = useTranslation();
  const categories = useCategories(enabled);
  const departments = useDepartments(enabled);
  const users = useUsers(enabled && me.permissions.includes('users.read'));
  const catMap = useMemo(() => new Map((categories.data ?? []).map((c) => [c.id, pickText(c.name, i18n.language)])), [categories.data, i18n.language]);
  const deptMap = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, pickText(d.name, i18n.language)])), [departments.data, i18n.language]);
  const userMap = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data]);
  const category = useCallback((id: string) => catMap.get(id) ?? '…', [catMap]);
  const department = useCallback((id: string) => deptMap.get(id) ?? '…', [deptMap]);
  const assignee = useCallback(
    (id: string | null) => (id === null ? '' : id === me.id ? t('inbox.me', { name: me.displayName }) : (userMap.get(id) ?? t('inbox.colleague'))),
    [userMap, me.id, me.displayName, t],
  );
  const status = useCallback((s: string) => t(`status.${s}`), [t]);
  const names: SortNames = useMemo(() => ({ category, assignee, status }), [category, assignee, status]);
  return { names, department, categories: categories.data ?? [], departments: departments.data ?? [], users: users.data ?? [] };
}
