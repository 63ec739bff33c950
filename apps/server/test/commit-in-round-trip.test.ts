import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAndCommit, queryInTx, type Database } from '../src/platform/db/client.ts';
import { openTestDatabase } from './helpers/harness.ts';

// queryAndCommit ends a Drizzle transaction with its last statement (intake's registration): on
// PostgreSQL the statement and COMMIT go in one round trip, so its locks are gone before the
// caller's code runs again. Whatever fails, the transaction commits all or nothing.
describe('the last statement commits its transaction in the same round trip', () => {
  let database: Database;
  const table = `fused_${randomUUID().replaceAll('-', '')}`;
  const count = async () => Number((await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, v text NOT NULL, parent int REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED)`);
  });
  afterAll(async () => {
    await database.exec(`DROP TABLE IF EXISTS ${table}`);
    await database.close();
  });

  it('commits what came before and the statement itself, returns its rows, and holds no lock afterwards', async () => {
    await database.exec(`INSERT INTO ${table} (id, v) VALUES (1, 'first')`);
    const seen = await database.db.transaction(async (tx) => {
      await queryInTx(tx, `INSERT INTO ${table} (id, v) VALUES (2, $1)`, ['before']);
      const res = await queryAndCommit<{ v: string }>(tx, `UPDATE ${table} SET v = $1 WHERE id = 1 RETURNING v`, ["it's \\ quoted"]);
      if (database.kind === 'postgres') {
        // Row 1 was locked by the UPDATE: another connection may take it now, before Drizzle's COMMIT.
        const other = await database.query(`SELECT v FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`);
        expect(other.rows).toEqual([{ v: "it's \\ quoted" }]);
      }
      return res.rows;
    });
    expect(seen).toEqual([{ v: "it's \\ quoted" }]);
    expect((await database.query(`SELECT id, v FROM ${table} ORDER BY id`)).rows).toEqual([
      { id: 1, v: "it's \\ quoted" },
      { id: 2, v: 'before' },
    ]);
  });

  it('a failing statement commits nothing', async () => {
    const before = await count();
    await expect(
      database.db.transaction(async (tx) => {
        await queryInTx(tx, `INSERT INTO ${table} (id, v) VALUES (3, 'lost')`);
        await queryAndCommit(tx, `INSERT INTO ${table} (id, v) VALUES ($1::int, 'duplicate')`, ['1']);
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it('a deferred check that fails at COMMIT commits nothing', async () => {
    const before = await count();
    await expect(
      database.db.transaction(async (tx) => {
        await queryInTx(tx, `INSERT INTO ${table} (id, v) VALUES (4, 'orphan')`);
        await queryAndCommit(tx, `INSERT INTO ${table} (id, v, parent) VALUES ($1::int, 'child of nobody', 999)`, ['5']);
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});
