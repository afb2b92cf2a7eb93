// The dashboard's figures and the statement: ledger entries newest first with the running
// balance, described in words, paged by entry id.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hold, postHold, reverse, systemAccountId, transfer } from "../../lib/ledger";
import { donateHours } from "../../lib/members/donate-hours";
import { getAccountFigures, getStatement } from "../../lib/members/queries";
import { useTestDatabase } from "../helpers/db";
import { createMember } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();

describe("getAccountFigures", () => {
  it("shows available, held and the floor, and what can still be spent", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 120, floorMinutes: -600 });
    const provider = await createMember(prisma);
    await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 90, idempotencyKey: randomUUID(), exchangeId: randomUUID() }, prisma);
    expect(await getAccountFigures(payer.id, prisma)).toEqual({
      hasAccount: true,
      balanceMinutes: 120,
      heldMinutes: 90,
      floorMinutes: -600,
      availableMinutes: 30,
      canSpendMinutes: 630,
      givableMinutes: 30,
    });
  });

  it("shows the bank's default floor to a member with no account yet", async () => {
    const m = await prisma.user.create({ data: { email: `${randomUUID()}@test.timebank.invalid` } });
    const figures = await getAccountFigures(m.id, prisma);
    expect(figures.hasAccount).toBe(false);
    expect(figures.balanceMinutes).toBe(0);
  });
});

describe("getStatement", () => {
  it("lists entries newest first with the running balance and what each was", async () => {
    const me = await createMember(prisma, { name: "Mo Ahmed", balanceMinutes: 200 });
    const other = await createMember(prisma, { name: "Rita Jones", balanceMinutes: 200 });
    const exchangeId = randomUUID();
    const h = await hold({ debitAccountId: other.accountId, creditAccountId: me.accountId, amountMinutes: 60, idempotencyKey: randomUUID(), exchangeId }, prisma);
    const t = await postHold({ holdId: h.holdId, idempotencyKey: randomUUID() }, prisma);
    await prisma.exchange.create({
      data: { id: exchangeId, providerId: me.id, payerId: other.id, proposedById: other.id, state: "confirmed", title: "Run chart coaching", agreedMinutes: 60, holdId: h.holdId, transferId: t.transferId },
    });
    await donateHours(me.id, { to: "community", minutes: 30, requestKey: randomUUID() }, prisma);
    await donateHours(me.id, { to: other.id, minutes: 20, requestKey: randomUUID() }, prisma);

    const page = await getStatement(me.id, {}, prisma);
    expect(page.nextBefore).toBeNull();
    expect(page.entries.map((e) => [e.amountMinutes, e.balanceAfterMinutes])).toEqual([
      [-20, 210],
      [-30, 230],
      [60, 260],
      [200, 200],
    ]);
    const [toOther, toPool, exchange, grant] = page.entries;
    expect(toOther).toMatchObject({ kind: "donation", description: "Donation given", otherParty: "Rita", otherPartyId: other.id });
    expect(toPool).toMatchObject({ kind: "donation", description: "Donation to the community pool", otherParty: "Community pool" });
    expect(exchange).toMatchObject({ kind: "exchange", description: "Exchange: Run chart coaching", link: `/exchanges/${exchangeId}`, otherParty: "Rita" });
    expect(grant).toMatchObject({ kind: "grant" });
    // Nothing of another member's email.
    expect(JSON.stringify(page)).not.toContain(other.email);
  });

  it("names the welcome grant and pages by entry id", async () => {
    const me = await createMember(prisma);
    const issuance = await systemAccountId("issuance", prisma);
    await transfer({ kind: "grant", debitAccountId: issuance, creditAccountId: me.accountId, amountMinutes: 60, idempotencyKey: `welcome:${me.id}` }, prisma);
    for (let i = 1; i <= 4; i++) {
      await transfer({ kind: "grant", debitAccountId: issuance, creditAccountId: me.accountId, amountMinutes: i, idempotencyKey: randomUUID() }, prisma);
    }
    const first = await getStatement(me.id, { limit: 2 }, prisma);
    expect(first.entries.map((e) => e.amountMinutes)).toEqual([4, 3]);
    expect(first.nextBefore).toBe(first.entries[1]!.id);
    const second = await getStatement(me.id, { limit: 2, before: first.nextBefore }, prisma);
    expect(second.entries.map((e) => e.amountMinutes)).toEqual([2, 1]);
    const third = await getStatement(me.id, { limit: 2, before: second.nextBefore }, prisma);
    expect(third.entries).toHaveLength(1);
    expect(third.entries[0]).toMatchObject({ kind: "welcome", amountMinutes: 60, balanceAfterMinutes: 60 });
    expect(third.nextBefore).toBeNull();
  });

  it("describes reversals: of an exchange by its title and link, of anything else by its kind", async () => {
    const me = await createMember(prisma, { name: "Ana Silva", balanceMinutes: 300 });
    const other = await createMember(prisma, { name: "Tom Reed", balanceMinutes: 300 });
    const exchangeId = randomUUID();
    const h = await hold({ debitAccountId: other.accountId, creditAccountId: me.accountId, amountMinutes: 45, idempotencyKey: randomUUID(), exchangeId }, prisma);
    const t = await postHold({ holdId: h.holdId, idempotencyKey: randomUUID() }, prisma);
    await prisma.exchange.create({
      data: { id: exchangeId, providerId: me.id, payerId: other.id, proposedById: other.id, state: "resolved", title: "SPC chart review", agreedMinutes: 45, holdId: h.holdId, transferId: t.transferId },
    });
    await reverse({ transferId: t.transferId, idempotencyKey: randomUUID() }, prisma);
    await donateHours(me.id, { to: other.id, minutes: 15, requestKey: randomUUID() }, prisma);
    const giftTransfer = await prisma.ledgerTransfer.findFirstOrThrow({ where: { kind: "donation", debitAccountId: me.accountId }, orderBy: { id: "desc" }, select: { id: true } });
    await reverse({ transferId: giftTransfer.id, idempotencyKey: randomUUID() }, prisma);

    const page = await getStatement(me.id, {}, prisma);
    expect(page.entries.map((e) => [e.kind, e.amountMinutes, e.balanceAfterMinutes])).toEqual([
      ["reversal", 15, 300],
      ["donation", -15, 285],
      ["reversal", -45, 300],
      ["exchange", 45, 345],
      ["grant", 300, 300],
    ]);
    const [giftBack, , exchangeBack, exchange] = page.entries;
    expect(giftBack).toMatchObject({ description: "Reversal of a donation", link: null, otherParty: "Tom", otherPartyId: other.id });
    expect(exchangeBack).toMatchObject({ description: "Reversal of exchange “SPC chart review”", link: `/exchanges/${exchangeId}`, otherParty: "Tom" });
    expect(exchange).toMatchObject({ description: "Exchange: SPC chart review", link: `/exchanges/${exchangeId}` });
    // The page after the newest two starts at the third.
    const older = await getStatement(me.id, { before: page.entries[1]!.id, limit: 2 }, prisma);
    expect(older.entries.map((e) => e.id)).toEqual([page.entries[2]!.id, page.entries[3]!.id]);
  });

  it("shows nothing of another member's statement and ignores a malformed cursor", async () => {
    const me = await createMember(prisma, { balanceMinutes: 50 });
    await createMember(prisma, { balanceMinutes: 70 });
    const page = await getStatement(me.id, { before: "drop table" }, prisma);
    expect(page.entries.map((e) => e.amountMinutes)).toEqual([50]);
  });
});
