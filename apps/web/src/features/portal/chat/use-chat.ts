import type { Language } from '@civicline/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { chatApi, type ChatTurn } from '../../../api/assistant-chat.ts';
import { ApiError } from '../../../api/http.ts';
import { loadSession, saveSession, sessionKey, type ChatEntry, type ChatSession, type ChatStatus } from './chat-session.ts';

export type ChatError = 'failed' | 'busy';

const statusAfter = (next: ChatTurn['next']): ChatStatus => (next === 'listen' ? 'open' : next === 'end' ? 'ended' : 'transferred');
const nextId = (entries: ChatEntry[]) => entries.reduce((n, e) => Math.max(n, e.id), 0) + 1;

/**
 * One chat conversation with the assistant: what was written, the server's session id (kept in
 * sessionStorage, so a reload or another portal page continues it), and whether it goes on.
 * After the assistant ended the conversation or handed it over, the next message starts a new one.
 */
export function useChat(opts: { slug: string; entryPointId: string; lang: Language }) {
  const { slug, entryPointId, lang } = opts;
  const key = sessionKey(slug, entryPointId);
  const [session, setSession] = useState<ChatSession>(() => loadSession(window.sessionStorage, key));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ChatError | null>(null);
  // The latest session for the send in flight (a render may not have happened yet).
  const current = useRef(session);
  current.current = session;

  useEffect(() => saveSession(window.sessionStorage, key, session), [key, session]);

  /** Sends one message; false when it could not be sent (the caller keeps the text to retry). */
  const send = useCallback(
    async (text: string): Promise<boolean> => {
      const said = text.trim().slice(0, 500);
      if (!said || busy) return false;
      const before = current.current;
      const sessionId = before.status === 'open' ? before.sessionId : null;
      const mine: ChatEntry = { id: nextId(before.entries), from: 'citizen', text: said };
      setSession({ sessionId, status: 'open', entries: [...before.entries, mine] });
      setBusy(true);
      setError(null);
      try {
        const turn = await chatApi.send(slug, { entryPointId, text: said, language: lang, ...(sessionId ? { sessionId } : {}) });
        setSession((s) => {
          let id = nextId(s.entries);
          const answers: ChatEntry[] = turn.messages.map((m) => ({ id: id++, from: 'assistant', text: m }));
          const status = statusAfter(turn.next);
          // A notice names how it ended (its text is the widget's, shown in the reader's language).
          const notice: ChatEntry[] = status === 'open' ? [] : [{ id: id++, from: 'notice', text: status }];
          return { sessionId: status === 'open' ? turn.sessionId : null, status, entries: [...s.entries, ...answers, ...notice] };
        });
        return true;
      } catch (err) {
        setSession((s) => ({ ...s, sessionId: before.sessionId, status: before.status, entries: s.entries.filter((e) => e.id !== mine.id) }));
        setError(err instanceof ApiError && err.status === 429 ? 'busy' : 'failed');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [busy, slug, entryPointId, lang],
  );

  /** Forgets this conversation and starts afresh. */
  const restart = useCallback(() => {
    setSession({ sessionId: null, status: 'open', entries: [] });
    setError(null);
  }, []);

  return { entries: session.entries, status: session.status, busy, error, send, restart };
}
