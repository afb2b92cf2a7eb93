// Exchanges in the past, for the reports' tests. The ledger dates a transfer itself (created_at
// defaults to the transaction's time), so to post hours in past months the test moves that
// default, not the rows: every transfer is still made by lib/ledger's functions, with its hash
// chain over the date it carries (verifyChain proves it).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { setClockOffset } from "../../lib/clock";
import type { PrismaClient } from "../../lib/db/client";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import type { TestMember } from "./members";

export interface ListingRef {
  id: string;
  kind: "offer" | "request";
}

export async function datedExchanges(raw: pg.Client, prisma: PrismaClient) {
  const [{ column_default: transferDateDefault }] = (
    await raw.query<{ column_default: string }>(
      `SELECT column_default FROM information_schema.columns WHERE table_name = 'ledger_transfers' AND column_name = 'created_at'`,
    )
  ).rows as [{ column_default: string }];

  /** Runs `work` as if it were `when`: the app's clock, and the date the ledger gives new transfers. */
  async function at<T>(when: string, work: () => Promise<T>): Promise<T> {
    const instant = new Date(when);
    await raw.query(`ALTER TABLE ledger_transfers ALTER COLUMN created_at SET DEFAULT '${instant.toISOString()}'::timestamptz`);
    setClockOffset(instant.getTime() - Date.now());
    try {
      return await work();
    } finally {
      setClockOffset(0);
      await raw.query(`ALTER TABLE ledger_transfers ALTER COLUMN created_at SET DEFAULT ${transferDateDefault}`);
    }
  }

  /** A whole exchange through lib/exchanges, from proposal to confirmation, at `when`. */
  async function exchange(when: string, listing: ListingRef, provider: TestMember, payer: TestMember, minutes: number) {
    return at(when, async () => {
      const [proposer, responder] = listing.kind === "offer" ? [payer, provider] : [provider, payer];
      const { id } = await proposeExchange(proposer.id, { listingId: listing.id, minutes, requestKey: randomUUID() }, prisma);
      await acceptExchange(responder.id, { exchangeId: id }, prisma);
      await deliverExchange(provider.id, { exchangeId: id, minutesGiven: minutes }, prisma);
      await confirmExchange(payer.id, { exchangeId: id }, prisma);
      return prisma.exchange.findUniqueOrThrow({ where: { id } });
    });
  }

  return { at, exchange };
}
