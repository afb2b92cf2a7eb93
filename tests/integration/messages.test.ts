// The message thread of an exchange: only its two parties can write or read it, a resent message
// is stored once, and the other party is told.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cancelExchange } from "../../lib/exchanges/cancel-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { listMessages } from "../../lib/messages/queries";
import { sendMessage } from "../../lib/messages/send-message";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, snapshotCounts } from "../helpers/members";

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

async function refused(attempt: () => Promise<unknown>, code: string) {
  const before = await snapshotCounts(prisma);
  await expect(attempt()).rejects.toMatchObject({ name: "AppError", code });
  expect(await snapshotCounts(prisma)).toEqual(before);
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

  it("lets the parties write in any state, including a closed exchange", async () => {
    const { payer, provider, id } = await exchange();
    await cancelExchange(provider.id, { exchangeId: id }, prisma);
    await sendMessage(payer.id, { exchangeId: id, body: "No problem, another time.", requestKey: randomUUID() }, prisma);
    expect(await prisma.message.count({ where: { exchangeId: id } })).toBe(1);
  });

  it("refuses anyone who is not a party, as if there were no exchange, and hides the thread from them", async () => {
    const { id } = await exchange();
    const stranger = await createMember(prisma);
    await refused(() => sendMessage(stranger.id, { exchangeId: id, body: "Hi", requestKey: randomUUID() }, prisma), "not_found");
    await refused(() => sendMessage(stranger.id, { exchangeId: randomUUID(), body: "Hi", requestKey: randomUUID() }, prisma), "not_found");
    expect(await listMessages(id, stranger.id, prisma)).toBeNull();
    expect(await listMessages("not-a-uuid", stranger.id, prisma)).toBeNull();
  });

  it("refuses a pending or suspended party", async () => {
    const { payer, id } = await exchange();
    for (const status of ["pending", "suspended"] as const) {
      await prisma.user.update({ where: { id: payer.id }, data: { status } });
      await refused(() => sendMessage(payer.id, { exchangeId: id, body: "Hi", requestKey: randomUUID() }, prisma), "forbidden");
    }
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   \n  "],
    ["too long", "x".repeat(4001)],
    ["not text", 42],
  ])("refuses a message that is %s", async (_what, body) => {
    const { payer, id } = await exchange();
    await refused(() => sendMessage(payer.id, { exchangeId: id, body, requestKey: randomUUID() }, prisma), "invalid");
  });

  it("refuses a missing request key or a bad exchange id", async () => {
    const { payer, id } = await exchange();
    await refused(() => sendMessage(payer.id, { exchangeId: id, body: "Hi" }, prisma), "invalid");
    await refused(() => sendMessage(payer.id, { exchangeId: "42", body: "Hi", requestKey: randomUUID() }, prisma), "invalid");
  });
});
