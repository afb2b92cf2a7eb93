// Offers and requests: creating, editing, pausing, reopening and closing them. Only the owner,
// only while active, never once closed; every refusal changes nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createListing } from "../../lib/listings/create-listing";
import { bankToday } from "../../lib/listings/rules";
import { MAX_TAGS } from "../../lib/listings/schemas";
import { setListingStatus } from "../../lib/listings/set-listing-status";
import { updateListing } from "../../lib/listings/update-listing";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, snapshotCounts } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma, "Statistical process control");
const otherSkill = await createSkill(prisma, "Process mapping");

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function offerInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: "offer",
    title: "I can coach you through your first SPC chart",
    description: "An hour on a call: we build a run chart then an SPC chart from your own data.",
    skillId: skill.id,
    tags: "Run charts, SPC , run charts, #Excel",
    hours: "1",
    mins: "30",
    wantedBy: "",
    ...overrides,
  };
}

function requestInput(overrides: Record<string, unknown> = {}) {
  return offerInput({
    kind: "request",
    title: "Help us map our discharge process",
    description: "Our ward wants to map discharge from decision to departure with the whole team.",
    skillId: otherSkill.id,
    tags: ["discharge", "flow"],
    hours: "3",
    mins: "0",
    wantedBy: isoDay(new Date(bankToday().getTime() + 14 * DAY_MS)),
    ...overrides,
  });
}

async function ownOffer(ownerId: string, overrides: Record<string, unknown> = {}) {
  return createListing(ownerId, offerInput(overrides), prisma);
}

