import { ImapFlow } from 'imapflow';
import { z } from 'zod';
import type { ChannelConfigService, IntakeOutcome, IntakeService } from '../../modules/intake/index.ts';
import type { Db } from '../../platform/db/client.ts';
import { defineJob, type JobDefinition, type JobQueue } from '../../platform/jobs/queue.ts';
import { parseMail, toInboundMessage } from './mail-message.ts';
import type { SmtpLog } from './smtp-listener.ts';

export const IMAP_POLL_JOB = 'email.imap-poll';

type ImapMailbox = Awaited<ReturnType<ChannelConfigService['imapMailboxes']>>[number];

export interface PollResult {
  mailboxId: string;
  uidValidity: string;
  lastUid: number;
  outcomes: IntakeOutcome[];
  /** More messages are waiting than one poll takes. */
  more: boolean;
}

/**
 * Institutions that keep their own mail server: each mailbox with IMAP settings is polled for
 * messages newer than the last UID handed to intake. The position is saved only after intake has
 * committed a message, so a crash repeats a message (which intake recognises by its Message-ID)
 * and never skips one. A new UIDVALIDITY (the folder was rebuilt) starts from the beginning; intake
 * again recognises what it already has. Handled messages are marked \Seen.
 */
export function createImapPoller(deps: {
  db: Db;
  jobs: JobQueue;
  channelConfig: Pick<ChannelConfigService, 'imapMailboxes' | 'saveImapState' | 'resolveMailbox'>;
  intake: Pick<IntakeService, 'receive'>;
  pollSeconds: number;
  /** Messages taken per mailbox per poll. */
  batchSize?: number;
  /** Accept self-signed certificates (tests and closed networks only). */
  allowUntrustedCertificates?: boolean;
  log?: SmtpLog;
  now?: () => Date;
}) {
  const { db, jobs, channelConfig, intake } = deps;
  const batchSize = deps.batchSize ?? 200;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? { info() {}, warn() {}, error() {} };
  let timer: NodeJS.Timeout | undefined;

  function connect(mb: ImapMailbox): ImapFlow {
    const imap = mb.imap!;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: mb.password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
      ...(deps.allowUntrustedCertificates ? { tls: { rejectUnauthorized: false } } : {}),
    });
    // Socket errors after connect surface here; without a listener they would crash the process.
    client.on('error', (err: unknown) => log.warn({ err, mailbox: mb.address }, 'IMAP connection error'));
    return client;
  }

  async function pollMailbox(mailboxId: string): Promise<PollResult | null> {
    const mb = (await channelConfig.imapMailboxes()).find((m) => m.id === mailboxId);
    if (!mb?.imap) return null;
    const route = await channelConfig.resolveMailbox(mb.address);
    if (!route) return null;
    const client = connect(mb);
    await client.connect();
    try {
      const lock = await client.getMailboxLock(mb.imap.folder);
      try {
        const box = client.mailbox;
        if (!box) throw new Error(`IMAP folder ${mb.imap.folder} could not be opened`);
        const uidValidity = String(box.uidValidity);
        const sameFolder = mb.state?.uidValidity === uidValidity;
        if (!sameFolder && mb.state) log.warn({ mailbox: mb.address, was: mb.state.uidValidity, now: uidValidity }, 'IMAP UIDVALIDITY changed: reading the folder again');
        let lastUid = sameFolder ? mb.state!.lastUid : 0;
        const found = box.exists > 0 ? await client.search({ uid: `${lastUid + 1}:*` }, { uid: true }) : [];
        // "n:*" always matches the newest message, even when it is older than n.
        const pending = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b);
        const outcomes: IntakeOutcome[] = [];
        for (const uid of pending.slice(0, batchSize)) {
          const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          let readable = false;
          if (msg && msg.source) {
            try {
              const parsed = await parseMail(msg.source);
              readable = true;
              const inbound = toInboundMessage(parsed, msg.source, { route, envelope: { mailFrom: undefined, recipient: mb.address }, receivedAt: now() });
              outcomes.push(await intake.receive(inbound));
            } catch (err) {
              if (readable) throw err;
              // Left in the mailbox, unread, for a person to look at; it cannot block the ones after it.
              log.warn({ err, mailbox: mb.address, uid }, 'IMAP: message could not be read as MIME; skipped');
            }
          }
          lastUid = uid;
          await channelConfig.saveImapState(mb.id, { uidValidity, lastUid });
          if (readable) await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        }
        if (!sameFolder && pending.length === 0) await channelConfig.saveImapState(mb.id, { uidValidity, lastUid });
        return { mailboxId: mb.id, uidValidity, lastUid, outcomes, more: pending.length > batchSize };
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** Queues one poll per IMAP mailbox; a mailbox whose poll is still queued or running is skipped. */
  async function schedulePolls(): Promise<number> {
    const boxes = await channelConfig.imapMailboxes();
    let queued = 0;
    for (const mb of boxes) {
      const id = await db.transaction((tx) => jobs.enqueue(tx, IMAP_POLL_JOB, { mailboxId: mb.id }, { singletonKey: mb.id }));
      if (id) queued++;
    }
    return queued;
  }

  const jobDefinitions: JobDefinition[] = [
    defineJob({
      name: IMAP_POLL_JOB,
      payload: z.object({ mailboxId: z.uuid() }),
      // The next tick is the retry: a mailbox that is down must not fill the dead letters.
      retryLimit: 0,
      expireInSeconds: 30 * 60,
      async handle({ mailboxId }) {
        try {
          const r = await pollMailbox(mailboxId);
          if (r && r.outcomes.length > 0) log.info({ mailboxId, received: r.outcomes.length }, 'IMAP: messages received');
        } catch (err) {
          log.warn({ err, mailboxId }, 'IMAP poll failed; it is tried again on the next tick');
        }
      },
    }),
  ];

  return {
    pollMailbox,
    schedulePolls,
    jobDefinitions,
    /** Worker role: poll every IMAP_POLL_SECONDS, through the job queue (one worker per mailbox at a time). */
    start() {
      if (timer) return;
      const tick = () => void schedulePolls().catch((err: unknown) => log.warn({ err }, 'IMAP polls could not be scheduled'));
      timer = setInterval(tick, deps.pollSeconds * 1000);
      timer.unref();
      tick();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

export type ImapPoller = ReturnType<typeof createImapPoller>;
