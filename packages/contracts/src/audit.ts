import { z } from 'zod';
import { Uuid } from './common.ts';

export const ACTOR_TYPES = ['user', 'system', 'citizen', 'channel'] as const;

export const AuditEntry = z.object({
  id: Uuid,
  seq: z.number().int(),
  occurredAt: z.string(),
  actorType: z.enum(ACTOR_TYPES),
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  purpose: z.string().nullable(),
  channel: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  subjectType: z.string().max(64).optional(),
  subjectId: z.string().max(128).optional(),
  actorId: z.string().max(128).optional(),
  action: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeSeq: z.coerce.number().int().min(1).optional(),
});

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
