// Every exchange step refuses the wrong actor, the wrong state and bad input, and a refusal
// changes nothing: no row, no event, no notification, no ledger movement.
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
import { formatMinutes } from "../../lib/format/minutes";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, snapshotCounts, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function listing(ownerId: string, kind: "offer" | "request" = "offer", status: "open" | "paused" | "closed" = "open") {
  return prisma.listing.create({
    data: { kind, ownerId, title: "Facilitate a process-mapping workshop", description: "Half a day", skillId: skill.id, estimatedMinutes: 120, status },
  });
}

type Stage = "proposed" | "accepted" | "delivered" | "confirmed" | "cancelled";

/** A payer (proposer, on the provider's offer) and a provider, with an exchange at `stage`. */
async function exchangeAt(stage: Stage) {
  const payer = await createMember(prisma, { name: "Pat Payer", balanceMinutes: 600 });
  const provider = await createMember(prisma, { name: "Priya Provider" });
  const offer = await listing(provider.id);
  const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 120, requestKey: randomUUID() }, prisma);
  if (stage === "cancelled") await cancelExchange(payer.id, { exchangeId: id }, prisma);
  if (stage === "accepted" || stage === "delivered" || stage === "confirmed") await acceptExchange(provider.id, { exchangeId: id }, prisma);
  if (stage === "delivered" || stage === "confirmed") await deliverExchange(provider.id, { exchangeId: id, minutesGiven: 90 }, prisma);
  if (stage === "confirmed") await confirmExchange(payer.id, { exchangeId: id }, prisma);
  return { payer, provider, id };
}

type StepFn = (actorId: string, exchangeId: string) => Promise<unknown>;
const STEPS: Record<string, StepFn> = {
  accept: (a, id) => acceptExchange(a, { exchangeId: id }, prisma),
  decline: (a, id) => declineExchange(a, { exchangeId: id }, prisma),
  cancel: (a, id) => cancelExchange(a, { exchangeId: id }, prisma),
  deliver: (a, id) => deliverExchange(a, { exchangeId: id, minutesGiven: 60 }, prisma),
  confirm: (a, id) => confirmExchange(a, { exchangeId: id }, prisma),
  dispute: (a, id) => disputeExchange(a, { exchangeId: id, reason: "That is not what we agreed." }, prisma),
  thank: (a, id) => thankExchange(a, { exchangeId: id, thanks: "Thanks" }, prisma),
};

describe("the wrong party", () => {
  it.each([
    ["proposed", "payer", "accept", /Only the other member can accept/],
    ["proposed", "payer", "decline", /Only the other member can decline/],
    ["accepted", "payer", "deliver", /Only the member who gives the help/],
    ["delivered", "provider", "confirm", /Only the member who was helped can confirm/],
    ["delivered", "provider", "dispute", /Only the member who was helped can dispute/],
    ["confirmed", "provider", "thank", /Only the member who was helped/],
  ] as const)("refuses, from %s, the %s's %s", async (stage, who, step, message) => {
    const { payer, provider, id } = await exchangeAt(stage);
    const actor = who === "payer" ? payer : provider;
    await expectRefusal(prisma, () => STEPS[step]!(actor.id, id), { code: "forbidden", message, memberIds: [payer.id, provider.id] });
  });

  it.each(Object.keys(STEPS))("answers not_found when a non-party tries to %s, as if there were no such exchange", async (step) => {
    const stage: Stage = step === "confirm" || step === "dispute" ? "delivered" : step === "deliver" ? "accepted" : step === "thank" ? "confirmed" : "proposed";
    const { payer, provider, id } = await exchangeAt(stage);
    const stranger = await createMember(prisma, { balanceMinutes: 600 });
    const err = await expectRefusal(prisma, () => STEPS[step]!(stranger.id, id), { code: "not_found", memberIds: [payer.id, provider.id, stranger.id] });
    const missing = await expectRefusal(prisma, () => STEPS[step]!(stranger.id, randomUUID()), { code: "not_found", memberIds: [payer.id, provider.id] });
    expect(err.message).toBe(missing.message);
  });

  it.each([
    ["pending", "provider", "accept", "proposed"],
    ["suspended", "provider", "accept", "proposed"],
    ["pending", "provider", "deliver", "accepted"],
    ["suspended", "payer", "confirm", "delivered"],
    ["suspended", "payer", "cancel", "accepted"],
    ["pending", "payer", "dispute", "delivered"],
  ] as const)("refuses a %s %s's %s", async (status, who, step, stage) => {
    const { payer, provider, id } = await exchangeAt(stage);
    const actor = who === "payer" ? payer : provider;
    await prisma.user.update({ where: { id: actor.id }, data: { status } });
    await expectRefusal(prisma, () => STEPS[step]!(actor.id, id), { code: "forbidden", memberIds: [payer.id, provider.id] });
  });

  it("refuses an unknown actor", async () => {
    const { payer, provider, id } = await exchangeAt("proposed");
    await expectRefusal(prisma, () => acceptExchange(randomUUID(), { exchangeId: id }, prisma), { code: "unauthenticated", memberIds: [payer.id, provider.id] });
  });
});

