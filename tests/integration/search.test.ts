// Browsing and full-text search: open listings of active members only, ranked by relevance then
// newest, every filter, pagination, and input that tries to be SQL is only ever text.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import {
  BROWSE_COUNT_LIMIT,
  BROWSE_PAGE_SIZE,
  parseBrowseParams,
  SEARCH_RANK_LIMIT,
  SEARCH_WINDOW,
  searchListings as search,
  type BrowseFilters,
} from "../../lib/listings/queries";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const spc = await createSkill(prisma, "Statistical process control");
const mapping = await createSkill(prisma, "Process mapping");

const searchListings = (f: BrowseFilters) => search(f, prisma);
const word = () => randomBytes(6).toString("hex");
let clock = Date.parse("2026-01-01T09:00:00Z");

/** A place of work of its own, so each test can look at only its listings. */
async function organisation(prisma: PrismaClient) {
  const region = await prisma.region.create({ data: { name: `Region ${word()}` } });
  const org = await prisma.organisation.create({ data: { name: `Trust ${word()}`, kind: "Acute trust", regionId: region.id } });
  return { org, region };
}

async function memberAt(place: { org: { id: string }; region: { id: string } }, status: "active" | "pending" | "suspended" = "active") {
  const m = await createMember(prisma, { status });
  await prisma.user.update({ where: { id: m.id }, data: { organisationId: place.org.id, regionId: place.region.id } });
  return m;
}

/** A listing made straight in the table (the trigger keeps its search vector), each newer than the last. */
async function listing(
  ownerId: string,
  data: { title?: string; description?: string; kind?: "offer" | "request"; skillId?: string; tags?: string[]; status?: "open" | "paused" | "closed" } = {},
) {
  clock += 60_000;
  return prisma.listing.create({
    data: {
      ownerId,
      kind: data.kind ?? "offer",
      title: data.title ?? "Help with a quality improvement project",
      description: data.description ?? "An hour of friendly help from someone who has done it before.",
      skillId: data.skillId ?? spc.id,
      tags: data.tags ?? [],
      estimatedMinutes: 60,
      status: data.status ?? "open",
      createdAt: new Date(clock),
    },
  });
}

const filters = (f: Partial<BrowseFilters>): BrowseFilters => ({ q: "", kind: null, skillId: null, organisationId: null, organisationName: "", regionId: null, page: 1, ...f });
const ids = (r: { listings: { id: string }[] }) => r.listings.map((l) => l.id);

describe("full-text search", () => {
  it("ranks a title match above a newer description match", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const inTitle = await listing(owner.id, { title: "Control chart coaching for beginners" });
    const inDescription = await listing(owner.id, { title: "Measurement for improvement", description: "We will also look at a control chart of your data together." });
    await listing(owner.id, { title: "Unrelated workshop facilitation" });
    const result = await searchListings(filters({ q: "control chart", organisationId: place.org.id }));
    expect(ids(result)).toEqual([inTitle.id, inDescription.id]);
    expect(result.total).toBe(2);
  });

  it("finds a word by its stem: 'charts' finds 'chart' and 'mapped' finds 'mapping'", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const chart = await listing(owner.id, { title: "One run chart, explained" });
    const map = await listing(owner.id, { title: "Patient journey mapping session", skillId: mapping.id });
    expect(ids(await searchListings(filters({ q: "charts", organisationId: place.org.id })))).toEqual([chart.id]);
    expect(ids(await searchListings(filters({ q: "mapped journeys", organisationId: place.org.id })))).toEqual([map.id]);
  });

  it("finds a listing by its tags and by its skill's name", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const tagged = await listing(owner.id, { title: "Board reporting help", tags: ["dashboards", "power bi"] });
    const bySkill = await listing(owner.id, { title: "Walk the patient pathway with us", skillId: mapping.id });
    expect(ids(await searchListings(filters({ q: "dashboard", organisationId: place.org.id })))).toEqual([tagged.id]);
    expect(ids(await searchListings(filters({ q: "process mapping", organisationId: place.org.id })))).toEqual([bySkill.id]);
  });

  it("understands quoted phrases and excluded words (web search syntax)", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const phrase = await listing(owner.id, { title: "Run chart rules in practice" });
    const other = await listing(owner.id, { title: "Chart design: run the numbers" });
    expect(ids(await searchListings(filters({ q: '"run chart"', organisationId: place.org.id })))).toEqual([phrase.id]);
    expect(ids(await searchListings(filters({ q: "chart -rules", organisationId: place.org.id })))).toEqual([other.id]);
  });

  it.each([
    ["'); DROP TABLE listings; --", "'); DROP TABLE listings; --"],
    ["%_", "%_"],
    ["' OR 1=1 --", "' OR 1=1 --"],
    ["a backslash", "\\"],
    ["tsquery operators", "a & | ! :* <-> ("],
    ["an emoji", "🙂"],
    ["5,000 letters", "x".repeat(5000)],
  ])(
    "treats %s as text: no error, nothing changed",
    async (_what, q) => {
      const place = await organisation(prisma);
      const owner = await memberAt(place);
      await listing(owner.id, { title: "Something that matches nothing odd" });
      const before = await prisma.listing.count();
      const result = await searchListings(filters({ q, organisationId: place.org.id }));
      expect(result.listings.every((l) => l.title.includes("matches nothing"))).toBe(true);
      expect(await prisma.listing.count()).toBe(before);
      const parsed = parseBrowseParams({ q });
      await expect(searchListings(parsed)).resolves.toMatchObject({ page: 1 });
    },
  );

  it("does not treat % and _ as wildcards", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    await listing(owner.id, { title: "A listing with ordinary words" });
    expect((await searchListings(filters({ q: "%", organisationId: place.org.id }))).total).toBe(0);
    expect((await searchListings(filters({ q: "_", organisationId: place.org.id }))).total).toBe(0);
  });
});

