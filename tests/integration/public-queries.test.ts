import { beforeAll, describe, expect, it } from "vitest";
import {
  countActiveMembers,
  countCompletedExchanges,
  countOpenListings,
  countOrganisations,
  DEFAULT_BANK_NAME,
  firstName,
  getBankName,
  getBankTotals,
  HOME_LISTINGS_LIMIT,
  listOpenListings,
  MAX_PUBLIC_LISTINGS,
  sumExchangedMinutes,
} from "../../lib/bank/public";
import { reverse } from "../../lib/ledger";
import { seedDemoBank } from "../../lib/seed/demo";
import { useTestDatabase } from "../helpers/db";

const database = await useTestDatabase();
const prisma = database.prisma();

describe("public queries on an empty bank", () => {
  it("count nothing and list nothing", async () => {
    expect(await getBankTotals(prisma)).toEqual({
      activeMembers: 0,
      organisations: 0,
      exchangedMinutes: 0,
      completedExchanges: 0,
      openOffers: 0,
      openRequests: 0,
    });
    expect(await listOpenListings("offer", {}, prisma)).toEqual([]);
    expect(await getBankName(prisma)).toBe(DEFAULT_BANK_NAME);
  });
});

describe("public queries on the demo bank", () => {
  beforeAll(async () => {
    await seedDemoBank(prisma);
  });

  it("read the bank's name from its settings, falling back to the default when it is blank", async () => {
    await prisma.bankSettings.update({ where: { id: 1 }, data: { name: "North West QI Exchange" } });
    expect(await getBankName(prisma)).toBe("North West QI Exchange");
    await prisma.bankSettings.update({ where: { id: 1 }, data: { name: "   " } });
    expect(await getBankName(prisma)).toBe(DEFAULT_BANK_NAME);
    await prisma.bankSettings.update({ where: { id: 1 }, data: { name: DEFAULT_BANK_NAME } });
  });

  it("count active members and the organisations they belong to", async () => {
    expect(await countActiveMembers(prisma)).toBe(56);
    expect(await countOrganisations(prisma)).toBe(8);
  });

  it("count completed exchanges: confirmed, or resolved with the hours posted", async () => {
    const posted = await prisma.exchange.count({ where: { state: "resolved", transferId: { not: null } } });
    expect(posted).toBe(9);
    expect(await countCompletedExchanges(prisma)).toBe(66 + posted);
  });

  it("sum the minutes exchanged from the ledger's exchange transfers", async () => {
    const transfers = await prisma.ledgerTransfer.findMany({ where: { kind: "exchange" } });
    const expected = transfers.reduce((sum, t) => sum + t.amountMinutes, 0);
    expect(expected).toBeGreaterThan(0);
    expect(await sumExchangedMinutes(prisma)).toBe(expected);
  });

  it("count open offers and requests", async () => {
    expect(await countOpenListings("offer", prisma)).toBe(68);
    expect(await countOpenListings("request", prisma)).toBe(32);
    const totals = await getBankTotals(prisma);
    expect(totals).toMatchObject({ activeMembers: 56, organisations: 8, openOffers: 68, openRequests: 32 });
  });

  it("list the newest open offers first, with skill, time and owner's first name and organisation", async () => {
    const offers = await listOpenListings("offer", {}, prisma);
    expect(offers).toHaveLength(HOME_LISTINGS_LIMIT);
    const newest = await prisma.listing.findMany({
      where: { kind: "offer", status: "open" },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: HOME_LISTINGS_LIMIT,
      select: { id: true },
    });
    expect(offers.map((o) => o.id)).toEqual(newest.map((n) => n.id));
    for (const o of offers) {
      expect(o.kind).toBe("offer");
      expect(o.skillName).toBeTruthy();
      expect(o.estimatedMinutes).toBeGreaterThan(0);
      expect(o.ownerFirstName).toMatch(/^[A-Z][a-z']+$/);
      expect(o.organisationName).toBeTruthy();
      expect(o.wantedBy).toBeNull();
    }
  });

  it("list open requests with their wanted-by dates", async () => {
    const requests = await listOpenListings("request", { limit: 40 }, prisma);
    expect(requests).toHaveLength(32);
    expect(requests.every((r) => r.kind === "request" && r.wantedBy instanceof Date)).toBe(true);
  });

  it("never return an email address or any field that could hold one", async () => {
    const listings = [...(await listOpenListings("offer", { limit: 50 }, prisma)), ...(await listOpenListings("request", { limit: 50 }, prisma))];
    for (const l of listings) {
      expect(Object.keys(l).sort()).toEqual(
        ["createdAt", "description", "estimatedMinutes", "id", "kind", "organisationName", "ownerFirstName", "skillName", "tags", "title", "wantedBy"].sort(),
      );
    }
    expect(JSON.stringify(listings)).not.toContain("@");
  });

  it("keep to the page size limits", async () => {
    expect(await listOpenListings("offer", { limit: 1000 }, prisma)).toHaveLength(MAX_PUBLIC_LISTINGS);
    expect(await listOpenListings("offer", { limit: 0 }, prisma)).toHaveLength(1);
  });

  it("hide the listings of a member who is no longer active", async () => {
    const [first] = await listOpenListings("offer", { limit: 1 }, prisma);
    const listing = await prisma.listing.findUniqueOrThrow({ where: { id: first!.id } });
    const owned = await prisma.listing.count({ where: { ownerId: listing.ownerId, kind: "offer", status: "open" } });
    await prisma.user.update({ where: { id: listing.ownerId }, data: { status: "suspended" } });
    try {
      expect(await countOpenListings("offer", prisma)).toBe(68 - owned);
      const ids = (await listOpenListings("offer", { limit: 50 }, prisma)).map((l) => l.id);
      expect(ids).not.toContain(listing.id);
    } finally {
      await prisma.user.update({ where: { id: listing.ownerId }, data: { status: "active" } });
    }
  });

  it("stop counting an exchange's minutes once its transfer is reversed", async () => {
    const before = await sumExchangedMinutes(prisma);
    const t = await prisma.ledgerTransfer.findFirstOrThrow({ where: { kind: "exchange" }, orderBy: { id: "asc" } });
    await reverse({ transferId: t.id, idempotencyKey: "test:reverse-one", memo: "test" }, prisma);
    expect(await sumExchangedMinutes(prisma)).toBe(before - t.amountMinutes);
  });
});

describe("firstName", () => {
  it("shows only the first word of a name, and nothing that looks like an email", () => {
    expect(firstName("Aisha Rahman")).toBe("Aisha");
    expect(firstName("  Mei   Tan ")).toBe("Mei");
    expect(firstName(null)).toBe("A member");
    expect(firstName("")).toBe("A member");
    expect(firstName("someone@example.org")).toBe("A member");
  });
});