describe("the wrong state", () => {
  it.each([
    ["proposed", "provider", "deliver", /not been accepted yet/],
    ["proposed", "payer", "confirm", /not been accepted yet/],
    ["accepted", "payer", "confirm", /not been recorded as given yet/],
    ["accepted", "payer", "dispute", /not been recorded as given yet/],
    ["accepted", "payer", "decline", /already been accepted/],
    ["delivered", "payer", "cancel", /can no longer be cancelled/],
    ["delivered", "provider", "cancel", /can no longer be cancelled/],
    ["delivered", "provider", "deliver", /already been recorded/],
    ["confirmed", "provider", "deliver", /^This exchange has already been confirmed\.$/],
    ["confirmed", "payer", "cancel", /already been confirmed/],
    ["confirmed", "payer", "dispute", /already been confirmed/],
    ["cancelled", "provider", "accept", /was cancelled/],
    ["cancelled", "provider", "decline", /was cancelled/],
    ["delivered", "payer", "thank", /once the exchange is confirmed/],
  ] as const)("refuses, from %s, the %s's %s", async (stage, who, step, message) => {
    const { payer, provider, id } = await exchangeAt(stage);
    const actor = who === "payer" ? payer : provider;
    await expectRefusal(prisma, () => STEPS[step]!(actor.id, id), { code: "conflict", message, memberIds: [payer.id, provider.id] });
  });

  it("treats the same delivery sent twice as one, and refuses a different second delivery", async () => {
    const { payer, provider, id } = await exchangeAt("delivered");
    const before = await snapshotCounts(prisma);
    await expect(deliverExchange(provider.id, { exchangeId: id, minutesGiven: 90 }, prisma)).resolves.toMatchObject({ replayed: true, state: "delivered" });
    expect(await snapshotCounts(prisma)).toEqual(before);
    await expectRefusal(prisma, () => deliverExchange(provider.id, { exchangeId: id, minutesGiven: 60 }, prisma), {
      code: "conflict",
      message: /already been recorded/,
      memberIds: [payer.id, provider.id],
    });
  });

  it("confirms once when the payer confirms twice in a row", async () => {
    const { payer, provider, id } = await exchangeAt("delivered");
    await confirmExchange(payer.id, { exchangeId: id }, prisma);
    const before = await snapshotCounts(prisma);
    await expect(confirmExchange(payer.id, { exchangeId: id }, prisma)).resolves.toMatchObject({ replayed: true, state: "confirmed" });
    expect(await snapshotCounts(prisma)).toEqual(before);
    expect(await prisma.ledgerTransfer.count({ where: { exchangeId: id } })).toBe(1);
    expect(await balanceOf(prisma, provider.id)).toMatchObject({ balanceMinutes: 90 });
  });

  it("does not let the other party's cancellation pass as this member's retry", async () => {
    const { payer, provider, id } = await exchangeAt("accepted");
    await cancelExchange(payer.id, { exchangeId: id }, prisma);
    await expectRefusal(prisma, () => cancelExchange(provider.id, { exchangeId: id }, prisma), { code: "conflict", message: /was cancelled/, memberIds: [payer.id, provider.id] });
  });
});