describe("creating an offer or a request", () => {
  it("creates an open offer with tidied tags and the time in whole minutes", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    expect(listing).toMatchObject({
      kind: "offer",
      status: "open",
      ownerId: owner.id,
      title: "I can coach you through your first SPC chart",
      skillId: skill.id,
      tags: ["run charts", "spc", "excel"],
      estimatedMinutes: 90,
      wantedBy: null,
    });
    const stored = await prisma.$queryRaw<{ has_vector: boolean }[]>`
      SELECT search_vector IS NOT NULL AS has_vector FROM listings WHERE id = ${listing.id}::uuid`;
    expect(stored[0]?.has_vector).toBe(true);
  });

  it("creates a request with a wanted-by date, which may be today", async () => {
    const owner = await createMember(prisma);
    const today = bankToday();
    const listing = await createListing(owner.id, requestInput({ wantedBy: isoDay(today) }), prisma);
    expect(listing.kind).toBe("request");
    expect(listing.wantedBy?.toISOString()).toBe(today.toISOString());
    expect(listing.estimatedMinutes).toBe(180);
  });

  it("accepts minutes alone, and numbers as well as strings", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id, { hours: "", mins: 45 });
    expect(listing.estimatedMinutes).toBe(45);
    const max = await ownOffer(owner.id, { hours: 100, mins: 0 });
    expect(max.estimatedMinutes).toBe(6000);
  });

  it("reads hours and minutes by the one rule for typed time: fractional hours, and the two boxes added", async () => {
    const owner = await createMember(prisma);
    expect((await ownOffer(owner.id, { hours: "1.5", mins: "0" })).estimatedMinutes).toBe(90);
    expect((await ownOffer(owner.id, { hours: "0", mins: "90" })).estimatedMinutes).toBe(90);
    expect((await ownOffer(owner.id, { hours: undefined, mins: undefined, estimatedMinutes: 75 })).estimatedMinutes).toBe(75);
  });

  it("returns the same listing when the same form (requestKey) is submitted again", async () => {
    const owner = await createMember(prisma);
    const requestKey = randomUUID();
    const first = await ownOffer(owner.id, { requestKey });
    const before = await snapshotCounts(prisma);
    const again = await ownOffer(owner.id, { requestKey, title: "A changed title on the retry" });
    expect(again.id).toBe(first.id);
    expect(again.title).toBe(first.title);
    expect(await snapshotCounts(prisma)).toEqual(before);
  });

  it("makes one listing when two submissions with one requestKey race", async () => {
    const owner = await createMember(prisma);
    const requestKey = randomUUID();
    const [a, b] = await Promise.all([ownOffer(owner.id, { requestKey }), ownOffer(owner.id, { requestKey })]);
    expect(a.id).toBe(b.id);
    expect(await prisma.listing.count({ where: { requestKey } })).toBe(1);
  });

  it("refuses another member's requestKey and changes nothing", async () => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma);
    const requestKey = randomUUID();
    await ownOffer(owner.id, { requestKey });
    const err = await expectRefusal(prisma, () => ownOffer(other.id, { requestKey }));
    expect(err.code).toBe("conflict");
  });

  it.each([
    ["pending", { status: "pending" as const }, "forbidden"],
    ["suspended", { status: "suspended" as const }, "forbidden"],
    ["without a finished profile", { profileDone: false }, "forbidden"],
  ])("refuses a member who is %s and changes nothing", async (_what, options, code) => {
    const member = await createMember(prisma, options);
    const err = await expectRefusal(prisma, () => ownOffer(member.id));
    expect(err.code).toBe(code);
  });

  it("refuses an unknown member and changes nothing", async () => {
    const err = await expectRefusal(prisma, () => ownOffer(randomUUID()));
    expect(err.code).toBe("unauthenticated");
  });

  const badInputs: [string, Record<string, unknown>, string][] = [
    ["a missing title", { title: undefined }, "title"],
    ["a blank title", { title: "   " }, "title"],
    ["a two-character title", { title: "ab" }, "title"],
    ["a title over 120 characters", { title: "x".repeat(121) }, "title"],
    ["a title that is not text", { title: 42 }, "title"],
    ["a short description", { description: "Too short" }, "description"],
    ["a description over 2000 characters", { description: "y".repeat(2001) }, "description"],
    ["no skill", { skillId: "" }, "skillId"],
    ["a skill id that is not an id", { skillId: "spc" }, "skillId"],
    ["an unknown skill", { skillId: randomUUID() }, "skillId"],
    ["too many tags", { tags: Array.from({ length: MAX_TAGS + 1 }, (_, i) => `tag${i}`) }, "tags"],
    ["a one-letter tag", { tags: "a, spc" }, "tags"],
    ["a tag over 30 characters", { tags: "z".repeat(31) }, "tags"],
    ["a tag that is not text", { tags: [12] }, "tags"],
    ["no time at all", { hours: "", mins: "" }, "estimatedMinutes"],
    ["less than 15 minutes", { hours: "0", mins: "10" }, "estimatedMinutes"],
    ["more than 100 hours", { hours: "100", mins: "1" }, "estimatedMinutes"],
    ["huge hours", { hours: "1000000", mins: "0" }, "estimatedMinutes"],
    ["fractional minutes", { hours: "1", mins: "1.5" }, "estimatedMinutes"],
    ["hours that are not whole minutes", { hours: "0.251", mins: "0" }, "estimatedMinutes"],
    ["negative minutes", { hours: "2", mins: "-30" }, "estimatedMinutes"],
    ["negative hours", { hours: "-1", mins: "30" }, "estimatedMinutes"],
    ["minutes that are not a number", { mins: "half an hour" }, "estimatedMinutes"],
    ["infinite hours", { hours: Infinity }, "estimatedMinutes"],
    ["an unknown kind", { kind: "gift" }, "kind"],
    ["a malformed wanted-by date", { kind: "request", wantedBy: "next Tuesday" }, "wantedBy"],
    ["an impossible wanted-by date", { kind: "request", wantedBy: "2031-02-30" }, "wantedBy"],
    ["a wanted-by date on an offer", { kind: "offer", wantedBy: isoDay(new Date(bankToday().getTime() + 7 * DAY_MS)) }, "wantedBy"],
    ["a wanted-by date in the past", { kind: "request", wantedBy: isoDay(new Date(bankToday().getTime() - DAY_MS)) }, "wantedBy"],
    ["a wanted-by date years ahead", { kind: "request", wantedBy: isoDay(new Date(bankToday().getTime() + 1000 * DAY_MS)) }, "wantedBy"],
    ["a request key that is too short", { requestKey: "abc" }, "requestKey"],
  ];

  it.each(badInputs)("refuses %s with a message on that field and changes nothing", async (_what, overrides, field) => {
    const owner = await createMember(prisma);
    const err = await expectRefusal(prisma, () => ownOffer(owner.id, overrides));
    expect(err.code).toBe("invalid");
    expect(err.fieldErrors?.[field]?.length, JSON.stringify(err.fieldErrors)).toBeGreaterThan(0);
  });

  it("refuses input that is not an object", async () => {
    const owner = await createMember(prisma);
    const err = await expectRefusal(prisma, () => createListing(owner.id, "DROP TABLE listings", prisma));
    expect(err.code).toBe("invalid");
  });
});

