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
