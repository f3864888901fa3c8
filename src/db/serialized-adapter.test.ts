// The query lock survives a failed COMMIT: Prisma then skips commit()/rollback(), so
// the wrapper must give the lock back itself, or every later query would hang.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { serializeQueries } from "./serialized-adapter.ts";

const empty = { columnNames: [], columnTypes: [], rows: [] };

// A stand-in for the SQLite driver whose COMMIT fails, as on a full disk.
function failingCommitDriver(): SqlDriverAdapterFactory {
  const tx: Transaction = {
    provider: "sqlite",
    adapterName: "stub",
    options: { usePhantomQuery: false },
    queryRaw: async () => empty,
    executeRaw: async (query: SqlQuery) => {
      if (query.sql === "COMMIT") throw new Error("disk I/O error");
      return 0;
    },
    commit: async () => {},
    rollback: async () => {},
  };
  const adapter: SqlDriverAdapter = {
    provider: "sqlite",
    adapterName: "stub",
    queryRaw: async () => empty,
    executeRaw: async () => 0,
    executeScript: async () => {},
    startTransaction: async () => tx,
    dispose: async () => {},
  };
  return { provider: "sqlite", adapterName: "stub", connect: async () => adapter };
}

describe("serialized queries", () => {
  it("give the lock back when COMMIT itself fails", async () => {
    const adapter = await serializeQueries(failingCommitDriver(), async () => {}).connect();
    const tx = await adapter.startTransaction();
    await expect(tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] })).rejects.toThrow("disk I/O error");
    const next = adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
    const hung = new Promise((resolve) => setTimeout(() => resolve("still waiting for the lock"), 1_000));
    expect(await Promise.race([next, hung])).toEqual(empty);
  });

  it("make a plain query wait for an open transaction", async () => {
    const adapter = await serializeQueries(failingCommitDriver(), async () => {}).connect();
    const tx = await adapter.startTransaction();
    let queried = false;
    const query = adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] }).then(() => (queried = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queried).toBe(false);
    await tx.rollback();
    await query;
    expect(queried).toBe(true);
  });
});