describe("what browse shows", () => {
  it("shows only open listings of active members", async () => {
    const place = await organisation(prisma);
    const active = await memberAt(place);
    const shown = await listing(active.id, { title: "Open and shown" });
    await listing(active.id, { title: "Paused and hidden", status: "paused" });
    await listing(active.id, { title: "Closed and hidden", status: "closed" });
    const pending = await memberAt(place, "pending");
    await listing(pending.id, { title: "Pending owner, hidden" });
    const suspended = await memberAt(place, "suspended");
    await listing(suspended.id, { title: "Suspended owner, hidden" });
    const result = await searchListings(filters({ organisationId: place.org.id }));
    expect(ids(result)).toEqual([shown.id]);
    expect((await searchListings(filters({ q: "hidden", organisationId: place.org.id }))).total).toBe(0);
  });

  it("lists newest first without a query", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const first = await listing(owner.id);
    const second = await listing(owner.id, { kind: "request" });
    const third = await listing(owner.id);
    expect(ids(await searchListings(filters({ organisationId: place.org.id })))).toEqual([third.id, second.id, first.id]);
  });

  it("shows the owner's first name and organisation, never their email", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    await prisma.user.update({ where: { id: owner.id }, data: { name: "Priya Shah" } });
    await listing(owner.id);
    const [card] = (await searchListings(filters({ organisationId: place.org.id }))).listings;
    expect(card).toMatchObject({ ownerFirstName: "Priya", organisationName: place.org.name, skillName: "Statistical process control" });
    expect(JSON.stringify(card)).not.toContain("@");
  });

  it("filters by kind", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const offer = await listing(owner.id, { kind: "offer" });
    const request = await listing(owner.id, { kind: "request" });
    expect(ids(await searchListings(filters({ kind: "offer", organisationId: place.org.id })))).toEqual([offer.id]);
    expect(ids(await searchListings(filters({ kind: "request", organisationId: place.org.id })))).toEqual([request.id]);
    expect(ids(await searchListings(filters({ kind: null, organisationId: place.org.id })))).toEqual([request.id, offer.id]);
  });

  it("filters by skill", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    await listing(owner.id, { skillId: spc.id });
    const mapped = await listing(owner.id, { skillId: mapping.id });
    expect(ids(await searchListings(filters({ skillId: mapping.id, organisationId: place.org.id })))).toEqual([mapped.id]);
  });

  it("filters by the owner's organisation and by the owner's region", async () => {
    const here = await organisation(prisma);
    const there = await organisation(prisma);
    const a = await memberAt(here);
    const b = await memberAt(there);
    const mine = await listing(a.id);
    const theirs = await listing(b.id);
    expect(ids(await searchListings(filters({ organisationId: here.org.id })))).toEqual([mine.id]);
    expect(ids(await searchListings(filters({ regionId: there.region.id })))).toEqual([theirs.id]);
    expect(ids(await searchListings(filters({ organisationId: here.org.id, regionId: there.region.id })))).toEqual([]);
  });

  it("filters by part of the organisation's name, in any case, with % and _ as themselves", async () => {
    const tag = word();
    const region = await prisma.region.create({ data: { name: `Region ${tag}` } });
    const made = async (name: string) => {
      const org = await prisma.organisation.create({ data: { name, kind: "Acute trust", regionId: region.id } });
      return listing((await memberAt({ org, region })).id, { description: `Shared word ${tag}` });
    };
    const north = await made(`Northfield ${tag} Hospital`);
    const northCare = await made(`NORTHFIELD ${tag} Care`);
    const percent = await made(`100% ${tag}_Care`);
    expect(ids(await searchListings(filters({ q: tag, organisationName: `northfield ${tag}` }))).sort()).toEqual([north.id, northCare.id].sort());
    expect(ids(await searchListings(filters({ q: tag, organisationName: `${tag} hospital` })))).toEqual([north.id]);
    expect(ids(await searchListings(filters({ q: tag, organisationName: "100%" })))).toEqual([percent.id]);
    expect(ids(await searchListings(filters({ q: tag, organisationName: `${tag}_c` })))).toEqual([percent.id]);
    expect(ids(await searchListings(filters({ q: tag, organisationName: "%" })))).toEqual([percent.id]);
    expect(ids(await searchListings(filters({ q: tag, organisationName: "_" })))).toEqual([percent.id]);
    expect(ids(await searchListings(filters({ q: tag, organisationName: `no such place ${tag}` })))).toEqual([]);
  });

  it("combines text with filters", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const match = await listing(owner.id, { kind: "request", title: "Sustaining change after the project ends" });
    await listing(owner.id, { kind: "offer", title: "Sustaining change: a workshop" });
    expect(ids(await searchListings(filters({ q: "sustain", kind: "request", organisationId: place.org.id })))).toEqual([match.id]);
  });

  it("pages through results, a page at a time, saying whether there is a next page", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    const made = [];
    for (let i = 0; i < BROWSE_PAGE_SIZE + 5; i++) made.push(await listing(owner.id, { title: `Paged listing number ${i}` }));
    const newestFirst = made.map((l) => l.id).reverse();
    const page1 = await searchListings(filters({ organisationId: place.org.id, page: 1 }));
    const page2 = await searchListings(filters({ organisationId: place.org.id, page: 2 }));
    const page3 = await searchListings(filters({ organisationId: place.org.id, page: 3 }));
    expect(ids(page1)).toEqual(newestFirst.slice(0, BROWSE_PAGE_SIZE));
    expect(page1).toMatchObject({ hasNext: true, total: BROWSE_PAGE_SIZE + 5, page: 1 });
    expect(ids(page2)).toEqual(newestFirst.slice(BROWSE_PAGE_SIZE));
    expect(page2.hasNext).toBe(false);
    expect(page3).toMatchObject({ listings: [], hasNext: false, total: BROWSE_PAGE_SIZE + 5 });
  });

  /** `n` open offers by `ownerId` whose description is `text`, one minute apart, ending `minutesAgo` before the clock. */
  const many = (ownerId: string, n: number, text: string, minutesAgo = 0) =>
    prisma.listing.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        ownerId,
        kind: "offer" as const,
        title: `Counted listing ${i}`,
        description: text,
        skillId: spc.id,
        estimatedMinutes: 60,
        createdAt: new Date(clock - (minutesAgo + n - i) * 60_000),
      })),
    });

  it("counts listings up to 1,000 and then says there are more", async () => {
    const owner = await memberAt(await organisation(prisma));
    const other = await memberAt(await organisation(prisma));
    await many(owner.id, BROWSE_COUNT_LIMIT, word());
    await many(other.id, BROWSE_COUNT_LIMIT + 1, word());
    const ownerOrg = (await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).organisationId;
    const otherOrg = (await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).organisationId;
    expect(await searchListings(filters({ organisationId: ownerOrg }))).toMatchObject({ total: BROWSE_COUNT_LIMIT, moreThanTotal: false, hasNext: true, order: "newest" });
    expect(await searchListings(filters({ organisationId: otherOrg }))).toMatchObject({ total: BROWSE_COUNT_LIMIT, moreThanTotal: true, hasNext: true });
    expect(await searchListings(filters({ q: word() }))).toMatchObject({ total: 0, moreThanTotal: false });
  });

  it("lists a broad search newest first and counts it only as more than SEARCH_RANK_LIMIT", async () => {
    const owner = await memberAt(await organisation(prisma));
    const common = word();
    await many(owner.id, SEARCH_RANK_LIMIT + 1, common);
    // A better match (the word in the title too) is not lifted above newer ones in a broad search.
    const older = await prisma.listing.create({
      data: { ownerId: owner.id, kind: "offer", title: `${common} ${common}`, description: common, skillId: spc.id, estimatedMinutes: 60, createdAt: new Date(clock - 10 * 24 * 3600_000) },
    });
    const result = await searchListings(filters({ q: common }));
    expect(result).toMatchObject({ total: SEARCH_RANK_LIMIT, moreThanTotal: true, order: "newest", hasNext: true });
    const dates = result.listings.map((l) => l.createdAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(ids(result)).not.toContain(older.id);
    // Every page is still newest first, and the oldest match is on the last one.
    const last = await searchListings(filters({ q: common, page: Math.ceil((SEARCH_RANK_LIMIT + 2) / BROWSE_PAGE_SIZE) }));
    expect(ids(last).at(-1)).toBe(older.id);
    expect(last.hasNext).toBe(false);
  });

  it("ranks and counts every match when few of the newest listings match, however many older ones do", async () => {
    const owner = await memberAt(await organisation(prisma));
    const rare = word();
    // 150 matches, then SEARCH_WINDOW newer listings that do not match: none of the newest match.
    await many(owner.id, 150, rare, SEARCH_WINDOW + 10);
    await many(owner.id, SEARCH_WINDOW, word());
    const best = await prisma.listing.create({
      data: { ownerId: owner.id, kind: "offer", title: `${rare} in the title`, description: rare, skillId: spc.id, estimatedMinutes: 60, createdAt: new Date(clock - 365 * 24 * 3600_000) },
    });
    const result = await searchListings(filters({ q: rare }));
    expect(result).toMatchObject({ total: 151, moreThanTotal: false, order: "relevance" });
    expect(result.listings[0]!.id).toBe(best.id);
  });

  it("says there is no next page when the results exactly fill one", async () => {
    const place = await organisation(prisma);
    const owner = await memberAt(place);
    for (let i = 0; i < BROWSE_PAGE_SIZE; i++) await listing(owner.id);
    expect((await searchListings(filters({ organisationId: place.org.id }))).hasNext).toBe(false);
  });
});

