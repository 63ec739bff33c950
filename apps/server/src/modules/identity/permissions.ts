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
  'categories.read': ALL_STAFF,
  'categories.manage': ['admin'],
  'registers.read': ALL_STAFF,
  'registers.manage': ['admin'],
  'calendar.read': ALL_STAFF,
  'calendar.manage': ['admin'],
  'citizens.read': ['admin', 'supervisor', 'technician', 'operator', 'registrar'],
  'citizens.manage': ['admin', 'supervisor', 'technician', 'operator', 'registrar'],
  /** Seeing a national identifier in full (every such read is audited). */
  'citizens.reveal_national_id': ['admin', 'registrar', 'supervisor'],
  'citizens.merge': ['admin', 'supervisor', 'registrar'],
  'cases.read': ALL_STAFF,
  'cases.create': ['admin', 'supervisor', 'technician', 'operator', 'registrar'],
  /** Taking lifecycle actions; which ones, on which cases, the case lifecycle decides. */
  'cases.act': ['admin', 'supervisor', 'technician', 'operator', 'registrar'],
  'staff.workload.manage': ['admin', 'supervisor'],
  'channels.read': ['admin', 'supervisor'],
  'channels.manage': ['admin'],
  /** A case's messages (the case's own read rule applies too). */
  'messages.read': ['admin', 'supervisor', 'technician', 'operator', 'registrar'],
  /** The whole outbox, every citizen's address in it, and sending a failed message again. */
  'messages.read_all': ['admin'],
  'messages.resend': ['admin'],
  /** The registry desk: recording paper documents with their scans. */
  'registry.record': ['admin', 'registrar', 'operator'],
  /** The daily register and the printed receipts (sender names: intake staff and auditors only). */
  'registry.read': ['admin', 'registrar', 'operator', 'auditor'],
  /** Status check: callers blocked as likely fraud (seen and released by supervisors). */
  'status.fraud.read': ['admin', 'supervisor', 'auditor'],
  'status.fraud.review': ['admin', 'supervisor'],
  /** Importing records of other systems (invoices, benefits, documents) into the built-in store. */
  'status.records.manage': ['admin'],
  /** Notification rules, templates and quiet hours. */
  'notifications.read': ['admin', 'supervisor', 'auditor'],
  'notifications.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => hasPermission(roles, p));
}
