import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../src/container.ts';
import { assistantConversations } from '../src/platform/db/schema/index.ts';
import { AppError } from '../src/platform/errors.ts';
import { createAssistantService } from '../src/modules/assistant/index.ts';
import type { StatusCheckApi } from '../src/modules/status-check/index.ts';
import { createTestApp, testConfig, type TestContext } from './helpers/harness.ts';
import { createStatusFixture, randomMobile, type StatusFixture } from './helpers/status-fixtures.ts';

/**
 * The engine's persistence: a conversation lives in the database, so a second node (another
 * container on the same database) serves the next turn; two turns racing on one conversation
 * never both apply — the slower one is refused and changes nothing.
 */
describe('assistant engine: conversations in the database', () => {
  let t: TestContext;
  let f: StatusFixture;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createStatusFixture(t, { language: 'en' });
  });
  afterAll(() => t.close());

  const input = (externalKey: string, callerKey: string, text: string) => ({ tenantId: f.tenantId, channel: 'chat' as const, entryPointId: f.chatEntryPoint, externalKey, callerKey, text, language: 'en' as const });

  it('another node serves the next turn of the same conversation', async () => {
    const other = createContainer(testConfig(), t.database, { logError: () => {} });
    const key = `chat:${randomMobile()}`;
    const caller = `ip:10.0.0.${Math.floor(Math.random() * 200)}`;
    const first = await t.c.assistant.turn(input(key, caller, 'status of my request'));
    expect(first.messages.join(' ')).toMatch(/number of your request/);
    const second = await other.assistant.turn(input(key, caller, f.cases.approved)).finally(() => other.statusCheck.close());
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.messages.join(' ')).toContain(f.cases.approved);
    const [row] = await t.c.db.select().from(assistantConversations).where(eq(assistantConversations.id, first.conversationId));
    expect(row).toMatchObject({ state: 'offers', turns: 2, version: 3, language: 'en' });
    // What the caller was told is kept for the SMS summary and the operator, encrypted.
    expect(row!.data).toHaveProperty('answerCipher');
    expect(JSON.stringify(row!.data)).not.toMatch(/Fiscal certificate|"answer":/);
  });

  it('two racing turns: the one that read the older version is refused, and the other one stands', async () => {
    const key = `chat:${randomMobile()}`;
    const caller = `ip:10.0.1.${Math.floor(Math.random() * 200)}`;
    await t.c.assistant.turn(input(key, caller, 'status of my request'));
    // A node whose status-check call is slow: it holds its turn open while another node serves one.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const real = t.c.statusCheck;
    const slow: StatusCheckApi = {
      ...real,
      async identify(ctx, query) {
        entered();
        await held;
        return real.identify(ctx, query);
      },
    };
    const slowNode = createAssistantService({ db: t.c.db, clock: t.c.clock, statusCheck: slow, registers: t.c.registers, cipher: t.c.cipher });
    const slowTurn = slowNode.turn(input(key, caller, f.cases.approved));
    await inside;
    const fast = await t.c.assistant.turn(input(key, caller, f.cases.approved));
    expect(fast.messages.join(' ')).toContain(f.cases.approved);
    release();
    const refused = await slowTurn.then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('resource.stale_version');
    const [row] = await t.c.db.select().from(assistantConversations).where(and(eq(assistantConversations.tenantId, f.tenantId), eq(assistantConversations.externalKey, key)));
    expect(row).toMatchObject({ state: 'offers', turns: 2, version: 3 });
  });

  it('a conversation idle for 30 minutes is over: the next message starts a new one', async () => {
    const key = `chat:${randomMobile()}`;
    const caller = `ip:10.0.2.${Math.floor(Math.random() * 200)}`;
    const first = await t.c.assistant.turn(input(key, caller, 'status of my request'));
    await t.database.query(`UPDATE assistant_conversations SET updated_at = now() - interval '31 minutes' WHERE id = $1`, [first.conversationId]);
    const next = await t.c.assistant.turn(input(key, caller, 'status of my request'));
    expect(next.conversationId).not.toBe(first.conversationId);
    const [old] = await t.c.db.select().from(assistantConversations).where(eq(assistantConversations.id, first.conversationId));
    expect(old!.endedAt).not.toBeNull();
  });
});