describe("editing an offer or a request", () => {
  const edit = (listingId: string, overrides: Record<string, unknown> = {}) => ({
    listingId,
    title: "Edited: SPC chart coaching",
    description: "Now two hours, with a follow-up call a week later to look at new points.",
    skillId: otherSkill.id,
    tags: "spc, follow-up",
    hours: "2",
    mins: "15",
    wantedBy: "",
    ...overrides,
  });

  it("lets the owner change every field", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    const updated = await updateListing(owner.id, edit(listing.id), prisma);
    expect(updated).toMatchObject({
      id: listing.id,
      title: "Edited: SPC chart coaching",
      skillId: otherSkill.id,
      tags: ["spc", "follow-up"],
      estimatedMinutes: 135,
      status: "open",
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(listing.updatedAt.getTime());
  });

  it("lets the owner edit a paused listing, which stays paused", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    await setListingStatus(owner.id, { listingId: listing.id, status: "paused" }, prisma);
    const updated = await updateListing(owner.id, edit(listing.id), prisma);
    expect(updated.status).toBe("paused");
  });

  it("changes a request's wanted-by date, and can clear it", async () => {
    const owner = await createMember(prisma);
    const listing = await createListing(owner.id, requestInput(), prisma);
    const later = isoDay(new Date(bankToday().getTime() + 30 * DAY_MS));
    expect(isoDay((await updateListing(owner.id, edit(listing.id, { wantedBy: later }), prisma)).wantedBy!)).toBe(later);
    expect((await updateListing(owner.id, edit(listing.id, { wantedBy: "" }), prisma)).wantedBy).toBeNull();
  });

  it("keeps a wanted-by date that has since passed when the owner edits something else", async () => {
    const owner = await createMember(prisma);
    const listing = await createListing(owner.id, requestInput(), prisma);
    const past = new Date(bankToday().getTime() - 3 * DAY_MS);
    await prisma.listing.update({ where: { id: listing.id }, data: { wantedBy: past } });
    const updated = await updateListing(owner.id, edit(listing.id, { wantedBy: isoDay(past) }), prisma);
    expect(updated.wantedBy?.toISOString()).toBe(past.toISOString());
  });

  it("refuses another member and changes nothing", async () => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    const err = await expectRefusal(prisma, () => updateListing(other.id, edit(listing.id), prisma));
    expect(err.code).toBe("forbidden");
  });

  it.each([["pending"], ["suspended"]] as const)("refuses an owner who is now %s and changes nothing", async (status) => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    await prisma.user.update({ where: { id: owner.id }, data: { status } });
    const err = await expectRefusal(prisma, () => updateListing(owner.id, edit(listing.id), prisma));
    expect(err.code).toBe("forbidden");
  });

  it("refuses an unknown listing and changes nothing", async () => {
    const owner = await createMember(prisma);
    const err = await expectRefusal(prisma, () => updateListing(owner.id, edit(randomUUID()), prisma));
    expect(err.code).toBe("not_found");
  });

  it("refuses a listing id that is not an id and changes nothing", async () => {
    const owner = await createMember(prisma);
    const err = await expectRefusal(prisma, () => updateListing(owner.id, edit("1 OR 1=1"), prisma));
    expect(err.code).toBe("invalid");
  });

  it("refuses to edit a closed listing and changes nothing", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    await setListingStatus(owner.id, { listingId: listing.id, status: "closed" }, prisma);
    const err = await expectRefusal(prisma, () => updateListing(owner.id, edit(listing.id), prisma));
    expect(err.code).toBe("conflict");
  });

  it("refuses a wanted-by date on an offer and changes nothing", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    const err = await expectRefusal(prisma, () =>
      updateListing(owner.id, edit(listing.id, { wantedBy: isoDay(new Date(bankToday().getTime() + 7 * DAY_MS)) }), prisma));
    expect(err.fieldErrors?.wantedBy).toBeDefined();
  });

  it("refuses a new wanted-by date in the past and changes nothing", async () => {
    const owner = await createMember(prisma);
    const listing = await createListing(owner.id, requestInput(), prisma);
    const err = await expectRefusal(prisma, () =>
      updateListing(owner.id, edit(listing.id, { wantedBy: isoDay(new Date(bankToday().getTime() - DAY_MS)) }), prisma));
    expect(err.fieldErrors?.wantedBy).toBeDefined();
  });

  it.each([
    ["a short title", { title: "no" }, "title"],
    ["fractional minutes", { mins: "0.25" }, "estimatedMinutes"],
    ["too long in total", { hours: "100", mins: "30" }, "estimatedMinutes"],
    ["an unknown skill", { skillId: randomUUID() }, "skillId"],
    ["nine tags", { tags: "aa, bb, cc, dd, ee, ff, gg, hh, ii" }, "tags"],
  ])("refuses %s and changes nothing", async (_what, overrides, field) => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    const err = await expectRefusal(prisma, () => updateListing(owner.id, edit(listing.id, overrides), prisma));
    expect(err.code).toBe("invalid");
    expect(err.fieldErrors?.[field]).toBeDefined();
  });
});

