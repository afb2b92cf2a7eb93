// Who an exchange may involve: an exchange cannot be agreed with a member who is no longer active,
// and the propose form shows others only listings they could see on the listing page.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { getProposalContext } from "../../lib/exchanges/queries";
import { getPublicProfile } from "../../lib/members/queries";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, snapshotCounts } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function offerBy(ownerId: string, status: "open" | "paused" | "closed" = "open") {
  return prisma.listing.create({
    data: { kind: "offer", ownerId, title: "I can coach a PDSA cycle", description: "Plan, do, study, act", skillId: skill.id, estimatedMinutes: 60, status },
  });
}

describe("agreeing an exchange", () => {
  it("refuses to accept when the member who proposed has been suspended since, and holds nothing", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 120 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const ex = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
    await prisma.user.update({ where: { id: payer.id }, data: { status: "suspended" } });
    const before = await snapshotCounts(prisma);

    await expect(acceptExchange(provider.id, { exchangeId: ex.id }, prisma)).rejects.toMatchObject({ code: "conflict" });
    expect(await snapshotCounts(prisma)).toEqual(before);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 120, heldMinutes: 0 });
  });
});

describe("the propose form's view of a listing", () => {
  it("shows another member an open listing of an active member", async () => {
    const owner = await createMember(prisma);
    const viewer = await createMember(prisma);
    const offer = await offerBy(owner.id);
    expect(await getProposalContext(offer.id, viewer.id, prisma)).toMatchObject({ refusal: null, role: "payer" });
  });

  it("hides paused and closed listings, and those of members who are not active, from others", async () => {
    const owner = await createMember(prisma);
    const viewer = await createMember(prisma);
    for (const status of ["paused", "closed"] as const) {
      const l = await offerBy(owner.id, status);
      expect(await getProposalContext(l.id, viewer.id, prisma)).toBeNull();
      expect((await getProposalContext(l.id, owner.id, prisma))?.refusal).toMatch(/own listing/);
    }
    const suspended = await createMember(prisma, { status: "suspended" });
    const theirs = await offerBy(suspended.id);
    expect(await getProposalContext(theirs.id, viewer.id, prisma)).toBeNull();
  });
});

describe("profiles by id", () => {
  it("answers no profile for an id that only looks like a uuid, instead of failing", async () => {
    const viewer = await createMember(prisma);
    for (const bad of ["-".repeat(36), "a".repeat(36), "not-a-uuid", ""]) {
      expect(await getPublicProfile(viewer.id, bad, prisma)).toBeNull();
    }
  });
});
