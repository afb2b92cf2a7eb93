import { describe, expect, it } from "vitest";
import { openMemberAccount, systemAccountId, transfer, reconcile } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";

const database = await useTestDatabase();
const prisma = database.prisma();

describe("smoke", () => {
  it("grants minutes to a member", async () => {
    const m = await prisma.user.create({ data: { email: "a@example.org", name: "A" } });
    const acct = await openMemberAccount(m.id, {}, prisma);
    const issuance = await systemAccountId("issuance", prisma);
    const r = await transfer({ kind: "grant", debitAccountId: issuance, creditAccountId: acct, amountMinutes: 60, idempotencyKey: "g1" }, prisma);
    expect(r.replayed).toBe(false);
    expect(await reconcile(prisma)).toEqual([]);
  });
});