describe("reading the browse page's query string", () => {
  it("keeps good values", async () => {
    const place = await organisation(prisma);
    expect(
      parseBrowseParams({ q: "  spc   charts ", kind: "request", skill: spc.id, organisation: place.org.id, region: place.region.id, page: "3" }),
    ).toEqual({ q: "spc charts", kind: "request", skillId: spc.id, organisationId: place.org.id, organisationName: "", regionId: place.region.id, hubId: null, page: 3 });
  });

  it("reads the organisation as an id, or else as part of a name", () => {
    expect(parseBrowseParams({ organisation: "  North   Trust " })).toMatchObject({ organisationId: null, organisationName: "North Trust" });
    expect(parseBrowseParams({ organisation: "x".repeat(300) }).organisationName).toHaveLength(100);
    expect(parseBrowseParams({})).toMatchObject({ organisationId: null, organisationName: "" });
  });

  it.each([["0"], ["-1"], ["1001"], ["2.5"], ["abc"], [""], ["1e3"], ["99999999999999999999"], [undefined]])("treats page %j as page 1", (page) => {
    expect(parseBrowseParams({ page }).page).toBe(1);
  });

  it("drops an unknown kind and ids that are not ids", () => {
    expect(parseBrowseParams({ kind: "all", skill: "spc'; --", organisation: "1", region: "x" })).toMatchObject({
      kind: null,
      skillId: null,
      organisationId: null,
      organisationName: "1",
      regionId: null,
    });
  });

  it("takes the first of repeated values", () => {
    expect(parseBrowseParams({ kind: ["offer", "request"], page: ["2", "5"] })).toMatchObject({ kind: "offer", page: 2 });
  });
});
