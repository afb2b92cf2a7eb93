// pg-pool's own query() hands every failed query's connection back as broken, which closes it.
// For the ledger a refusal (below floor, a replayed key) is an ordinary PostgreSQL error after
// which the connection is fine, and reconnecting cost 56-85 ms per refusal against about 2 ms.
// This pool keeps the connection unless the error says the connection itself is gone.
import pg from "pg";

/** Errors after which the connection cannot be trusted: not a server error, or class 08 / 57P. */
export function connectionIsBroken(err: unknown): boolean {
  if (!(err instanceof pg.DatabaseError)) return true;
  const code = err.code ?? "";
  return code.startsWith("08") || code.startsWith("57P");
}

export class KeepAlivePool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    // A connection the server terminates emits 'error' wherever it is (idle, checked out, inside
    // a transaction between Prisma's listeners): never let that crash the process. The pool still
    // drops the connection, from its idle listener or from the failed query's release.
    this.on("connect", (client: pg.PoolClient) => client.on("error", () => {}));
    const poolQuery = pg.Pool.prototype.query;
    // Only the promise form (what @prisma/adapter-pg uses) is changed; callbacks go to pg-pool.
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof values === "function" || typeof callback === "function") {
        return (poolQuery as (...a: unknown[]) => unknown).call(this, config, values, callback);
      }
      return this.connect().then(async (client) => {
        // A connection terminated while checked out emits 'error' as well as failing the query.
        let lost: Error | undefined;
        const onError = (err: Error) => (lost = err);
        client.on("error", onError);
        try {
          const result = await client.query(config as pg.QueryConfig, values as unknown[] | undefined);
          client.removeListener("error", onError);
          client.release(lost);
          return result;
        } catch (err) {
          client.removeListener("error", onError);
          client.release(lost ?? (connectionIsBroken(err) ? (err as Error) : undefined));
          throw err;
        }
      });
    }) as pg.Pool["query"];
  }
}
