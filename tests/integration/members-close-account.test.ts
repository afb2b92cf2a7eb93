// Closing an account: open exchanges cancelled with their holds voided, listings closed, the
// profile anonymised, sign-in sessions gone, the ledger history kept and still balanced.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hold, reconcile, verifyChain } from "../../lib/ledger";
import { closeAccount } from "../../lib/members/close-account";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function exchangeBetween(provider: TestMember, payer: TestMember, state: "proposed" | "accepted" | "delivered" | "disputed", title = "Driver diagram review") {
  const id = randomUUID();
  let holdId: bigint | null = null;
  if (state !== "proposed") {
    holdId = (await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: `exchange:${id}:hold`, exchangeId: id }, prisma)).holdId;
  }
  return prisma.exchange.create({
    data: { id, providerId: provider.id, payerId: payer.id, proposedById: payer.id, state, title, agreedMinutes: 60, holdId },
  });
}

async function signInRows(memberId: string) {
  await prisma.session.create({ data: { sessionToken: randomUUID(), userId: memberId, expires: new Date(Date.now() + 86_400_000) } });
  await prisma.account.create({ data: { userId: memberId, type: "email", provider: "nodemailer", providerAccountId: randomUUID() } });
}

describe("closeAccount", () => {
  it("cancels open exchanges, voids their holds, closes listings, anonymises the profile and signs the member out", async () => {
    const leaver = await createMember(prisma, { name: "Lena Ward", balanceMinutes: 300 });
    const other = await createMember(prisma, { balanceMinutes: 300 });
    await prisma.user.update({ where: { id: leaver.id }, data: { tags: ["sepsis"], availability: "Mondays", skills: { create: { skillId: skill.id } } } });
    await signInRows(leaver.id);
    const asPayer = await exchangeBetween(other, leaver, "accepted");
    const asProvider = await exchangeBetween(leaver, other, "accepted");
    const proposed = await exchangeBetween(other, leaver, "proposed");
    const listing = await prisma.listing.create({
      data: { kind: "offer", ownerId: leaver.id, title: "SPC coaching", description: "An hour on SPC charts.", skillId: skill.id, estimatedMinutes: 60 },
    });
    expect((await balanceOf(prisma, leaver.id)).heldMinutes).toBe(60);

    const result = await closeAccount(leaver.id, { confirm: "CLOSE" }, prisma);
    expect(result).toEqual({ cancelledExchanges: 3, closedListings: 1 });

    for (const ex of [asPayer, asProvider, proposed]) {
      const saved = await prisma.exchange.findUniqueOrThrow({ where: { id: ex.id }, include: { events: true } });
      expect(saved.state).toBe("cancelled");
      expect(saved.events).toHaveLength(1);
      expect(saved.events[0]!.note).toMatch(/closed their account/);
    }
    expect(await balanceOf(prisma, leaver.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 0 });
    expect(await balanceOf(prisma, other.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 0 });
    expect(await prisma.ledgerHoldResolution.count({ where: { outcome: "voided" } })).toBe(2);
    expect(await prisma.notification.count({ where: { memberId: other.id, kind: "exchange.cancelled" } })).toBe(3);
    expect((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).status).toBe("closed");

    const closed = await prisma.user.findUniqueOrThrow({ where: { id: leaver.id }, include: { skills: true, sessions: true, accounts: true } });
    expect(closed).toMatchObject({
      name: `Former member ${leaver.id.slice(0, 6)}`,
      email: `closed-${leaver.id}@closed.invalid`,
      emailVerified: null,
      bio: null,
      availability: null,
      profession: null,
      tags: [],
      organisationId: null,
      regionId: null,
      status: "closed",
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.skills).toEqual([]);
    expect(closed.sessions).toEqual([]);
    expect(closed.accounts).toEqual([]);
    // The ledger account and its history stay, and the books balance.
    expect(await prisma.ledgerAccount.count({ where: { memberId: leaver.id } })).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
    expect(await verifyChain(prisma)).toEqual([]);
    expect(await prisma.auditLog.count({ where: { action: "member.close", actorId: leaver.id } })).toBe(1);
  });

  it("refuses while an exchange is delivered or disputed, naming it, and changes nothing", async () => {
    const leaver = await createMember(prisma, { balanceMinutes: 300 });
    const other = await createMember(prisma, { balanceMinutes: 300 });
    await signInRows(leaver.id);
    await exchangeBetween(other, leaver, "accepted");
    await exchangeBetween(leaver, other, "delivered", "Measurement plan");
    const held = await balanceOf(prisma, leaver.id);
    const err = await expectRefusal(prisma, () => closeAccount(leaver.id, { confirm: "CLOSE" }, prisma), { code: "conflict" });
    expect(err.message).toContain("Measurement plan");
    expect(await balanceOf(prisma, leaver.id)).toEqual(held);
    expect(await prisma.session.count({ where: { userId: leaver.id } })).toBe(1);

    const disputer = await createMember(prisma, { balanceMinutes: 300 });
    await exchangeBetween(other, disputer, "disputed", "Disputed work");
    await expectRefusal(prisma, () => closeAccount(disputer.id, { confirm: "CLOSE" }, prisma), { code: "conflict" });
  });

  it("refuses without the confirmation word", async () => {
    const leaver = await createMember(prisma);
    for (const confirm of [undefined, "", "close", "yes"]) {
      const err = await expectRefusal(prisma, () => closeAccount(leaver.id, { confirm }, prisma), { code: "invalid" });
      expect(err.fieldErrors?.confirm).toBeDefined();
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: leaver.id } })).status).toBe("active");
  });

  it("lets a pending member close, and refuses an account already closed", async () => {
    const pending = await prisma.user.create({ data: { email: `${randomUUID()}@test.timebank.invalid` } });
    await closeAccount(pending.id, { confirm: "CLOSE" }, prisma);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("closed");
    await expectRefusal(prisma, () => closeAccount(pending.id, { confirm: "CLOSE" }, prisma), { code: "unauthenticated" });
  });
});
