import { db, type PrismaClient } from "../db/client";

/** Disputed exchanges waiting for an admin. */
export function countOpenDisputes(database: PrismaClient = db()): Promise<number> {
  return database.exchange.count({ where: { state: "disputed" } });
}
