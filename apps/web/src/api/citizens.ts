import type { CitizenMessage } from '@civicline/contracts';
import type { z } from 'zod';
import { api } from './http.ts';

export type CitizenMessage = z.infer<typeof CitizenMessage>;
export type CitizenMessageFilters = { channel?: string; status?: string };
export type CitizenMessagePage = { items: CitizenMessage[]; nextCursor: string | null };

/** A citizen's message history (each page read is an audit entry on the server). */
export const citizensApi = {
  messages: (id: string, query: CitizenMessageFilters & { limit: number; cursor?: string | undefined }) =>
    api<CitizenMessagePage>('GET', `/api/v1/citizens/${id}/messages`, { query }),
};
