// The exchange lifecycle end to end, against the real ledger: propose -> accept (hold) -> deliver
// -> confirm (posted once), from an offer and from a request; decline, cancel, dispute, thanks.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { cancelExchange } from "../../lib/exchanges/cancel-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { declineExchange } from "../../lib/exchanges/decline-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { disputeExchange } from "../../lib/exchanges/dispute-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { thankExchange } from "../../lib/exchanges/thank-exchange";
import { reconcile } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, snapshotCounts } from "../helpers/members";
import { MAX_NOTIFICATION_BODY } from "../../lib/notifications/notify";
import { MAX_DECLINE_REASON_LENGTH } from "../../lib/exchanges/schemas";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function listing(ownerId: string, kind: "offer" | "request", estimatedMinutes = 120) {
  return prisma.listing.create({
    data: { kind, ownerId, title: `${kind === "offer" ? "I can" : "Help me"} build an SPC chart`, description: "Run charts and SPC", skillId: skill.id, estimatedMinutes },
  });
}

const key = () => randomUUID();

describe("an exchange from an offer", () => {
  it("moves the delivered minutes from the payer to the provider exactly once, and releases the rest of the hold", async () => {
    const payer = await createMember(prisma, { name: "Pat Payer", balanceMinutes: 300 });
    const provider = await createMember(prisma, { name: "Priya Provider" });
    const offer = await listing(provider.id, "offer");

    const proposed = await proposeExchange(payer.id, { listingId: offer.id, minutes: 120, note: "Our ward's falls data", requestKey: key() }, prisma);
    let ex = await prisma.exchange.findUniqueOrThrow({ where: { id: proposed.id } });
    expect(ex).toMatchObject({ state: "proposed", payerId: payer.id, providerId: provider.id, proposedById: payer.id, agreedMinutes: 120, title: offer.title, listingId: offer.id });
    const proposedNote = await prisma.notification.findFirstOrThrow({ where: { memberId: provider.id, kind: "exchange.proposed" } });
    expect(proposedNote.link).toBe(`/exchanges/${ex.id}`);

    await acceptExchange(provider.id, { exchangeId: ex.id }, prisma);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 120 });
    ex = await prisma.exchange.findUniqueOrThrow({ where: { id: ex.id } });
    expect(ex.state).toBe("accepted");
    expect(ex.holdId).not.toBeNull();
    expect(ex.acceptedAt).not.toBeNull();

    await deliverExchange(provider.id, { exchangeId: ex.id, minutesGiven: 90, note: "Two charts done" }, prisma);
    ex = await prisma.exchange.findUniqueOrThrow({ where: { id: ex.id } });
    expect(ex).toMatchObject({ state: "delivered", deliveredMinutes: 90 });
    expect(ex.autoConfirmAt!.getTime() - ex.deliveredAt!.getTime()).toBe(14 * 24 * 3600 * 1000);

    await confirmExchange(payer.id, { exchangeId: ex.id }, prisma);
    ex = await prisma.exchange.findUniqueOrThrow({ where: { id: ex.id } });
    expect(ex.state).toBe("confirmed");
    expect(ex.confirmedAt).not.toBeNull();
    expect(ex.closedAt).not.toBeNull();
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 210, heldMinutes: 0 });
    expect(await balanceOf(prisma, provider.id)).toMatchObject({ balanceMinutes: 90, heldMinutes: 0 });
    const transfers = await prisma.ledgerTransfer.findMany({ where: { exchangeId: ex.id } });
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: "exchange", amountMinutes: 90, id: ex.transferId });
    expect(await reconcile(prisma)).toEqual([]);

    const events = await prisma.exchangeEvent.findMany({ where: { exchangeId: ex.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.fromState, e.toState, e.actorId])).toEqual([
      [null, "proposed", payer.id],
      ["proposed", "accepted", provider.id],
      ["accepted", "delivered", provider.id],
      ["delivered", "confirmed", payer.id],
    ]);
    const kinds = await prisma.notification.findMany({ select: { kind: true, memberId: true }, orderBy: { createdAt: "asc" } });
    expect(kinds).toEqual([
      { kind: "exchange.proposed", memberId: provider.id },
      { kind: "exchange.accepted", memberId: payer.id },
      { kind: "exchange.delivered", memberId: payer.id },
      { kind: "exchange.confirmed", memberId: provider.id },
    ]);
  });

  it("lets the payer thank the provider once after confirmation", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 300 });
    const provider = await createMember(prisma);
    const offer = await listing(provider.id, "offer");
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: key() }, prisma);
    await acceptExchange(provider.id, { exchangeId: id }, prisma);
    await deliverExchange(provider.id, { exchangeId: id, minutesGiven: 60 }, prisma);
    await expect(thankExchange(payer.id, { exchangeId: id, thanks: "Thank you!" }, prisma)).rejects.toMatchObject({ code: "conflict" });
    await confirmExchange(payer.id, { exchangeId: id }, prisma);
    await expect(thankExchange(provider.id, { exchangeId: id, thanks: "Thanks to me" }, prisma)).rejects.toMatchObject({ code: "forbidden" });
    await thankExchange(payer.id, { exchangeId: id, thanks: "Thank you, the charts changed our huddle.", learned: "How to spot a shift" }, prisma);
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex).toMatchObject({ thanksNote: "Thank you, the charts changed our huddle.", learnedNote: "How to spot a shift" });
    expect(ex.thankedAt).not.toBeNull();
    const thanks = await prisma.notification.findMany({ where: { kind: "thanks.received" } });
    expect(thanks).toHaveLength(1);
    expect(thanks[0]).toMatchObject({ memberId: provider.id, body: "Thank you, the charts changed our huddle." });
    // A resubmitted thanks changes nothing; a second, different one is refused.
    const before = await snapshotCounts(prisma);
    await thankExchange(payer.id, { exchangeId: id, thanks: "Thank you, the charts changed our huddle.", learned: "How to spot a shift" }, prisma);
    await expect(thankExchange(payer.id, { exchangeId: id, thanks: "Again" }, prisma)).rejects.toMatchObject({ code: "conflict", message: "You have already said thank you for this exchange." });
    expect(await snapshotCounts(prisma)).toEqual(before);
    expect((await prisma.exchange.findUniqueOrThrow({ where: { id } })).thanksNote).toBe("Thank you, the charts changed our huddle.");
  });
});

