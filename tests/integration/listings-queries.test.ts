// Who may see one listing, a member's own list, and the small reads other pages reuse.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createListing } from "../../lib/listings/create-listing";
import {
  getListingForEdit,
  getListingForProposal,
  getListingForViewer,
  listMyListings,
  organisationNameOf,
  listRegionsForSelect,
  listSkillsForSelect,
} from "../../lib/listings/queries";
import { setListingStatus } from "../../lib/listings/set-listing-status";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma, "Measurement for improvement");
await createSkill(prisma, "Appreciative inquiry");

async function offer(ownerId: string, title = "Help choosing measures for your project") {
  return createListing(
    ownerId,
    { kind: "offer", title, description: "A conversation about outcome, process and balancing measures.", skillId: skill.id, hours: 1, mins: 0 },
    prisma,
  );
}

describe("one listing, as each viewer sees it", () => {
  it("shows an open listing of an active member to anyone, with the owner's first name, profession and organisation", async () => {
    const region = await prisma.region.create({ data: { name: `North ${randomUUID()}` } });
    const org = await prisma.organisation.create({ data: { name: `Trust ${randomUUID()}`, kind: "Acute trust", regionId: region.id } });
    const owner = await createMember(prisma, { name: "Amira Okafor" });
    await prisma.user.update({ where: { id: owner.id }, data: { organisationId: org.id, regionId: region.id, profession: "Physiotherapist" } });
    const listing = await offer(owner.id);
    const other = await createMember(prisma);
    for (const viewer of [null, other.id]) {
      const seen = await getListingForViewer(listing.id, viewer, prisma);
      expect(seen).toMatchObject({
        id: listing.id,
        status: "open",
        isOwner: false,
        skill: { name: "Measurement for improvement" },
        owner: { id: owner.id, firstName: "Amira", profession: "Physiotherapist", organisationName: org.name, regionName: region.name, active: true },
      });
      expect(JSON.stringify(seen)).not.toContain(owner.email);
    }
    expect((await getListingForViewer(listing.id, owner.id, prisma))?.isOwner).toBe(true);
  });

  it.each([["paused"], ["closed"]] as const)("shows a %s listing to its owner only", async (status) => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma);
    const listing = await offer(owner.id);
    await setListingStatus(owner.id, { listingId: listing.id, status }, prisma);
    expect((await getListingForViewer(listing.id, owner.id, prisma))?.status).toBe(status);
    expect(await getListingForViewer(listing.id, other.id, prisma)).toBeNull();
    expect(await getListingForViewer(listing.id, null, prisma)).toBeNull();
  });

  it.each([["pending"], ["suspended"]] as const)("hides the open listing of a %s owner from others", async (status) => {
    const owner = await createMember(prisma);
    const listing = await offer(owner.id);
    await prisma.user.update({ where: { id: owner.id }, data: { status } });
    expect(await getListingForViewer(listing.id, null, prisma)).toBeNull();
    expect((await getListingForViewer(listing.id, owner.id, prisma))?.owner.active).toBe(false);
  });

  it("finds nothing for an unknown id or one that is not an id", async () => {
    expect(await getListingForViewer(randomUUID(), null, prisma)).toBeNull();
    expect(await getListingForViewer("'; DROP TABLE listings; --", null, prisma)).toBeNull();
  });

  it("gives the edit form only the owner's listing, and not once it is closed", async () => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma);
    const listing = await offer(owner.id);
    expect((await getListingForEdit(listing.id, owner.id, prisma))?.estimatedMinutes).toBe(60);
    expect(await getListingForEdit(listing.id, other.id, prisma)).toBeNull();
    await setListingStatus(owner.id, { listingId: listing.id, status: "closed" }, prisma);
    expect(await getListingForEdit(listing.id, owner.id, prisma)).toBeNull();
  });
});

describe("a listing for a proposal", () => {
  it("tells the exchanges code its kind, owner, status, time and whether the owner is active", async () => {
    const owner = await createMember(prisma);
    const listing = await offer(owner.id);
    expect(await getListingForProposal(listing.id, prisma)).toEqual({
      id: listing.id,
      kind: "offer",
      title: listing.title,
      ownerId: owner.id,
      status: "open",
      estimatedMinutes: 60,
      ownerActive: true,
    });
    await prisma.user.update({ where: { id: owner.id }, data: { status: "suspended" } });
    expect((await getListingForProposal(listing.id, prisma))?.ownerActive).toBe(false);
    expect(await getListingForProposal(randomUUID(), prisma)).toBeNull();
    expect(await getListingForProposal("not-an-id", prisma)).toBeNull();
  });
});

describe("my offers and requests", () => {
  it("lists only the member's own, open first, with counts by status, and filters by status", async () => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma);
    const open = await offer(owner.id, "Still open");
    const paused = await offer(owner.id, "Paused for now");
    const closed = await offer(owner.id, "All done");
    await offer(other.id, "Someone else's");
    await setListingStatus(owner.id, { listingId: paused.id, status: "paused" }, prisma);
    await setListingStatus(owner.id, { listingId: closed.id, status: "closed" }, prisma);

    const all = await listMyListings(owner.id, {}, prisma);
    expect(all.listings.map((l) => l.id)).toEqual([open.id, paused.id, closed.id]);
    expect(all.counts).toEqual({ open: 1, paused: 1, closed: 1 });
    expect(all.listings[0]).toMatchObject({ title: "Still open", skillName: "Measurement for improvement", estimatedMinutes: 60 });

    const onlyPaused = await listMyListings(owner.id, { status: "paused" }, prisma);
    expect(onlyPaused.listings.map((l) => l.id)).toEqual([paused.id]);
    expect(onlyPaused.counts).toEqual({ open: 1, paused: 1, closed: 1 });
  });

  it("is empty for a member with none", async () => {
    const member = await createMember(prisma);
    expect(await listMyListings(member.id, {}, prisma)).toEqual({ listings: [], counts: { open: 0, paused: 0, closed: 0 } });
  });
});

describe("choices for select boxes", () => {
  it("lists skills and regions sorted by name, and names an organisation by its id", async () => {
    await prisma.region.createMany({ data: [{ name: "zz South West" }, { name: "aa East" }] });
    await prisma.organisation.createMany({ data: [{ name: "zz Care Group", kind: "Care home group" }, { name: "aa Practice", kind: "General practice" }] });
    const skills = await listSkillsForSelect(prisma);
    expect(skills.map((s) => s.name)).toEqual(["Appreciative inquiry", "Measurement for improvement"]);
    const regions = (await listRegionsForSelect(prisma)).map((r) => r.name);
    expect(regions).toEqual([...regions].sort((a, b) => a.localeCompare(b, "en-GB", { sensitivity: "base" })));
    expect(regions[0]).toBe("aa East");
    const practice = await prisma.organisation.findFirstOrThrow({ where: { name: "aa Practice" } });
    expect(await organisationNameOf(practice.id, prisma)).toBe("aa Practice");
    expect(await organisationNameOf("00000000-0000-4000-8000-000000000000", prisma)).toBeNull();
    expect(await organisationNameOf("not an id", prisma)).toBeNull();
  });
});