describe("the floor", () => {
  it("refuses the provider's accept when the payer would go below their floor, without saying by how much", async () => {
    // Sam can commit 60 minutes: both proposals fit when made, the second no longer does once the first is held.
    const payer = await createMember(prisma, { name: "Sam Short", floorMinutes: -60 });
    const providerA = await createMember(prisma);
    const providerB = await createMember(prisma);
    const a = await proposeExchange(payer.id, { listingId: (await listing(providerA.id)).id, minutes: 45, requestKey: randomUUID() }, prisma);
    const b = await proposeExchange(payer.id, { listingId: (await listing(providerB.id)).id, minutes: 60, requestKey: randomUUID() }, prisma);
    await acceptExchange(providerA.id, { exchangeId: a.id }, prisma);
    const err = await expectRefusal(prisma, () => acceptExchange(providerB.id, { exchangeId: b.id }, prisma), {
      code: "below_floor",
      memberIds: [payer.id, providerA.id, providerB.id],
    });
    expect(err.message).toBe("Sam does not have enough hours available for this exchange just now. Decline it, or ask them to propose fewer hours.");
    expect(err.message).not.toMatch(/\d/);
    expect((await prisma.exchange.findUniqueOrThrow({ where: { id: b.id } })).state).toBe("proposed");
  });

  it("counts hours already held for other exchanges, and tells a payer who accepts that they are short", async () => {
    const owner = await createMember(prisma, { balanceMinutes: 60, floorMinutes: 0 });
    const helperA = await createMember(prisma);
    const helperB = await createMember(prisma);
    const request = await listing(owner.id, "request");
    const a = await proposeExchange(helperA.id, { listingId: request.id, minutes: 45, requestKey: randomUUID() }, prisma);
    const b = await proposeExchange(helperB.id, { listingId: request.id, minutes: 30, requestKey: randomUUID() }, prisma);
    await acceptExchange(owner.id, { exchangeId: a.id }, prisma);
    const err = await expectRefusal(prisma, () => acceptExchange(owner.id, { exchangeId: b.id }, prisma), { code: "below_floor", memberIds: [owner.id, helperA.id, helperB.id] });
    expect(err.message).toMatch(/^You do not have enough hours available for this exchange: you are 15 min short/);
  });

  it("refuses a payer's proposal for more than they can commit, saying how much they can, and changes nothing", async () => {
    // Can commit: 90 balance - 30 held - (-60 floor) = 120 minutes.
    const payer = await createMember(prisma, { name: "Sam Short", balanceMinutes: 90, floorMinutes: -60 });
    const other = await createMember(prisma);
    const held = await proposeExchange(payer.id, { listingId: (await listing(other.id)).id, minutes: 30, requestKey: randomUUID() }, prisma);
    await acceptExchange(other.id, { exchangeId: held.id }, prisma);
    const provider = await createMember(prisma);
    const offer = await listing(provider.id);
    const err = await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offer.id, minutes: 121, requestKey: randomUUID() }, prisma), {
      code: "below_floor",
      memberIds: [payer.id, provider.id, other.id],
    });
    const hint = "You can commit up to 2 h just now (your balance, less hours held, down to your floor). Ask for less, or give some help first.";
    expect((err as { fieldErrors?: Record<string, string[]> }).fieldErrors).toEqual({ minutes: [hint] });
    expect(err.message).toContain(hint);
    expect(await prisma.exchange.count({ where: { listingId: offer.id } })).toBe(0);
  });

  it("lets a payer propose exactly what they can commit", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 30, floorMinutes: -60 });
    const provider = await createMember(prisma);
    const offer = await listing(provider.id);
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 90, requestKey: randomUUID() }, prisma);
    expect((await prisma.exchange.findUniqueOrThrow({ where: { id } })).agreedMinutes).toBe(90);
    await acceptExchange(provider.id, { exchangeId: id }, prisma);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 30, heldMinutes: 90 });
  });

  it("tells a payer with nothing left that they can commit nothing", async () => {
    const payer = await createMember(prisma, { floorMinutes: 0 });
    const provider = await createMember(prisma);
    const offer = await listing(provider.id);
    const err = await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offer.id, minutes: 15, requestKey: randomUUID() }, prisma), {
      code: "below_floor",
      memberIds: [payer.id, provider.id],
    });
    expect((err as { fieldErrors?: Record<string, string[]> }).fieldErrors?.minutes?.[0]).toBe(
      `You can commit up to ${formatMinutes(0)} just now (your balance, less hours held, down to your floor). Ask for less, or give some help first.`,
    );
  });

  it("opens the account of a payer who has none, with the bank's default floor, and counts it", async () => {
    const payer = await prisma.user.create({
      data: { name: "Nia New", email: `new-${randomUUID()}@test.timebank.invalid`, emailVerified: new Date(), status: "active", profession: "Nurse", bio: "New", profileDoneAt: new Date(), approvedAt: new Date() },
    });
    await prisma.bankSettings.update({ where: { id: 1 }, data: { defaultFloorMinutes: -300 } });
    try {
      const provider = await createMember(prisma);
      const offer = await listing(provider.id);
      const err = await proposeExchange(payer.id, { listingId: offer.id, minutes: 301, requestKey: randomUUID() }, prisma).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "below_floor", fieldErrors: { minutes: [expect.stringMatching(/^You can commit up to 5 h just now/)] } });
      // The refusal rolled the new account back with everything else.
      expect(await prisma.ledgerAccount.count({ where: { memberId: payer.id } })).toBe(0);
      await expect(proposeExchange(payer.id, { listingId: offer.id, minutes: 300, requestKey: randomUUID() }, prisma)).resolves.toMatchObject({ replayed: false });
      expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 0, heldMinutes: 0, floorMinutes: -300 });
    } finally {
      await prisma.bankSettings.update({ where: { id: 1 }, data: { defaultFloorMinutes: -600 } });
    }
  });

  it("does not check the payer's hours when the provider offers to help on a request", async () => {
    const owner = await createMember(prisma, { floorMinutes: 0 });
    const helper = await createMember(prisma, { floorMinutes: 0 });
    const request = await listing(owner.id, "request");
    const { id } = await proposeExchange(helper.id, { listingId: request.id, minutes: 600, requestKey: randomUUID() }, prisma);
    expect(await prisma.exchange.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "proposed", payerId: owner.id, agreedMinutes: 600 });
    // The owner then learns, for their own hours, what is missing.
    const err = await expectRefusal(prisma, () => acceptExchange(owner.id, { exchangeId: id }, prisma), { code: "below_floor", memberIds: [owner.id, helper.id] });
    expect(err.message).toMatch(/you are 10 h short/);
  });
});

