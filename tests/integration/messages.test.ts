// The message thread of an exchange: only its two parties can write or read it, not once it was
// declined or cancelled, a resent message is stored once, and the other party is told.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { cancelExchange } from "../../lib/exchanges/cancel-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { declineExchange } from "../../lib/exchanges/decline-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { disputeExchange } from "../../lib/exchanges/dispute-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { listMessages } from "../../lib/messages/queries";
import { sendMessage } from "../../lib/messages/send-message";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, snapshotCounts } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function exchange() {
  const payer = await createMember(prisma, { name: "Pat Payer", balanceMinutes: 120 });
  const provider = await createMember(prisma, { name: "Priya Provider" });
  const offer = await prisma.listing.create({
    data: { kind: "offer", ownerId: provider.id, title: "Driver diagrams", description: "An hour", skillId: skill.id, estimatedMinutes: 60 },
  });
  const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
  return { payer, provider, id };
}

describe("messages", () => {
  it("sends a message between the parties, trimmed, and tells the other party with a preview", async () => {
    const { payer, provider, id } = await exchange();
    const long = `  ${"Can we meet on Tuesday? ".repeat(10)}  `;
    const sent = await sendMessage(payer.id, { exchangeId: id, body: long, requestKey: randomUUID() }, prisma);
    expect(sent.replayed).toBe(false);
    const stored = await prisma.message.findUniqueOrThrow({ where: { id: sent.id } });
    expect(stored).toMatchObject({ senderId: payer.id, exchangeId: id, body: long.trim() });
    const n = await prisma.notification.findFirstOrThrow({ where: { kind: "message.received" } });
    expect(n).toMatchObject({ memberId: provider.id, link: `/exchanges/${id}#messages` });
    expect(n.body.length).toBeLessThanOrEqual(140);
    expect(long.trim().startsWith(n.body.slice(0, 100))).toBe(true);

    await sendMessage(provider.id, { exchangeId: id, body: "Tuesday works.", requestKey: randomUUID() }, prisma);
    const thread = await listMessages(id, provider.id, prisma);
    expect(thread?.map((m) => [m.senderName, m.mine, m.body])).toEqual([
      ["Pat", false, long.trim()],
      ["Priya", true, "Tuesday works."],
    ]);
  });

  it("stores a resent message once", async () => {
    const { payer, id } = await exchange();
    const requestKey = randomUUID();
    const first = await sendMessage(payer.id, { exchangeId: id, body: "Hello", requestKey }, prisma);
    const before = await snapshotCounts(prisma);
    const again = await sendMessage(payer.id, { exchangeId: id, body: "Hello", requestKey }, prisma);
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(await snapshotCounts(prisma)).toEqual(before);

    const racing = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => sendMessage(payer.id, { exchangeId: id, body: "Hi again", requestKey: racing }, database.prisma({ max: 1 }))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await prisma.message.count({ where: { requestKey: racing } })).toBe(1);
  });

  it.each(["declined", "cancelled"] as const)("refuses messages on a %s exchange, and changes nothing", async (state) => {
    const { payer, provider, id } = await exchange();
    if (state === "declined") await declineExchange(provider.id, { exchangeId: id }, prisma);
    else await cancelExchange(provider.id, { exchangeId: id }, prisma);
    for (const who of [payer, provider]) {
      const before = await snapshotCounts(prisma);
      const err = await sendMessage(who.id, { exchangeId: id, body: "No problem, another time.", requestKey: randomUUID() }, prisma).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "AppError", code: "conflict", message: `This exchange was ${state}, so no more messages can be sent on it.` });
      expect(await snapshotCounts(prisma)).toEqual(before);
    }
    expect(await prisma.message.count({ where: { exchangeId: id } })).toBe(0);
  });

  it("still returns a message sent before the exchange was cancelled when its form is resent", async () => {
    const { payer, provider, id } = await exchange();
    const requestKey = randomUUID();
    const first = await sendMessage(payer.id, { exchangeId: id, body: "See you Tuesday", requestKey }, prisma);
    await cancelExchange(provider.id, { exchangeId: id }, prisma);
    await expect(sendMessage(payer.id, { exchangeId: id, body: "See you Tuesday", requestKey }, prisma)).resolves.toMatchObject({ id: first.id, replayed: true });
  });

  it("lets the parties write once the help is given, confirmed or disputed", async () => {
    const confirmed = await exchange();
    await acceptExchange(confirmed.provider.id, { exchangeId: confirmed.id }, prisma);
    await deliverExchange(confirmed.provider.id, { exchangeId: confirmed.id, minutesGiven: 60 }, prisma);
    await sendMessage(confirmed.payer.id, { exchangeId: confirmed.id, body: "Thanks, that was useful.", requestKey: randomUUID() }, prisma);
    await confirmExchange(confirmed.payer.id, { exchangeId: confirmed.id }, prisma);
    await sendMessage(confirmed.provider.id, { exchangeId: confirmed.id, body: "Glad it helped.", requestKey: randomUUID() }, prisma);
    expect(await prisma.message.count({ where: { exchangeId: confirmed.id } })).toBe(2);

    const disputed = await exchange();
    await acceptExchange(disputed.provider.id, { exchangeId: disputed.id }, prisma);
    await deliverExchange(disputed.provider.id, { exchangeId: disputed.id, minutesGiven: 60 }, prisma);
    await disputeExchange(disputed.payer.id, { exchangeId: disputed.id, reason: "We never met on the day." }, prisma);
    await sendMessage(disputed.provider.id, { exchangeId: disputed.id, body: "Can we talk about it?", requestKey: randomUUID() }, prisma);
    expect(await prisma.message.count({ where: { exchangeId: disputed.id } })).toBe(1);
  });

  it("refuses anyone who is not a party, as if there were no exchange, and hides the thread from them", async () => {
    const { id } = await exchange();
    const stranger = await createMember(prisma);
    await expectRefusal(prisma, () => sendMessage(stranger.id, { exchangeId: id, body: "Hi", requestKey: randomUUID() }, prisma), { code: "not_found" });
    await expectRefusal(prisma, () => sendMessage(stranger.id, { exchangeId: randomUUID(), body: "Hi", requestKey: randomUUID() }, prisma), { code: "not_found" });
    expect(await listMessages(id, stranger.id, prisma)).toBeNull();
    expect(await listMessages("not-a-uuid", stranger.id, prisma)).toBeNull();
  });

  it("refuses a pending or suspended party", async () => {
    const { payer, id } = await exchange();
    for (const status of ["pending", "suspended"] as const) {
      await prisma.user.update({ where: { id: payer.id }, data: { status } });
      await expectRefusal(prisma, () => sendMessage(payer.id, { exchangeId: id, body: "Hi", requestKey: randomUUID() }, prisma), { code: "forbidden" });
    }
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   \n  "],
    ["too long", "x".repeat(4001)],
    ["not text", 42],
  ])("refuses a message that is %s", async (_what, body) => {
    const { payer, id } = await exchange();
    await expectRefusal(prisma, () => sendMessage(payer.id, { exchangeId: id, body, requestKey: randomUUID() }, prisma), { code: "invalid" });
  });

  it("refuses a missing request key or a bad exchange id", async () => {
    const { payer, id } = await exchange();
    await expectRefusal(prisma, () => sendMessage(payer.id, { exchangeId: id, body: "Hi" }, prisma), { code: "invalid" });
    await expectRefusal(prisma, () => sendMessage(payer.id, { exchangeId: "42", body: "Hi", requestKey: randomUUID() }, prisma), { code: "invalid" });
  });
});
