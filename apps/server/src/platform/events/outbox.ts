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
  /** Whether any subscriber listens to one of these types. */
  hasSubscribers(types: readonly string[]): boolean;
  /**
   * For a writer that inserts its event rows itself, inside a larger statement
   * (civicline_register_cases): one job per subscriber of the event, in the same transaction.
   */
  dispatch(tx: Tx, event: { id: string; tenantId: string; type: string }): Promise<void>;
  /** dispatch() for many events at once: one insert per subscriber job, so a batch of registrations stays one round trip each. */
  dispatchMany(tx: Tx, events: { id: string; tenantId: string; type: string }[]): Promise<void>;
}

export function createEventOutbox(deps: { jobs: JobQueue; clock: Clock }): EventOutbox {
  const subscribers = new Map<string, string[]>();
  async function dispatch(tx: Tx, event: { id: string; tenantId: string; type: string }): Promise<void> {
    for (const jobName of subscribers.get(event.type) ?? []) {
      const payload: EventJobPayload = { eventId: event.id, tenantId: event.tenantId, type: event.type };
      await deps.jobs.enqueue(tx, jobName, payload);
    }
  }
  async function dispatchMany(tx: Tx, list: { id: string; tenantId: string; type: string }[]): Promise<void> {
    const byJob = new Map<string, EventJobPayload[]>();
    for (const e of list) {
      for (const jobName of subscribers.get(e.type) ?? []) {
        byJob.set(jobName, [...(byJob.get(jobName) ?? []), { eventId: e.id, tenantId: e.tenantId, type: e.type }]);
      }
    }
    for (const [jobName, payloads] of byJob) await deps.jobs.enqueueMany(tx, jobName, payloads);
  }
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
      await dispatch(tx, { id: eventId, tenantId: event.tenantId, type: event.type });
      return eventId;
    },
    hasSubscribers(types) {
      return types.some((t) => (subscribers.get(t)?.length ?? 0) > 0);
    },
    dispatch,
    dispatchMany,
  };
}
