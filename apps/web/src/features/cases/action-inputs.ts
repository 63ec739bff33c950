import { CaseActionRequests, type CaseAction } from '@civicline/contracts';
import type { TFunction } from 'i18next';

/** What each lifecycle action asks of the user, besides the case's version. */
export const ACTION_INPUTS: Record<CaseAction, readonly ActionInput[]> = {
  register: ['comment?'],
  assign: ['assigneeId'],
  start: [],
  suspend: ['suspensionReason', 'comment?'],
  resume: [],
  propose_resolution: ['answer', 'returnMethod'],
  approve: ['comment?'],
  return: ['comment'],
  reject: ['rejectionReason', 'comment'],
  redirect: ['redirectTarget', 'reason'],
  extend: ['days', 'reason'],
  close: [],
  withdraw: ['comment'],
  reopen: ['comment'],
};
export type ActionInput =
  | 'comment'
  | 'comment?'
  | 'assigneeId'
  | 'suspensionReason'
  | 'answer'
  | 'returnMethod'
  | 'rejectionReason'
  | 'redirectTarget'
  | 'reason'
  | 'days';

/** The order actions are offered in: the usual next step first. */
export const ACTION_ORDER: CaseAction[] = ['register', 'assign', 'start', 'propose_resolution', 'approve', 'return', 'resume', 'suspend', 'extend', 'redirect', 'reject', 'close', 'reopen', 'withdraw'];

/** Keyboard shortcuts of the common actions. */
export const ACTION_KEYS: Partial<Record<CaseAction, string>> = { assign: 'a', start: 's', propose_resolution: 'p', approve: 'alt+a' };

/** Actions that need nothing but a confirmation. */
export const needsDialog = (a: CaseAction, selfAssign: boolean) => !(ACTION_INPUTS[a].length === 0 || (a === 'assign' && selfAssign));

export interface ActionFormValues {
  comment: string;
  assigneeId: string | null;
  reason: string;
  suspensionReason: string | null;
  answer: string;
  returnMethod: string | null;
  rejectionReason: string | null;
  redirectKind: 'department' | 'agency';
  departmentId: string | null;
  agencyName: string;
  agencyContact: string;
  days: number | string;
}

export const emptyActionForm = (): ActionFormValues => ({
  comment: '',
  assigneeId: null,
  reason: '',
  suspensionReason: null,
  answer: '',
  returnMethod: null,
  rejectionReason: null,
  redirectKind: 'department',
  departmentId: null,
  agencyName: '',
  agencyContact: '',
  days: '',
});

/** The request body for an action from the form values (only what the action takes). */
export function actionBody(action: CaseAction, v: ActionFormValues, version: number): Record<string, unknown> {
  const comment = v.comment.trim() ? { comment: v.comment.trim() } : {};
  switch (action) {
    case 'assign':
      return { version, assigneeId: v.assigneeId ?? '' };
    case 'suspend':
      return { version, reason: v.suspensionReason ?? '', ...comment };
    case 'propose_resolution':
      return { version, answer: v.answer, returnMethod: v.returnMethod ?? '' };
    case 'reject':
      return { version, reason: v.rejectionReason ?? '', comment: v.comment };
    case 'redirect':
      return v.redirectKind === 'department'
        ? { version, departmentId: v.departmentId ?? undefined, reason: v.reason }
        : { version, agency: { name: v.agencyName, ...(v.agencyContact.trim() ? { contact: v.agencyContact } : {}) }, reason: v.reason };
    case 'extend':
      return { version, days: typeof v.days === 'number' ? v.days : Number.NaN, reason: v.reason };
    case 'return':
    case 'withdraw':
    case 'reopen':
      return { version, comment: v.comment };
    default:
      return { version, ...comment };
  }
}

/** Which form field shows a body path's problem. */
const FIELD_OF_PATH: Record<string, Partial<Record<CaseAction, keyof ActionFormValues>>> = {
  reason: { suspend: 'suspensionReason', reject: 'rejectionReason', redirect: 'reason', extend: 'reason' },
};

/**
 * Checks the body with the server's own schema for the action; returns a message per form field.
 */
export function validateAction(t: TFunction, action: CaseAction, body: Record<string, unknown>): Partial<Record<keyof ActionFormValues, string>> {
  const parsed = CaseActionRequests[action].safeParse(body, { reportInput: true });
  if (parsed.success) return {};
  const out: Partial<Record<keyof ActionFormValues, string>> = {};
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? '');
    let field = (FIELD_OF_PATH[head]?.[action] ?? head) as keyof ActionFormValues;
    if (head === 'agency') field = issue.path[1] === 'contact' ? 'agencyContact' : 'agencyName';
    if (action === 'redirect' && head === 'departmentId') field = body.agency ? 'agencyName' : 'departmentId';
    const i = issue as { code: string; minimum?: number | bigint; maximum?: number | bigint; input?: unknown };
    let message: string;
    if (i.code === 'custom' || i.input === undefined || i.input === '' || (typeof i.input === 'number' && Number.isNaN(i.input))) message = t('validation.required');
    else if (i.code === 'too_small') message = typeof i.input === 'string' ? t('validation.minLength', { min: Number(i.minimum) }) : t('validation.min', { min: Number(i.minimum) });
    else if (i.code === 'too_big') message = typeof i.input === 'string' ? t('validation.maxLength', { max: Number(i.maximum) }) : t('validation.max', { max: Number(i.maximum) });
    else message = t('validation.invalid');
    out[field] ??= message;
  }
  return out;
}
