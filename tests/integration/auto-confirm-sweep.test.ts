// The auto-confirm sweep: a reminder to the payer after the bank's reminder days (once), automatic
// confirmation after its auto-confirm days (posted once), and two sweeps at once double nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addDays } from "../../lib/clock";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { disputeExchange } from "../../lib/exchanges/dispute-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { runExchangeSweep } from "../../lib/exchanges/auto-confirm";
import { reconcile } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, snapshotCounts } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function delivered(minutesGiven = 90) {
  const payer = await createMember(prisma, { balanceMinutes: 300 });
  const provider = await createMember(prisma);
  const offer = await prisma.listing.create({
    data: { kind: "offer", ownerId: provider.id, title: "Review a measurement plan", description: "Feedback", skillId: skill.id, estimatedMinutes: 120 },
  });
  const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 120, requestKey: randomUUID() }, prisma);
  await acceptExchange(provider.id, { exchangeId: id }, prisma);
  await deliverExchange(provider.id, { exchangeId: id, minutesGiven }, prisma);
  const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
  return { payer, provider, id, deliveredAt: ex.deliveredAt! };
}

/** Each test sweeps only its own exchange: the others are moved out of the way first. */
async function only(id: string) {
  await prisma.exchange.updateMany({ where: { state: "delivered", NOT: { id } }, data: { autoConfirmAt: null, reminderSentAt: new Date() } });
}

describe("the auto-confirm sweep", () => {
  it("does nothing 6 days after delivery, reminds the payer once at 7 days, and confirms at 14", async () => {
    const { payer, provider, id, deliveredAt } = await delivered();
    await only(id);

    const before = await snapshotCounts(prisma);
    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 6))).toEqual({ reminded: 0, confirmed: 0 });
    expect(await snapshotCounts(prisma)).toEqual(before);

    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 7))).toEqual({ reminded: 1, confirmed: 0 });
    const reminders = await prisma.notification.findMany({ where: { kind: "exchange.reminder" } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.memberId).toBe(payer.id);
    expect(reminders[0]!.body).toMatch(/confirmed automatically on \d{1,2} \w{3} \d{4}/);
    expect((await prisma.exchange.findUniqueOrThrow({ where: { id } })).reminderSentAt).not.toBeNull();

    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 8))).toEqual({ reminded: 0, confirmed: 0 });
    expect(await prisma.notification.count({ where: { kind: "exchange.reminder" } })).toBe(1);

    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 14))).toEqual({ reminded: 0, confirmed: 1 });
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex.state).toBe("confirmed");
    expect(ex.transferId).not.toBeNull();
    const transfers = await prisma.ledgerTransfer.findMany({ where: { exchangeId: id } });
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amountMinutes: 90, actorId: null });
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 210, heldMinutes: 0 });
    expect(await balanceOf(prisma, provider.id)).toMatchObject({ balanceMinutes: 90, heldMinutes: 0 });
    const event = await prisma.exchangeEvent.findFirstOrThrow({ where: { exchangeId: id, toState: "confirmed" } });
    expect(event).toMatchObject({ actorId: null, note: "Confirmed automatically after 14 days" });
    const told = await prisma.notification.findMany({ where: { kind: "exchange.confirmed" }, select: { memberId: true } });
    expect(told.map((n) => n.memberId).sort()).toEqual([payer.id, provider.id].sort());
    expect(await reconcile(prisma)).toEqual([]);

    // A later sweep finds nothing, and the payer's late confirmation is refused: it is done.
    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 20))).toEqual({ reminded: 0, confirmed: 0 });
    await expect(confirmExchange(payer.id, { exchangeId: id }, prisma)).rejects.toMatchObject({ code: "conflict", message: "This exchange has already been confirmed." });
  });

  it("confirms straight away, without a reminder, an exchange already past its auto-confirm date", async () => {
    const { id, deliveredAt } = await delivered();
    await only(id);
    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 15))).toEqual({ reminded: 0, confirmed: 1 });
    expect(await prisma.notification.count({ where: { kind: "exchange.reminder", link: `/exchanges/${id}` } })).toBe(0);
  });

  it("leaves a disputed exchange alone", async () => {
    const { payer, id, deliveredAt } = await delivered();
    await only(id);
    await disputeExchange(payer.id, { exchangeId: id, reason: "The session never happened." }, prisma);
    const before = await snapshotCounts(prisma);
    expect(await runExchangeSweep(prisma, addDays(deliveredAt, 30))).toEqual({ reminded: 0, confirmed: 0 });
    expect(await snapshotCounts(prisma)).toEqual(before);
  });

  it("confirms once and reminds once when two sweeps run at the same time", async () => {
    const due = await Promise.all([delivered(30), delivered(45), delivered(60)]);
    const remind = await Promise.all([delivered(15), delivered(20)]);
    // The second group was delivered 7 days after the first, so at 14 days the first group is due
    // for confirmation and the second for its reminder.
    for (const r of remind) {
      await prisma.exchange.update({ where: { id: r.id }, data: { deliveredAt: addDays(r.deliveredAt, 7), autoConfirmAt: addDays(r.deliveredAt, 21) } });
    }
    const ids = [...due, ...remind].map((d) => d.id);
    await prisma.exchange.updateMany({ where: { state: "delivered", NOT: { id: { in: ids } } }, data: { autoConfirmAt: null, reminderSentAt: new Date() } });
    // 14 days after the last of them was made: the first group is due (auto-confirm at +14), the
    // second has reached its reminder (delivered at +7, reminder at +14) but not its confirmation.
    const at = addDays(new Date(Math.max(...[...due, ...remind].map((d) => d.deliveredAt.getTime()))), 14);
    const transfersBefore = await prisma.ledgerTransfer.count();

    const [a, b] = await Promise.all([runExchangeSweep(database.prisma({ max: 2 }), at), runExchangeSweep(database.prisma({ max: 2 }), at)]);
    expect(a.confirmed + b.confirmed).toBe(3);
    expect(a.reminded + b.reminded).toBe(2);
    expect(await prisma.ledgerTransfer.count()).toBe(transfersBefore + 3);
    for (const d of due) {
      expect(await prisma.ledgerTransfer.count({ where: { exchangeId: d.id } })).toBe(1);
      expect(await prisma.exchangeEvent.count({ where: { exchangeId: d.id, toState: "confirmed" } })).toBe(1);
    }
    for (const r of remind) {
      expect(await prisma.notification.count({ where: { kind: "exchange.reminder", memberId: r.payer.id } })).toBe(1);
      expect((await prisma.exchange.findUniqueOrThrow({ where: { id: r.id } })).state).toBe("delivered");
    }
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("uses the bank's own periods", async () => {
    const { id, deliveredAt } = await delivered();
    await only(id);
    await prisma.bankSettings.update({ where: { id: 1 }, data: { reminderDays: 2, autoConfirmDays: 3 } });
    try {
      expect(await runExchangeSweep(prisma, addDays(deliveredAt, 2))).toEqual({ reminded: 1, confirmed: 0 });
      // The exchange's own auto-confirm date was fixed (14 days) when the help was recorded.
      expect(await runExchangeSweep(prisma, addDays(deliveredAt, 3))).toEqual({ reminded: 0, confirmed: 0 });
    } finally {
      await prisma.bankSettings.update({ where: { id: 1 }, data: { reminderDays: 7, autoConfirmDays: 14 } });
    }
  });
});
