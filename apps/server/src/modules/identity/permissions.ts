import type { Role } from '@civicline/contracts';

const ALL_STAFF: Role[] = ['admin', 'supervisor', 'technician', 'operator', 'registrar', 'auditor'];

/**
 * Which roles hold each permission. A route names one permission (or is explicitly public or
 * open to any signed-in user); everything not granted here is denied.
 */
export const PERMISSIONS = {
  'tenant.read': ALL_STAFF,
  'tenant.manage': ['admin'],
  'departments.read': ALL_STAFF,
  'departments.manage': ['admin'],
  'users.read': ['admin', 'supervisor', 'auditor'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'audit.verify': ['admin', 'auditor'],
  'jobs.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => hasPermission(roles, p));
}
