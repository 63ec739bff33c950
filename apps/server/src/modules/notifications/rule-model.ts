import { CHANNELS } from '@civicline/contracts';
import { z } from 'zod';

/** Where a citizen rule may send: fixed channels, or the one the request came in on, or the citizen's preferred one. */
export const CITIZEN_RULE_CHANNELS = ['sms', 'email', 'portal', 'arrival', 'preferred'] as const;
/** Staff are told in the console (the bell) and, summed up, in the e-mail digest. */
export const STAFF_RULE_CHANNELS = ['inapp', 'digest'] as const;
export const RULE_CHANNELS = [...CITIZEN_RULE_CHANNELS, ...STAFF_RULE_CHANNELS] as const;
export const FALLBACK_CHANNELS = ['email', 'portal'] as const;
export const STAFF_RECIPIENTS = ['assignee', 'supervisors'] as const;
/** Channels a message is rendered for (templates exist per channel). */
export const TEMPLATE_CHANNELS = ['sms', 'email', 'portal'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

const PayloadField = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,40}$/, 'A field of the event, in camelCase');

/** A rule's conditions; everything left out matches. */
export const RuleConditions = z
  .object({
    /** The case came in on one of these channels (the seed: receipt notices for postal and online submissions only). */
    submissionChannels: z.array(z.enum(CHANNELS)).min(1).optional(),
    excludeSubmissionChannels: z.array(z.enum(CHANNELS)).min(1).optional(),
    /** Fields of the event: `in` one of these values, or `present` (not null). */
    match: z
      .array(
        z
          .object({ field: PayloadField, in: z.array(z.union([z.string().max(100), z.boolean()])).min(1).optional(), present: z.boolean().optional() })
          .refine((m) => (m.in === undefined) !== (m.present === undefined), { message: 'Give either `in` or `present`' }),
      )
      .max(10)
      .optional(),
    /** Skip channels on which intake already acknowledged the request (the receipt notices). */
    skipAcknowledged: z.boolean().optional(),
    /** Staff rules: who is told. */
    recipients: z.array(z.enum(STAFF_RECIPIENTS)).min(1).optional(),
  })
  .strict();
export type RuleConditions = z.infer<typeof RuleConditions>;

export interface RuleRecord {
  id: string;
  code: string;
  eventType: string;
  audience: 'citizen' | 'staff';
  conditions: RuleConditions;
  channels: string[];
  fallback: string[];
  urgent: boolean;
  exclusiveGroup: string | null;
  priority: number;
  templateCode: string;
  enabled: boolean;
}

/** What a rule's conditions are checked against. */
export interface MatchFacts {
  payload: Record<string, unknown>;
  submissionChannel: string | null;
}

/** Pure: whether a rule's conditions hold for an event. */
export function conditionsHold(c: RuleConditions, f: MatchFacts): boolean {
  if (c.submissionChannels && (!f.submissionChannel || !(c.submissionChannels as readonly string[]).includes(f.submissionChannel))) return false;
  if (c.excludeSubmissionChannels && f.submissionChannel && (c.excludeSubmissionChannels as readonly string[]).includes(f.submissionChannel)) return false;
  for (const m of c.match ?? []) {
    const v = f.payload[m.field];
    const present = v !== undefined && v !== null && v !== '';
    if (m.present !== undefined && present !== m.present) return false;
    if (m.in && !m.in.some((x) => x === v)) return false;
  }
  return true;
}

/**
 * Pure: the rules that fire for an event, in priority order. Of the rules sharing an exclusive
 * group only the first that matches fires (the one-stop centre's receipt notice and the general
 * "registered" notice never both reach the citizen).
 */
export function firingRules<R extends RuleRecord>(rules: readonly R[], facts: MatchFacts): R[] {
  const taken = new Set<string>();
  const out: R[] = [];
  for (const r of [...rules].sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code))) {
    if (!r.enabled || !conditionsHold(r.conditions, facts)) continue;
    if (r.exclusiveGroup) {
      if (taken.has(r.exclusiveGroup)) continue;
      taken.add(r.exclusiveGroup);
    }
    out.push(r);
  }
  return out;
}

/** The channel a case's citizen is answered on when the rule says "the arrival channel". */
export function arrivalChannelOf(submissionChannel: string | null): TemplateChannel | null {
  switch (submissionChannel) {
    case 'sms':
    case 'phone':
      return 'sms';
    case 'email':
    case 'fax':
      return 'email';
    case 'web':
    case 'api':
    case 'open311':
    case 'chat':
      return 'portal';
    default:
      return null;
  }
}

export function preferredChannelOf(preferred: string | null): TemplateChannel | null {
  return preferred === 'sms' || preferred === 'email' || preferred === 'portal' ? preferred : null;
}
