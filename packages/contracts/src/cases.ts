import { z } from 'zod';
import { Uuid } from './common.ts';

export const CHANNELS = ['web', 'email', 'sms', 'phone', 'fax', 'post', 'registry', 'walk_in', 'chat', 'api', 'open311'] as const;
export const Channel = z.enum(CHANNELS);

export const CASE_STATUSES = [
  'draft',
  'registered',
  'assigned',
  'in_progress',
  'suspended',
  'resolution_proposed',
  'resolved',
  'closed',
  'rejected',
  'redirected',
  'withdrawn',
  'reopened',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);

export const RETURN_METHODS = ['in_person', 'post', 'online'] as const;
export const REJECTION_REASONS = ['inadmissible', 'duplicate', 'anonymous_not_allowed', 'incomplete', 'other'] as const;
export const LINK_KINDS = ['duplicate_of', 'follow_up_of', 'related'] as const;

export const Location = z.object({
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  address: z.string().trim().max(300).optional(),
});

export const CreateCaseRequest = z.object({
  categoryId: Uuid,
  channel: Channel,
  citizenId: Uuid.nullable().default(null).describe('null for an anonymous request, where the category allows it'),
  subject: z.string().trim().min(3).max(300),
  description: z.string().trim().max(20_000).default(''),
  customFields: z.record(z.string(), z.unknown()).default({}),
  location: Location.optional(),
  priority: Priority.default('normal'),
  draft: z.boolean().default(false).describe('Open as a draft (an operator with the caller on the line); register later'),
});

export const UpdateCaseRequest = z.object({
  subject: z.string().trim().min(3).max(300).optional(),
  description: z.string().trim().max(20_000).optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
  location: Location.nullable().optional(),
  priority: Priority.optional(),
  citizenId: Uuid.nullable().optional(),
  categoryId: Uuid.optional().describe('Drafts only'),
  version: z.number().int(),
});

const Versioned = z.object({ version: z.number().int(), comment: z.string().trim().max(5000).optional() });

/** One body per lifecycle action; each names what the action needs. */
export const CaseActionRequests = {
  register: Versioned,
  assign: Versioned.extend({ assigneeId: Uuid }),
  start: Versioned,
  suspend: Versioned.extend({ reason: z.string().min(1).max(40) }),
  resume: Versioned,
  propose_resolution: Versioned.extend({
    answer: z.string().trim().min(3).max(20_000),
    returnMethod: z.enum(RETURN_METHODS),
  }),
  approve: Versioned,
  return: Versioned.extend({ comment: z.string().trim().min(3).max(5000) }),
  reject: Versioned.extend({ reason: z.enum(REJECTION_REASONS), comment: z.string().trim().min(3).max(5000) }),
  redirect: Versioned.extend({
    departmentId: Uuid.optional(),
    agency: z
      .object({ name: z.string().trim().min(2).max(300), contact: z.string().trim().max(500).optional() })
      .optional(),
    reason: z.string().trim().min(3).max(2000),
  }).refine((r) => Boolean(r.departmentId) !== Boolean(r.agency), { message: 'Redirect either to a department or to an agency', path: ['departmentId'] }),
  extend: Versioned.extend({ days: z.number().int().min(1).max(365), reason: z.string().trim().min(3).max(2000) }),
  close: Versioned,
  withdraw: Versioned.extend({ comment: z.string().trim().min(3).max(5000) }),
  reopen: Versioned.extend({ comment: z.string().trim().min(3).max(5000) }),
} as const;
export type CaseAction = keyof typeof CaseActionRequests;
export const CASE_ACTIONS = Object.keys(CaseActionRequests) as CaseAction[];

export const AddCommentRequest = z.object({
  body: z.string().trim().min(1).max(20_000),
  visibility: z.enum(['internal', 'citizen']).default('internal'),
});

export const AddLinkRequest = z.object({ linkedCaseId: Uuid, kind: z.enum(LINK_KINDS) });

export const DeadlineInfo = z.object({
  dueAt: z.string().nullable(),
  remainingMs: z.number().nullable(),
  state: z.enum(['none', 'on_time', 'due_soon', 'overdue', 'stopped']),
  overdue: z.boolean(),
  clock: z.enum(['not_started', 'running', 'stopped', 'finished']),
  extensionDays: z.number().int().nullable(),
  forwardDueAt: z.string().nullable(),
});

export const CaseSummary = z.object({
  id: Uuid,
  registrationNumber: z.string().nullable(),
  categoryId: Uuid,
  status: CaseStatus,
  channel: Channel,
  citizenId: Uuid.nullable(),
  subject: z.string(),
  priority: Priority,
  departmentId: Uuid,
  assigneeId: Uuid.nullable(),
  registeredAt: z.string().nullable(),
  createdAt: z.string(),
  deadline: DeadlineInfo,
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = CaseSummary.extend({
  description: z.string(),
  customFields: z.record(z.string(), z.unknown()),
  location: Location.nullable(),
  suspensionReason: z.string().nullable(),
  resolution: z.object({ answer: z.string(), returnMethod: z.enum(RETURN_METHODS), proposedBy: z.string().nullable(), approvedBy: z.string().nullable() }).nullable(),
  redirect: z.record(z.string(), z.unknown()).nullable(),
  links: z.array(z.object({ linkedCaseId: Uuid, kind: z.enum(LINK_KINDS), registrationNumber: z.string().nullable() })),
  allowedActions: z.array(z.string()),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const TimelineEntry = z.object({
  id: Uuid,
  type: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  visibility: z.enum(['internal', 'citizen']),
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});

export const Attachment = z.object({
  id: Uuid,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

export const CaseListQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(CaseStatus).optional()),
  departmentId: Uuid.optional(),
  assigneeId: z.union([Uuid, z.literal('me'), z.literal('none')]).optional(),
  categoryId: Uuid.optional(),
  channel: Channel.optional(),
  citizenId: Uuid.optional(),
  overdue: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(2).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** The inbox queues, counted for the signed-in user with the same filters the case list takes. */
export const CaseCountsQuery = z.object({
  /** "Due soon" means a running clock ending within this many hours (and not yet overdue). */
  dueSoonHours: z.coerce.number().int().min(1).max(24 * 60).default(72),
  /** Count open cases per assignee in this department (the supervisor's load board). */
  departmentId: Uuid.optional(),
});

export const CaseCounts = z.object({
  /** Open cases assigned to me. */
  mine: z.number().int(),
  /** Open cases of each of my departments. */
  departments: z.record(z.string(), z.number().int()),
  /** Open cases nobody holds, that I may see. */
  unassigned: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  /** Proposed resolutions I may approve (supervisors; 0 for others). */
  awaitingApproval: z.number().int(),
  /** Every open case I may see. */
  open: z.number().int(),
  /** With `departmentId`: open cases per assignee of that department. */
  byAssignee: z.record(z.string(), z.number().int()),
  at: z.string(),
});
export type CaseCounts = z.infer<typeof CaseCounts>;
