import { api } from './http.ts';

/** The notification admin API (rules, templates, preview) and the console bell. */
const V1 = '/api/v1';

export type NotificationRule = {
  id: string;
  code: string;
  name: Record<string, string>;
  description: Record<string, string>;
  eventType: string;
  audience: 'citizen' | 'staff';
  channels: string[];
  fallback: string[];
  urgent: boolean;
  templateCode: string;
  enabled: boolean;
  version: number;
};
export type SmsInfo = { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number; perSegment: number; remaining: number; nonGsm: string[] };
export type NotificationTemplate = { id: string; code: string; channel: 'sms' | 'email' | 'portal'; language: string; subject: string | null; body: string; version: number; sms: SmsInfo | null };
export type Preview = { subject: string | null; body: string; sms: SmsInfo | null; values: Record<string, string> };
export type StaffNotification = { id: string; kind: string; caseId: string | null; registrationNumber: string | null; createdAt: string };

export const notificationApi = {
  rules: () => api<NotificationRule[]>('GET', `${V1}/notification-rules`),
  updateRule: (id: string, body: { enabled?: boolean; version: number }) => api<NotificationRule>('PATCH', `${V1}/notification-rules/${id}`, { body }),
  templates: (code: string) => api<NotificationTemplate[]>('GET', `${V1}/notification-templates`, { query: { code } }),
  putTemplate: (t: { code: string; channel: string; language: string }, body: { subject: string | null; body: string; version?: number }) =>
    api<NotificationTemplate>('PUT', `${V1}/notification-templates/${t.code}/${t.channel}/${t.language}`, { body }),
  preview: (body: { channel: string; language: string; subject: string | null; body: string; caseId?: string; eventType?: string }) => api<Preview>('POST', `${V1}/notification-templates/preview`, { body }),
  mine: () => api<{ unread: number; items: StaffNotification[] }>('GET', `${V1}/me/notifications`),
  markRead: (id: string) => api<void>('POST', `${V1}/me/notifications/${id}/read`),
};
