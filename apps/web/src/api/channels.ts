import type {
  CallScreenPop,
  CaseDetail,
  Citizen,
  CreateMailboxRequest,
  CreatePhoneLineRequest,
  CreateProviderAccountRequest,
  DailyRegister,
  Mailbox,
  PhoneLine,
  ProviderAccount,
  RecordedDocument,
  UpdateMailboxRequest,
  UpdatePhoneLineRequest,
  UpdateProviderAccountRequest,
  UpdateCaseRequest,
} from '@civicline/contracts';
import type { z } from 'zod';
import type { In } from './console.ts';
import { api } from './http.ts';
import { sendForm, type UploadProgress } from './upload.ts';

/** The channel screens' API: calls (screen-pop), the registry desk, mailboxes, lines and providers. */
const V1 = '/api/v1';

export const CALL_STREAM_URL = `${V1}/calls/stream`;

export type CitizenQuery = { name?: string; phone?: string; email?: string; nationalId?: string };

export const channelsApi = {
  activeCalls: () => api<CallScreenPop[]>('GET', `${V1}/calls/active`),
  call: (id: string) => api<CallScreenPop>('GET', `${V1}/calls/${id}`),
  attachCaller: (id: string, citizenId: string) => api<CallScreenPop>('POST', `${V1}/calls/${id}/caller`, { body: { citizenId } }),
  /** A call whose line opened no draft: the operator opens it in the category they choose. */
  openDraft: (id: string, categoryId: string) => api<CallScreenPop>('POST', `${V1}/calls/${id}/draft`, { body: { categoryId } }),
  /** The operator's draft: category, subject, fields (and who asked) before it is registered. */
  completeDraft: (id: string, body: In<typeof UpdateCaseRequest>) => api<CaseDetail>('PATCH', `${V1}/cases/${id}`, { body }),
  findCitizens: (q: CitizenQuery) => api<Citizen[]>('GET', `${V1}/citizens`, { query: { ...q, limit: 10 } }),

  /** The registrar's document: its fields and scans in one multipart request, with the upload's progress. */
  recordDocument: (form: FormData, opts: { total: number; idempotencyKey: string; onProgress: (p: UploadProgress) => void }) =>
    sendForm<RecordedDocument>(`${V1}/registry/documents`, form, { total: opts.total, onProgress: opts.onProgress, headers: { 'idempotency-key': opts.idempotencyKey } }),
  dailyRegister: (date?: string) => api<z.infer<typeof DailyRegister>>('GET', `${V1}/registry/documents`, { query: { date } }),

  mailboxes: () => api<Mailbox[]>('GET', `${V1}/mailboxes`),
  createMailbox: (body: In<typeof CreateMailboxRequest>) => api<Mailbox>('POST', `${V1}/mailboxes`, { body }),
  updateMailbox: (id: string, body: In<typeof UpdateMailboxRequest>) => api<Mailbox>('PATCH', `${V1}/mailboxes/${id}`, { body }),
  phoneLines: () => api<PhoneLine[]>('GET', `${V1}/phone-lines`),
  createPhoneLine: (body: In<typeof CreatePhoneLineRequest>) => api<PhoneLine>('POST', `${V1}/phone-lines`, { body }),
  updatePhoneLine: (id: string, body: In<typeof UpdatePhoneLineRequest>) => api<PhoneLine>('PATCH', `${V1}/phone-lines/${id}`, { body }),
  providerAccounts: () => api<ProviderAccount[]>('GET', `${V1}/provider-accounts`),
  createProviderAccount: (body: In<typeof CreateProviderAccountRequest>) => api<ProviderAccount>('POST', `${V1}/provider-accounts`, { body }),
  updateProviderAccount: (id: string, body: In<typeof UpdateProviderAccountRequest>) => api<ProviderAccount>('PATCH', `${V1}/provider-accounts/${id}`, { body }),
};
