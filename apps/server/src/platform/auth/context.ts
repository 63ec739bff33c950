import type { Role } from '@civicline/contracts';

export interface Actor {
  type: 'user' | 'system' | 'citizen' | 'channel';
  id: string | null;
  roles: Role[];
  departmentIds: string[];
}

/** Who is asking, for which institution, through what: passed to every service verb. */
export interface RequestContext {
  tenantId: string;
  actor: Actor;
  requestId: string | null;
  channel: string | null;
  ip?: string | null;
}

/** For work CivicLine does on its own (jobs, seeding, CLI commands). */
export function systemContext(tenantId: string, channel = 'system'): RequestContext {
  return { tenantId, actor: { type: 'system', id: null, roles: [], departmentIds: [] }, requestId: null, channel };
}