describe("pausing, reopening and closing", () => {
  it("pauses an open listing and reopens it", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    expect((await setListingStatus(owner.id, { listingId: listing.id, status: "paused" }, prisma)).status).toBe("paused");
    expect((await setListingStatus(owner.id, { listingId: listing.id, status: "open" }, prisma)).status).toBe("open");
  });

  it("closes an open listing, and a paused one", async () => {
    const owner = await createMember(prisma);
    const open = await ownOffer(owner.id);
    const paused = await ownOffer(owner.id);
    await setListingStatus(owner.id, { listingId: paused.id, status: "paused" }, prisma);
    expect((await setListingStatus(owner.id, { listingId: open.id, status: "closed" }, prisma)).status).toBe("closed");
    expect((await setListingStatus(owner.id, { listingId: paused.id, status: "closed" }, prisma)).status).toBe("closed");
  });

  it("treats asking for the status it already has as done, changing nothing", async () => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    const before = await snapshotCounts(prisma);
    expect((await setListingStatus(owner.id, { listingId: listing.id, status: "open" }, prisma)).status).toBe("open");
    expect(await snapshotCounts(prisma)).toEqual(before);
  });

  it.each([["open"], ["paused"]] as const)("refuses to make a closed listing %s again and changes nothing", async (status) => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    await setListingStatus(owner.id, { listingId: listing.id, status: "closed" }, prisma);
    const err = await expectRefusal(prisma, () => setListingStatus(owner.id, { listingId: listing.id, status }, prisma));
    expect(err.code).toBe("conflict");
  });

  it("refuses another member and changes nothing", async () => {
    const owner = await createMember(prisma);
    const other = await createMember(prisma, { role: "admin" });
    const listing = await ownOffer(owner.id);
    const err = await expectRefusal(prisma, () => setListingStatus(other.id, { listingId: listing.id, status: "closed" }, prisma));
    expect(err.code).toBe("forbidden");
  });

  it.each([["pending"], ["suspended"]] as const)("refuses an owner who is now %s and changes nothing", async (status) => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    await prisma.user.update({ where: { id: owner.id }, data: { status } });
    const err = await expectRefusal(prisma, () => setListingStatus(owner.id, { listingId: listing.id, status: "paused" }, prisma));
    expect(err.code).toBe("forbidden");
  });

  it("refuses an unknown listing and changes nothing", async () => {
    const owner = await createMember(prisma);
    const err = await expectRefusal(prisma, () => setListingStatus(owner.id, { listingId: randomUUID(), status: "paused" }, prisma));
    expect(err.code).toBe("not_found");
  });

  it.each([["deleted"], [""], [null]])("refuses the status %j and changes nothing", async (status) => {
    const owner = await createMember(prisma);
    const listing = await ownOffer(owner.id);
    const err = await expectRefusal(prisma, () => setListingStatus(owner.id, { listingId: listing.id, status }, prisma));
    expect(err.fieldErrors?.status).toBeDefined();
  });
});
