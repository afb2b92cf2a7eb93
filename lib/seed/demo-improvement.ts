// The demo bank's improvement work (issue 7), seeded inside seedDemoBank's transaction after the
// exchanges and the ledger: each area reads what it needs (members, requests, confirmed
// exchanges) from the transaction in a fixed order, so one seed always gives the same bank.
import type { Prisma } from "../db/client";
import type { Random } from "./random";
import { seedDemoCertificates } from "./demo-certificates";
import { seedDemoExcellence } from "./demo-excellence";
import { seedDemoMethods } from "./demo-methods";
import { seedDemoProjects } from "./demo-projects";

export interface ImprovementSeedContext {
  tx: Prisma.TransactionClient;
  rng: Random;
  /** The seed's "now": nothing it writes is later than this. */
  now: Date;
}

/** Seeds every area and returns a short summary for the seed's log line, e.g. "4 projects, ...". */
export async function seedImprovementWork(ctx: ImprovementSeedContext): Promise<string> {
  const parts = [
    await seedDemoMethods(ctx),
    await seedDemoProjects(ctx),
    await seedDemoExcellence(ctx),
    await seedDemoCertificates(ctx),
  ];
  return parts.filter(Boolean).join(", ");
}
