import type { QueryClient } from '@tanstack/react-query';

/**
 * Changes made in one tab show in the others at once: a tab that changed something tells the
 * others over a BroadcastChannel, and they refetch. Other people's changes arrive by polling.
 */
const CHANNEL = 'civicline-changes';
let channel: BroadcastChannel | null = null;

export function listenForChanges(client: QueryClient): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => void client.invalidateQueries();
  return () => channel?.close();
}

export function broadcastChange(): void {
  channel?.postMessage({ at: Date.now() });
}
