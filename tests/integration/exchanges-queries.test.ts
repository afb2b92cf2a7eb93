// What a member sees of their exchanges: only their own, the other party without an email
// address, the steps they may take, and the ones waiting for them first.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { cancelExchange } from "../../lib/exchanges/cancel-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { countWaitingOnMe, exchangesNeedingAction, getExchangeForMember, headerCounts, listMyExchanges } from "../../lib/exchanges/queries";
import { unreadCount } from "../../lib/notifications/queries";
import { waitingOn } from "../../lib/exchanges/rules";
import { sendMessage } from "../../lib/messages/send-message";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);
const org = await prisma.organisation.create({ data: { name: "Leeds Teaching Hospitals", kind: "Acute trust" } });

const me = await createMember(prisma, { name: "Mo Member", balanceMinutes: 1200 });
const alex = await createMember(prisma, { name: "Alex Other Person", balanceMinutes: 1200 });
await prisma.user.update({ where: { id: alex.id }, data: { organisationId: org.id, profession: "Data analyst" } });

async function listingOf(ownerId: string, kind: "offer" | "request") {
  return prisma.listing.create({ data: { kind, ownerId, title: `${kind} ${randomUUID().slice(0, 6)}`, description: "d", skillId: skill.id, estimatedMinutes: 60 } });
}

// Four exchanges between me and Alex:
// 1. I asked for Alex's help (proposed by me): waiting on Alex.
// 2. Alex asked for my help (proposed by Alex): waiting on me (accept).
// 3. Alex offered to help with my request, I accepted, Alex delivered: waiting on me (confirm).
// 4. I asked, then cancelled: finished.
const e1 = await proposeExchange(me.id, { listingId: (await listingOf(alex.id, "offer")).id, minutes: 60, requestKey: randomUUID() }, prisma);
const e2 = await proposeExchange(alex.id, { listingId: (await listingOf(me.id, "offer")).id, minutes: 60, requestKey: randomUUID() }, prisma);
const e3 = await proposeExchange(alex.id, { listingId: (await listingOf(me.id, "request")).id, minutes: 60, requestKey: randomUUID() }, prisma);
await acceptExchange(me.id, { exchangeId: e3.id }, prisma);
await deliverExchange(alex.id, { exchangeId: e3.id, minutesGiven: 45 }, prisma);
const e4 = await proposeExchange(me.id, { listingId: (await listingOf(alex.id, "offer")).id, minutes: 30, requestKey: randomUUID() }, prisma);
await cancelExchange(me.id, { exchangeId: e4.id }, prisma);
await sendMessage(alex.id, { exchangeId: e3.id, body: "All done, thanks!", requestKey: randomUUID() }, prisma);

describe("one exchange for a member", () => {
  it("shows a party the other party's first name, profession and organisation, but never their email", async () => {
    const d = await getExchangeForMember(e3.id, me.id, prisma);
    expect(d).not.toBeNull();
    expect(d!.other).toEqual({ id: alex.id, firstName: "Alex", profession: "Data analyst", organisation: "Leeds Teaching Hospitals" });
    expect(JSON.stringify(d)).not.toContain(alex.email);
    expect(JSON.stringify(d)).not.toContain("Other Person");
    expect(d).toMatchObject({ role: "payer", state: "delivered", stateLabel: "Help given, waiting for confirmation", minutes: 45, agreedMinutes: 60, needsMyAction: true });
    expect(d!.allowedSteps).toEqual(["confirm", "dispute"]);
    expect(d!.listing?.href).toMatch(/^\/listings\//);
    expect(d!.events.map((e) => [e.toState, e.actorName])).toEqual([
      ["proposed", "Alex"],
      ["accepted", "You"],
      ["delivered", "Alex"],
    ]);
    expect(d!.messages.map((m) => [m.senderName, m.body])).toEqual([["Alex", "All done, thanks!"]]);
    expect(d!.nextStep).toMatch(/Alex recorded 45 min of help/);
  });

  it("gives the provider their own view and steps", async () => {
    const d = await getExchangeForMember(e3.id, alex.id, prisma);
    expect(d).toMatchObject({ role: "provider", needsMyAction: false, allowedSteps: [] });
    expect(d!.other.firstName).toBe("Mo");
  });

  it("returns nothing to anyone else, or for an id that is not one", async () => {
    const stranger = await createMember(prisma);
    expect(await getExchangeForMember(e3.id, stranger.id, prisma)).toBeNull();
    expect(await getExchangeForMember("nope", me.id, prisma)).toBeNull();
    expect(await getExchangeForMember(randomUUID(), me.id, prisma)).toBeNull();
  });
});

describe("a member's list", () => {
  it("puts the exchanges waiting for me first in the open tab, and the finished ones in their own", async () => {
    const open = await listMyExchanges(me.id, { tab: "open" }, prisma);
    expect(open.rows.map((r) => r.id).slice(0, 2).sort()).toEqual([e2.id, e3.id].sort());
    expect(open.rows.map((r) => r.id)).toHaveLength(3);
    expect(open.rows.map((r) => r.needsMyAction)).toEqual([true, true, false]);
    const e1Row = open.rows.find((r) => r.id === e1.id)!;
    expect(e1Row).toMatchObject({ role: "payer", nextStep: "Waiting for Alex to accept or decline." });
    expect(open.rows.find((r) => r.id === e2.id)).toMatchObject({ role: "provider" });

    const action = await listMyExchanges(me.id, { tab: "action" }, prisma);
    expect(action.rows.map((r) => r.id).sort()).toEqual([e2.id, e3.id].sort());
    const closed = await listMyExchanges(me.id, { tab: "closed" }, prisma);
    expect(closed.rows.map((r) => r.id)).toEqual([e4.id]);
    expect(closed.hasNext).toBe(false);
  });

  it("counts what waits for each member, agreeing with the rules' waitingOn()", async () => {
    const all = await prisma.exchange.findMany();
    for (const m of [me, alex]) {
      const expected = all.filter((ex) => waitingOn(ex, m.id) !== null).length;
      expect(await countWaitingOnMe(m.id, prisma)).toBe(expected);
      const needing = await exchangesNeedingAction(m.id, 10, prisma);
      expect(needing).toHaveLength(expected);
      expect(needing.every((r) => r.needsMyAction)).toBe(true);
    }
    expect(await countWaitingOnMe(me.id, prisma)).toBe(2);
    expect(await countWaitingOnMe(alex.id, prisma)).toBe(1);
  });

  it("gives the header's two counts in one query, the same as counted one by one", async () => {
    await prisma.notification.createMany({
      data: [
        { memberId: me.id, kind: "message.received", title: "New message", body: "Unread" },
        { memberId: me.id, kind: "message.received", title: "Old message", body: "Read", readAt: new Date() },
        { memberId: alex.id, kind: "message.received", title: "Someone else's", body: "Unread" },
      ],
    });
    for (const m of [me, alex]) {
      expect(await headerCounts(m.id, prisma)).toEqual({ unread: await unreadCount(m.id, prisma), waiting: await countWaitingOnMe(m.id, prisma) });
    }
    expect((await headerCounts(me.id, prisma)).waiting).toBe(2);
    expect(await headerCounts("not-a-uuid", prisma)).toEqual({ unread: 0, waiting: 0 });
  });

  it("shows a stranger nothing", async () => {
    const stranger = await createMember(prisma);
    expect((await listMyExchanges(stranger.id, { tab: "open" }, prisma)).rows).toEqual([]);
    expect(await countWaitingOnMe(stranger.id, prisma)).toBe(0);
  });
});
