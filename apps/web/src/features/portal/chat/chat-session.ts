/**
 * A chat conversation as the widget keeps it in sessionStorage: the server's session id (so a
 * reload or another portal page goes on with the same conversation) and what was written, for
 * this tab only (nothing survives closing it). Unreadable or foreign data is ignored.
 */
export type ChatEntry = { id: number; from: 'citizen' | 'assistant' | 'notice'; text: string };
export type ChatStatus = 'open' | 'ended' | 'transferred';

export interface ChatSession {
  sessionId: string | null;
  status: ChatStatus;
  entries: ChatEntry[];
}

export const EMPTY_SESSION: ChatSession = { sessionId: null, status: 'open', entries: [] };

/** The longest transcript kept: older lines drop off first. */
const MAX_ENTRIES = 200;

export const sessionKey = (slug: string, entryPointId: string) => `civicline.chat:${slug}:${entryPointId}`;

const isEntry = (e: unknown): e is ChatEntry =>
  typeof e === 'object' && e !== null && typeof (e as ChatEntry).id === 'number' && typeof (e as ChatEntry).text === 'string' && ['citizen', 'assistant', 'notice'].includes((e as ChatEntry).from);

export function loadSession(storage: Storage, key: string): ChatSession {
  try {
    const raw = JSON.parse(storage.getItem(key) ?? 'null') as Partial<ChatSession> | null;
    if (!raw || typeof raw !== 'object') return EMPTY_SESSION;
    const sessionId = typeof raw.sessionId === 'string' && /^[0-9a-f-]{36}$/i.test(raw.sessionId) ? raw.sessionId : null;
    const status = raw.status === 'ended' || raw.status === 'transferred' ? raw.status : 'open';
    const entries = Array.isArray(raw.entries) ? raw.entries.filter(isEntry).slice(-MAX_ENTRIES) : [];
    return { sessionId, status, entries };
  } catch {
    return EMPTY_SESSION;
  }
}

export function saveSession(storage: Storage, key: string, session: ChatSession): void {
  try {
    storage.setItem(key, JSON.stringify({ ...session, entries: session.entries.slice(-MAX_ENTRIES) }));
  } catch {
    // Storage full or switched off (private mode): the conversation goes on in memory.
  }
}
