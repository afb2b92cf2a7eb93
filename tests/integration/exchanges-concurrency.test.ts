// Double clicks and races: a proposal replayed with its request key makes one exchange, and ten
// confirmations of one exchange at once, on separate connections, post exactly one transfer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { cancelExchange } from "../../lib/exchanges/cancel-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { reconcile } from "../../lib/ledger";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, snapshotCounts } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function offerBy(ownerId: string) {
  return prisma.listing.create({
    data: { kind: "offer", ownerId, title: "Coach a PDSA cycle", description: "One hour", skillId: skill.id, estimatedMinutes: 60 },
  });
}

describe("retried proposals", () => {
  it("returns the same exchange when the same request key is sent again, and makes one", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 120 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const requestKey = randomUUID();
    const first = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey }, prisma);
    const before = await snapshotCounts(prisma);
    const second = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey }, prisma);
    expect(second).toEqual({ id: first.id, replayed: true });
    expect(await snapshotCounts(prisma)).toEqual(before);
  });

  it("makes one exchange when the same proposal arrives ten times at once", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 120 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const requestKey = randomUUID();
    const clients = Array.from({ length: 10 }, () => database.prisma({ max: 2 }));
    const results = await Promise.all(clients.map((c) => proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey }, c)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await prisma.exchange.count({ where: { requestKey } })).toBe(1);
    expect(await prisma.notification.count({ where: { memberId: provider.id, kind: "exchange.proposed" } })).toBe(1);
    expect(await prisma.exchangeEvent.count({ where: { exchangeId: results[0]!.id } })).toBe(1);
  });

  it("refuses another member's request key instead of handing them the exchange", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 120 });
    const other = await createMember(prisma, { balanceMinutes: 120 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const requestKey = randomUUID();
    await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey }, prisma);
    await expect(proposeExchange(other.id, { listingId: offer.id, minutes: 60, requestKey }, prisma)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("concurrent steps", () => {
  it("posts exactly one transfer when ten confirmations of one exchange race", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 300 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 120, requestKey: randomUUID() }, prisma);
    await acceptExchange(provider.id, { exchangeId: id }, prisma);
    await deliverExchange(provider.id, { exchangeId: id, minutesGiven: 90 }, prisma);

    const racers = database.prisma({ max: 12 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => confirmExchange(payer.id, { exchangeId: id }, racers)));
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures, JSON.stringify(failures)).toEqual([]);
    expect(results.filter((r) => r.status === "fulfilled" && !r.value.replayed)).toHaveLength(1);

    expect(await prisma.ledgerTransfer.count({ where: { exchangeId: id } })).toBe(1);
    expect(await prisma.exchangeEvent.count({ where: { exchangeId: id, toState: "confirmed" } })).toBe(1);
    expect(await prisma.notification.count({ where: { kind: "exchange.confirmed" } })).toBe(1);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 210, heldMinutes: 0 });
    expect(await balanceOf(prisma, provider.id)).toMatchObject({ balanceMinutes: 90, heldMinutes: 0 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("ends cancelled with nothing held when an accept and a cancel race, whichever comes first", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 300 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 120, requestKey: randomUUID() }, prisma);
    const racers = database.prisma({ max: 4 });
    await Promise.allSettled([acceptExchange(provider.id, { exchangeId: id }, racers), cancelExchange(payer.id, { exchangeId: id }, racers)]);
    const ex = await prisma.exchange.findUniqueOrThrow({ where: { id } });
    expect(ex.state).toBe("cancelled");
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 300, heldMinutes: 0 });
    expect(await reconcile(prisma)).toEqual([]);
  });
});