describe("an exchange from a request (offering to help)", () => {
  it("makes the request's owner the payer and the proposer the provider", async () => {
    const owner = await createMember(prisma, { balanceMinutes: 200 });
    const helper = await createMember(prisma);
    const request = await listing(owner.id, "request", 60);
    const { id } = await proposeExchange(helper.id, { listingId: request.id, hours: "1", mins: "30", requestKey: key() }, prisma);
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex).toMatchObject({ payerId: owner.id, providerId: helper.id, proposedById: helper.id, agreedMinutes: 90 });
    // The owner accepts their own request's offer of help: the hold is on their own hours.
    await acceptExchange(owner.id, { exchangeId: id }, prisma);
    expect(await balanceOf(prisma, owner.id)).toMatchObject({ heldMinutes: 90 });
    await deliverExchange(helper.id, { exchangeId: id, hours: "1.5" }, prisma);
    await confirmExchange(owner.id, { exchangeId: id }, prisma);
    expect(await balanceOf(prisma, owner.id)).toMatchObject({ balanceMinutes: 110, heldMinutes: 0 });
    expect(await balanceOf(prisma, helper.id)).toMatchObject({ balanceMinutes: 90, heldMinutes: 0 });
    expect(await prisma.ledgerTransfer.count({ where: { exchangeId: id } })).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
  });
});

