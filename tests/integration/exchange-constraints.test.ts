// The exchange side of invariant 7, enforced by CHECK constraints on exchanges: whatever the
// exchange state machine (lib/exchanges) does, a confirmed exchange names its one transfer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hold, postHold } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import { createMembers, type Member } from "../helpers/ledger";

const database = await useTestDatabase();
const prisma = database.prisma();
const [payer, provider] = (await createMembers(prisma, 2, { fundMinutes: 600 })) as [Member, Member];

function exchange(state: "proposed" | "accepted" | "confirmed", ids: { holdId?: bigint; transferId?: bigint } = {}) {
  return prisma.exchange.create({
    data: {
      id: randomUUID(),
      providerId: provider.userId,
      payerId: payer.userId,
      proposedById: payer.userId,
      state,
      title: "Process mapping for the discharge lounge",
      agreedMinutes: 60,
      holdId: ids.holdId ?? null,
      transferId: ids.transferId ?? null,
    },
  });
}

async function postedExchangeLedger() {
  const exchangeId = randomUUID();
  const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: randomUUID(), exchangeId }, prisma);
  const t = await postHold({ holdId: h.holdId, idempotencyKey: randomUUID() }, prisma);
  return { holdId: h.holdId, transferId: t.transferId };
}

describe("exchanges and the ledger", () => {
  it("refuses a confirmed exchange that names no transfer", async () => {
    const { holdId } = await postedExchangeLedger();
    await expect(exchange("confirmed", { holdId })).rejects.toThrow(/exchanges_transfer_when_confirmed/);
    expect(await prisma.exchange.count()).toBe(0);
  });

  it("refuses an accepted exchange without its hold", async () => {
    await expect(exchange("accepted")).rejects.toThrow(/exchanges_hold_once_agreed/);
  });

  it("refuses a transfer on an exchange that is not settled", async () => {
    const { holdId, transferId } = await postedExchangeLedger();
    await expect(exchange("accepted", { holdId, transferId })).rejects.toThrow(/exchanges_transfer_only_when_settled/);
  });

  it("accepts a proposed exchange with no ledger effect, and a confirmed one with its hold and transfer", async () => {
    await exchange("proposed");
    await exchange("confirmed", await postedExchangeLedger());
    expect(await prisma.exchange.count()).toBe(2);
  });
});