describe("bad input", () => {
  let setup: { payer: TestMember; provider: TestMember; offerId: string };
  async function offer() {
    if (setup) return setup;
    const payer = await createMember(prisma, { balanceMinutes: 600 });
    const provider = await createMember(prisma);
    const o = await listing(provider.id);
    setup = { payer, provider, offerId: o.id };
    return setup;
  }

  it.each([
    ["zero", 0],
    ["negative", -5],
    ["fractional", 1.5],
    ["under the 15-minute minimum", 14],
    ["over the 6000-minute maximum", 6001],
    ["not a number", "abc"],
    ["huge", 1e15],
    ["infinite", "Infinity"],
    ["missing", undefined],
    ["an object", { n: 1 }],
  ])("refuses a proposal whose minutes are %s", async (_what, minutes) => {
    const { payer, provider, offerId } = await offer();
    const err = await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offerId, minutes, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [payer.id, provider.id],
    });
    expect((err as { fieldErrors?: Record<string, string[]> }).fieldErrors?.minutes?.length).toBeGreaterThan(0);
  });

  it.each([
    ["negative hours", { hours: "-1", mins: "0" }],
    ["hours as text", { hours: "two", mins: "0" }],
    ["a fraction of a minute", { hours: "0.251", mins: "0" }],
    ["too many hours", { hours: "101", mins: "0" }],
  ])("refuses a proposal form with %s", async (_what, time) => {
    const { payer, provider, offerId } = await offer();
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offerId, ...time, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [payer.id, provider.id],
    });
  });

  it("refuses an over-long note, a missing or short request key, and a listing id that is not one", async () => {
    const { payer, provider, offerId } = await offer();
    const members = [payer.id, provider.id];
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offerId, minutes: 60, note: "x".repeat(1001), requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: members,
    });
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offerId, minutes: 60 }, prisma), { code: "invalid", memberIds: members });
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offerId, minutes: 60, requestKey: "short" }, prisma), { code: "invalid", memberIds: members });
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: "not-a-uuid", minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: members,
    });
    await expectRefusal(prisma, () => proposeExchange(payer.id, null, prisma), { code: "invalid", memberIds: members });
  });

  it("refuses proposals on your own, a closed or paused listing, an unknown one, or one whose owner is suspended", async () => {
    const { payer, provider, offerId } = await offer();
    const members = [payer.id, provider.id];
    await expectRefusal(prisma, () => proposeExchange(provider.id, { listingId: offerId, minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "forbidden",
      message: /your own listing/,
      memberIds: members,
    });
    const closed = await listing(provider.id, "offer", "closed");
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: closed.id, minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "conflict",
      message: /no longer open/,
      memberIds: members,
    });
    const paused = await listing(provider.id, "offer", "paused");
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: paused.id, minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "conflict",
      message: /no longer open/,
      memberIds: members,
    });
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: randomUUID(), minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "not_found",
      memberIds: members,
    });
    const suspended = await createMember(prisma, { status: "suspended" });
    const theirs = await listing(suspended.id);
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: theirs.id, minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "conflict",
      message: /cannot take part/,
      memberIds: members,
    });
  });

  it("refuses a proposal from a pending or suspended member", async () => {
    const { payer, provider, offerId } = await offer();
    for (const status of ["pending", "suspended"] as const) {
      const m = await createMember(prisma, { status, balanceMinutes: 600 });
      await expectRefusal(prisma, () => proposeExchange(m.id, { listingId: offerId, minutes: 60, requestKey: randomUUID() }, prisma), {
        code: "forbidden",
        memberIds: [payer.id, provider.id, m.id],
      });
    }
  });

  it.each([
    ["zero", 0],
    ["negative", -5],
    ["fractional", 1.5],
    ["more than agreed", 121],
    ["not a number", "abc"],
    ["huge", 1e15],
  ])("refuses a delivery whose minutes are %s", async (_what, minutesGiven) => {
    const { payer, provider, id } = await exchangeAt("accepted");
    const err = await expectRefusal(prisma, () => deliverExchange(provider.id, { exchangeId: id, minutesGiven }, prisma), { code: "invalid", memberIds: [payer.id, provider.id] });
    expect((err as { fieldErrors?: Record<string, string[]> }).fieldErrors?.minutesGiven?.length).toBeGreaterThan(0);
  });

  it("refuses an over-long delivery note, a short or over-long dispute reason, and empty or over-long thanks", async () => {
    const accepted = await exchangeAt("accepted");
    await expectRefusal(prisma, () => deliverExchange(accepted.provider.id, { exchangeId: accepted.id, minutesGiven: 60, note: "x".repeat(1001) }, prisma), {
      code: "invalid",
      memberIds: [accepted.payer.id, accepted.provider.id],
    });
    const delivered = await exchangeAt("delivered");
    const m = [delivered.payer.id, delivered.provider.id];
    for (const reason of ["Too short", " ".repeat(20), "x".repeat(1001), undefined, 42]) {
      await expectRefusal(prisma, () => disputeExchange(delivered.payer.id, { exchangeId: delivered.id, reason }, prisma), { code: "invalid", memberIds: m });
    }
    const confirmed = await exchangeAt("confirmed");
    const c = [confirmed.payer.id, confirmed.provider.id];
    for (const [thanks, learned] of [["", undefined], ["   ", undefined], ["x".repeat(1001), undefined], ["Thanks", "x".repeat(1001)]]) {
      await expectRefusal(prisma, () => thankExchange(confirmed.payer.id, { exchangeId: confirmed.id, thanks, learned }, prisma), { code: "invalid", memberIds: c });
    }
    await expectRefusal(prisma, () => confirmExchange(confirmed.payer.id, { exchangeId: "nope" }, prisma), { code: "invalid", memberIds: c });
  });

  it("refuses a decline reason over 500 characters or that is not text", async () => {
    const { payer, provider, id } = await exchangeAt("proposed");
    for (const reason of ["x".repeat(501), 42, { text: "no" }]) {
      const err = await expectRefusal(prisma, () => declineExchange(provider.id, { exchangeId: id, reason }, prisma), { code: "invalid", memberIds: [payer.id, provider.id] });
      expect((err as { fieldErrors?: Record<string, string[]> }).fieldErrors?.reason?.length).toBeGreaterThan(0);
    }
    await expect(declineExchange(provider.id, { exchangeId: id, reason: "x".repeat(500) }, prisma)).resolves.toMatchObject({ state: "declined" });
  });

  it("says 'at least 15 minutes', and 'at least 1 minute' for a delivery", async () => {
    const { payer, provider, id } = await exchangeAt("accepted");
    const offer = await listing(provider.id);
    const short = await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offer.id, minutes: 14, requestKey: randomUUID() }, prisma), {
      code: "invalid",
      memberIds: [payer.id, provider.id],
    });
    expect((short as { fieldErrors?: Record<string, string[]> }).fieldErrors?.minutes).toEqual(["The time must be at least 15 minutes."]);
    const none = await expectRefusal(prisma, () => deliverExchange(provider.id, { exchangeId: id, minutesGiven: 0 }, prisma), {
      code: "invalid",
      memberIds: [payer.id, provider.id],
    });
    expect((none as { fieldErrors?: Record<string, string[]> }).fieldErrors?.minutesGiven).toEqual(["The time given must be at least 1 minute."]);
  });
});
