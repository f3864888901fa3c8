// The better-sqlite3 adapter runs every query on one connection, and guards only
// transactions with its lock: a plain query issued while another request's
// interactive transaction is open runs *inside* that transaction, and is lost if
// it rolls back. This wrapper makes every query wait for the open transaction,
// which is what SQLite (one writer at a time) does anyway.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";

export function serializeQueries(
  factory: SqlDriverAdapterFactory,
  onConnect: (adapter: SqlDriverAdapter) => Promise<void>,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const inner = await factory.connect();
      await onConnect(inner);
      return serialized(inner);
    },
  };
}

function serialized(inner: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Mutex();
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query: SqlQuery) => lock.runExclusive(() => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => lock.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script: string) => lock.runExclusive(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      try {
        return releasingOnEnd(await inner.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

function releasingOnEnd(tx: Transaction, releaseLock: () => void): Transaction {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    releaseLock();
  };
  // Prisma sends COMMIT/ROLLBACK as SQL first and skips commit()/rollback() when that
  // statement fails (disk full, I/O error): the lock must still be given back then,
  // or every later query in the process would wait forever.
  const releasingIfEndFails = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (/^\s*(COMMIT|ROLLBACK)\b/i.test(sql)) release();
      throw error;
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => releasingIfEndFails(query.sql, () => tx.queryRaw(query)),
    executeRaw: (query) => releasingIfEndFails(query.sql, () => tx.executeRaw(query)),
    commit: () => tx.commit().finally(release),
    rollback: () => tx.rollback().finally(release),
    // Prisma 7 runs nested transactions as savepoints, and only if the adapter has these.
    createSavepoint: tx.createSavepoint?.bind(tx),
    rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
    releaseSavepoint: tx.releaseSavepoint?.bind(tx),
  };
}
