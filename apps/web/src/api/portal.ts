import type { Language, PortalStatus, PortalSubmission, PortalSubmissionResult, PortalUpload, PublicInstitution } from '@civicline/contracts';
import type { z } from 'zod';
import { api } from './http.ts';
import { uploadFile, type UploadProgress } from './upload.ts';

/** The public portal API (no login), as specified in packages/contracts/src/portal.ts. */
const base = (slug: string) => `/api/public/v1/institutions/${encodeURIComponent(slug)}`;

export type PublicInstitutionT = z.infer<typeof PublicInstitution>;
export type PortalStatusT = z.infer<typeof PortalStatus>;
export type PortalUploadT = z.infer<typeof PortalUpload>;

export const portalApi = {
  institution: (slug: string, lang: Language) => api<PublicInstitutionT>('GET', base(slug), { query: { lang } }),
  upload: (slug: string, lang: Language, file: File, onProgress: (p: UploadProgress) => void) =>
    uploadFile<PortalUploadT>(`${base(slug)}/uploads?lang=${lang}`, file, onProgress),
  submit: (slug: string, lang: Language, body: z.input<typeof PortalSubmission>) =>
    api<z.infer<typeof PortalSubmissionResult>>('POST', `${base(slug)}/requests`, { body, query: { lang } }),
  status: (slug: string, lang: Language, registrationNumber: string) =>
    api<PortalStatusT>('POST', `${base(slug)}/status`, { body: { registrationNumber }, query: { lang } }),
};

export type InboxItem = { id: string; caseId: string | null; subject: string; body: string; language: string | null; createdAt: string; readAt: string | null };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The citizen's inbox, behind a sign-in by one-time code (a bearer token kept for the tab only). */
export const inboxApi = {
  requestCode: (slug: string, lang: Language, contact: string) => api<{ sent: true; expiresInMinutes: number }>('POST', `${base(slug)}/sign-in/code`, { body: { contact }, query: { lang } }),
  verify: (slug: string, lang: Language, contact: string, code: string) => api<{ token: string; expiresAt: string }>('POST', `${base(slug)}/sign-in/verify`, { body: { contact, code }, query: { lang } }),
  list: (slug: string, lang: Language, token: string) => api<{ unread: number; items: InboxItem[] }>('GET', `${base(slug)}/inbox`, { query: { lang }, headers: bearer(token) }),
  markRead: (slug: string, lang: Language, token: string, id: string) => api<void>('POST', `${base(slug)}/inbox/${id}/read`, { query: { lang }, headers: bearer(token) }),
  consents: (slug: string, lang: Language, token: string) => api<{ channel: 'sms' | 'email'; granted: boolean }[]>('GET', `${base(slug)}/consents`, { query: { lang }, headers: bearer(token) }),
  setConsent: (slug: string, lang: Language, token: string, channel: 'sms' | 'email', granted: boolean) =>
    api<{ channel: 'sms' | 'email'; granted: boolean }[]>('PUT', `${base(slug)}/consents`, { body: { channel, granted }, query: { lang }, headers: bearer(token) }),
};
