import type { CallEnded, CallScreenPop } from '@civicline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { CALL_STREAM_URL } from '../../api/channels.ts';

export const callKey = (id: string) => ['call', id] as const;

/**
 * The calls reaching this operator's institution, live: the server pushes each call as it rings,
 * changes (its draft opened, answered) and ends, over server-sent events. The browser's
 * EventSource reconnects by itself, and the server then sends the calls still active. A call
 * that ended stays shown (marked so) until the operator puts it away: they may still be writing
 * its draft.
 */
export function useCallStream(enabled: boolean) {
  const client = useQueryClient();
  const [calls, setCalls] = useState<CallScreenPop[]>([]);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(CALL_STREAM_URL, { withCredentials: true });
    const onCall = (e: MessageEvent<string>) => {
      const call = JSON.parse(e.data) as CallScreenPop;
      client.setQueryData(callKey(call.id), call);
      setCalls((xs) => (xs.some((x) => x.id === call.id) ? xs.map((x) => (x.id === call.id ? call : x)) : [call, ...xs]));
    };
    const onEnded = (e: MessageEvent<string>) => {
      const ended = JSON.parse(e.data) as CallEnded;
      const mark = (x: CallScreenPop): CallScreenPop => ({ ...x, status: 'ended', providerStatus: ended.providerStatus, endedAt: ended.endedAt });
      client.setQueryData<CallScreenPop>(callKey(ended.id), (x) => (x ? mark(x) : x));
      setCalls((xs) => xs.map((x) => (x.id === ended.id ? mark(x) : x)));
    };
    source.addEventListener('call', onCall);
    source.addEventListener('call_ended', onEnded);
    return () => source.close();
  }, [enabled, client]);

  const dismiss = useCallback((id: string) => setCalls((xs) => xs.filter((x) => x.id !== id)), []);
  return { calls, dismiss };
}
