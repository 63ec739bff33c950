import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import { domainEvents } from '../db/schema/index.ts';
import type { JobQueue } from '../jobs/queue.ts';

export interface DomainEvent {
  tenantId: string;
  /** Past tense, `<subject>.<verb>`: `case.assigned`, `user.created`. */
  type: string;
  subjectType: string;
  subjectId: string | null;
  actorId?: string | null;
  payload?: Record<string, unknown>;
}

/** The payload every event subscriber job receives. */
export interface EventJobPayload {
  eventId: string;
  tenantId: string;
  type: string;
}

/**
 * The transactional outbox. An event is written in the transaction of the change it describes,
 * and so is one job for each subscriber: a subscriber runs if and only if the change committed,
 * retries on its own, and never sees an event of a rolled-back change.
 */
export interface EventOutbox {
  /** Route events of `type` to the job `jobName` (registered on the queue with an EventJobPayload schema). */
  subscribe(type: string, jobName: string): void;
  record(tx: Tx, event: DomainEvent): Promise<string>;
}

export function createEventOutbox(deps: { jobs: JobQueue; clock: Clock }): EventOutbox {
  const subscribers = new Map<string, string[]>();
  return {
    subscribe(type, jobName) {
      subscribers.set(type, [...(subscribers.get(type) ?? []), jobName]);
    },
    async record(tx, event) {
      const [row] = await tx
        .insert(domainEvents)
        .values({
          tenantId: event.tenantId,
          type: event.type,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          actorId: event.actorId ?? null,
          payload: event.payload ?? {},
          occurredAt: deps.clock.now(),
        })
        .returning({ id: domainEvents.id });
      const eventId = row!.id;
      for (const jobName of subscribers.get(event.type) ?? []) {
        const payload: EventJobPayload = { eventId, tenantId: event.tenantId, type: event.type };
        await deps.jobs.enqueue(tx, jobName, payload);
      }
      return eventId;
    },
  };
}