describe("ending an exchange early", () => {
  async function proposed() {
    const payer = await createMember(prisma, { balanceMinutes: 300 });
    const provider = await createMember(prisma);
    const offer = await listing(provider.id, "offer");
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 120, requestKey: key() }, prisma);
    return { payer, provider, id };
  }

  it("declines a proposal without touching the ledger", async () => {
    const { payer, provider, id } = await proposed();
    const holds = await prisma.ledgerHold.count();
    await declineExchange(provider.id, { exchangeId: id }, prisma);
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex.state).toBe("declined");
    expect(ex.closedAt).not.toBeNull();
    expect(await prisma.ledgerHold.count()).toBe(holds);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 0 });
    expect(await prisma.notification.count({ where: { memberId: payer.id, kind: "exchange.declined" } })).toBe(1);
  });

  it("keeps a decline's reason, trimmed, as the event note and tells it to the proposer", async () => {
    const { payer, provider, id } = await proposed();
    await declineExchange(provider.id, { exchangeId: id, reason: "  I am on leave until March.  " }, prisma);
    const event = await prisma.exchangeEvent.findFirstOrThrow({ where: { exchangeId: id, toState: "declined" } });
    expect(event).toMatchObject({ actorId: provider.id, note: "I am on leave until March." });
    const n = await prisma.notification.findFirstOrThrow({ where: { memberId: payer.id, kind: "exchange.declined" } });
    expect(n.body).toContain('reason: "I am on leave until March."');
    expect(n.body).toContain("Nothing was taken from anyone's hours.");
  });

  it("declines without a note when no reason, or only spaces, is given", async () => {
    for (const reason of [undefined, "", "   "]) {
      const { payer, provider, id } = await proposed();
      await declineExchange(provider.id, { exchangeId: id, reason }, prisma);
      expect((await prisma.exchangeEvent.findFirstOrThrow({ where: { exchangeId: id, toState: "declined" } })).note).toBeNull();
      expect((await prisma.notification.findFirstOrThrow({ where: { memberId: payer.id, kind: "exchange.declined" } })).body).not.toContain("reason");
    }
  });

  it("tells the longest reason whole in the notification, and stores it whole", async () => {
    const { payer, provider, id } = await proposed();
    const reason = "x".repeat(MAX_DECLINE_REASON_LENGTH);
    await declineExchange(provider.id, { exchangeId: id, reason }, prisma);
    expect((await prisma.exchangeEvent.findFirstOrThrow({ where: { exchangeId: id, toState: "declined" } })).note).toBe(reason);
    const n = await prisma.notification.findFirstOrThrow({ where: { memberId: payer.id, kind: "exchange.declined" } });
    expect(n.body.length).toBeLessThanOrEqual(MAX_NOTIFICATION_BODY);
    expect(n.body).toContain(`"${reason}"`);
  });

  it("treats a resent decline as one, whatever its reason", async () => {
    const { provider, id } = await proposed();
    await declineExchange(provider.id, { exchangeId: id, reason: "Not this month." }, prisma);
    const before = await snapshotCounts(prisma);
    await expect(declineExchange(provider.id, { exchangeId: id, reason: "Not this month." }, prisma)).resolves.toMatchObject({ replayed: true, state: "declined" });
    expect(await snapshotCounts(prisma)).toEqual(before);
  });

  it("cancels a proposal (by the proposer) with nothing to release", async () => {
    const { payer, provider, id } = await proposed();
    await cancelExchange(payer.id, { exchangeId: id }, prisma);
    expect((await prisma.exchange.findUniqueOrThrow({ where: { id } })).state).toBe("cancelled");
    expect(await prisma.notification.count({ where: { memberId: provider.id, kind: "exchange.cancelled" } })).toBe(1);
  });

  it("cancels an accepted exchange and voids the hold, so the payer's held hours return to 0", async () => {
    const { payer, provider, id } = await proposed();
    await acceptExchange(provider.id, { exchangeId: id }, prisma);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ heldMinutes: 120 });
    await cancelExchange(provider.id, { exchangeId: id }, prisma);
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex.state).toBe("cancelled");
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 0 });
    const resolution = await prisma.ledgerHoldResolution.findUniqueOrThrow({ where: { holdId: ex.holdId! } });
    expect(resolution).toMatchObject({ outcome: "voided", idempotencyKey: `exchange:${id}:void` });
    expect(await prisma.ledgerTransfer.count({ where: { exchangeId: id } })).toBe(0);
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("records a dispute with its reason and keeps the hold for an admin", async () => {
    const { payer, provider, id } = await proposed();
    await acceptExchange(provider.id, { exchangeId: id }, prisma);
    await deliverExchange(provider.id, { exchangeId: id, minutesGiven: 120 }, prisma);
    await disputeExchange(payer.id, { exchangeId: id, reason: "We only met for half an hour." }, prisma);
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex).toMatchObject({ state: "disputed", disputeReason: "We only met for half an hour.", autoConfirmAt: null });
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 120 });
    expect(await prisma.notification.count({ where: { memberId: provider.id, kind: "exchange.disputed" } })).toBe(1);
    await expect(confirmExchange(payer.id, { exchangeId: id }, prisma)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/disputed/) });
  });
});
