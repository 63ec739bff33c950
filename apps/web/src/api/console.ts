import type {
  Attachment,
  CaseAction,
  CaseActionRequests,
  CaseCounts,
  CaseDetail,
  CaseSummary,
  Category,
  Citizen,
  Department,
  Me,
  Register,
  StaffUser,
  Tenant,
  TimelineEntry,
  CalendarDay,
  SuspensionReason,
  CreateCategoryRequest,
  UpdateCategoryRequest,
  CreateUserRequest,
  UpdateUserRequest,
  CreateDepartmentRequest,
  UpdateDepartmentRequest,
  CreateRegisterRequest,
  UpdateRegisterRequest,
  OutboundMessage,
} from '@civicline/contracts';
import type { z } from 'zod';
import { api } from './http.ts';
import { uploadFile, type UploadProgress } from './upload.ts';

/** The staff API, typed by the contracts the server validates with. */
const V1 = '/api/v1';

export type In<T extends z.ZodType> = z.input<T>;
export type CaseListFilters = {
  status?: string;
  departmentId?: string;
  assigneeId?: string;
  categoryId?: string;
  channel?: string;
  overdue?: 'true' | 'false';
  dueBefore?: string;
  citizenId?: string;
  q?: string;
};
export type CasePage = { items: CaseSummary[]; nextCursor: string | null };
export type Workload = { capacity: number | null; absences: { id: string; fromDay: string; toDay: string; reason: string | null }[] };
export type Message = z.infer<typeof OutboundMessage>;
export type MessageFilters = { channel?: string; status?: string; purpose?: string; to?: string };
export type Holiday = { day: string; name: string; working?: boolean; source?: string };

export const consoleApi = {
  login: (body: { email: string; password: string; tenant?: string }) => api<{ user: Me; expiresAt: string }>('POST', `${V1}/auth/login`, { body }),
  logout: () => api<void>('POST', `${V1}/auth/logout`),
  me: () => api<Me>('GET', `${V1}/auth/me`),
  tenant: () => api<Tenant>('GET', `${V1}/tenant`),

  cases: (filters: CaseListFilters & { limit: number; cursor?: string | undefined }, signal?: AbortSignal) =>
    api<CasePage>('GET', `${V1}/cases`, { query: filters, ...(signal ? { signal } : {}) }),
  caseCounts: (query: { dueSoonHours?: number; departmentId?: string }) => api<CaseCounts>('GET', `${V1}/cases/counts`, { query }),
  case: (id: string) => api<CaseDetail>('GET', `${V1}/cases/${id}`),
  caseByNumber: (n: string) => api<CaseDetail>('GET', `${V1}/cases/by-number/${encodeURIComponent(n)}`),
  updateCase: (id: string, body: { customFields?: Record<string, unknown>; subject?: string; description?: string; priority?: string; version: number }) =>
    api<CaseDetail>('PATCH', `${V1}/cases/${id}`, { body }),
  timeline: (id: string) => api<z.infer<typeof TimelineEntry>[]>('GET', `${V1}/cases/${id}/timeline`),
  comment: (id: string, body: { body: string; visibility: 'internal' | 'citizen' }) => api<void>('POST', `${V1}/cases/${id}/comments`, { body }),
  act: <A extends CaseAction>(id: string, action: A, body: z.input<(typeof CaseActionRequests)[A]>) =>
    api<CaseDetail>('POST', `${V1}/cases/${id}/actions/${action}`, { body }),
  attachments: (id: string) => api<z.infer<typeof Attachment>[]>('GET', `${V1}/cases/${id}/attachments`),
  uploadAttachment: (id: string, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadFile<z.infer<typeof Attachment>>(`${V1}/cases/${id}/attachments`, file, onProgress),
  attachmentUrl: (caseId: string, attachmentId: string) => `${V1}/cases/${caseId}/attachments/${attachmentId}`,
  citizen: (id: string, reveal = false) => api<Citizen>('GET', `${V1}/citizens/${id}`, reveal ? { query: { reveal: 'true', purpose: 'case_handling' } } : {}),

  categories: () => api<Category[]>('GET', `${V1}/categories`),
  createCategory: (body: In<typeof CreateCategoryRequest>) => api<Category>('POST', `${V1}/categories`, { body }),
  updateCategory: (id: string, body: In<typeof UpdateCategoryRequest>) => api<Category>('PATCH', `${V1}/categories/${id}`, { body }),
  departments: () => api<Department[]>('GET', `${V1}/departments`),
  createDepartment: (body: In<typeof CreateDepartmentRequest>) => api<Department>('POST', `${V1}/departments`, { body }),
  updateDepartment: (id: string, body: In<typeof UpdateDepartmentRequest>) => api<Department>('PATCH', `${V1}/departments/${id}`, { body }),
  users: () => api<StaffUser[]>('GET', `${V1}/users`),
  createUser: (body: In<typeof CreateUserRequest>) => api<StaffUser>('POST', `${V1}/users`, { body }),
  updateUser: (id: string, body: In<typeof UpdateUserRequest>) => api<StaffUser>('PATCH', `${V1}/users/${id}`, { body }),
  workload: (id: string) => api<Workload>('GET', `${V1}/users/${id}/workload`),
  setCapacity: (id: string, capacity: number | null) => api<Workload>('PUT', `${V1}/users/${id}/capacity`, { body: { capacity } }),
  registers: () => api<z.infer<typeof Register>[]>('GET', `${V1}/registers`),
  createRegister: (body: In<typeof CreateRegisterRequest>) => api<z.infer<typeof Register>>('POST', `${V1}/registers`, { body }),
  updateRegister: (id: string, body: In<typeof UpdateRegisterRequest>) => api<z.infer<typeof Register>>('PATCH', `${V1}/registers/${id}`, { body }),
  holidays: (year: number) => api<Holiday[]>('GET', `${V1}/calendar/holidays`, { query: { year } }),
  calendarDays: () => api<z.infer<typeof CalendarDay>[]>('GET', `${V1}/calendar/days`),
  putCalendarDay: (day: string, body: { working: boolean; name: string }) => api<unknown>('PUT', `${V1}/calendar/days/${day}`, { body }),
  deleteCalendarDay: (day: string) => api<unknown>('DELETE', `${V1}/calendar/days/${day}`),
  messages: (filters: MessageFilters & { limit: number; cursor?: string | undefined }) => api<{ items: Message[]; nextCursor: string | null }>('GET', `${V1}/messages`, { query: filters }),
  resendMessage: (id: string) => api<Message>('POST', `${V1}/messages/${id}/resend`),
  suspensionReasons: () => api<z.infer<typeof SuspensionReason>[]>('GET', `${V1}/suspension-reasons`),
};
