// What anyone may see of the bank without signing in: its name, its totals and its open offers
// and requests. One function per query. Nothing here selects an email address or any other
// contact detail: a listing's owner is shown by first name and organisation only.
import "server-only";
import { cache } from "react";
import { firstName } from "../format/names";
import { db, type PrismaClient } from "../db/client";
import type { ListingKind } from "../db/generated/enums";

export const DEFAULT_BANK_NAME = "QI Time Bank";
/** How many offers and how many requests the home page shows. */
export const HOME_LISTINGS_LIMIT = 12;
/** The most listings one public query returns. */
export const MAX_PUBLIC_LISTINGS = 50;

export interface BankTotals {
  activeMembers: number;
  organisations: number;
  /** Minutes moved by completed exchanges (less any reversed). */
  exchangedMinutes: number;
  completedExchanges: number;
  openOffers: number;
  openRequests: number;
}

export interface PublicListing {
  id: string;
  kind: ListingKind;
  title: string;
  description: string;
  skillName: string;
  tags: string[];
  estimatedMinutes: number;
  /** Requests only: the day the help is wanted by (a date, at UTC midnight). */
  wantedBy: Date | null;
  createdAt: Date;
  ownerFirstName: string;
  organisationName: string | null;
}

/** A listing is public while it is open and its owner is an active member. */
const publicListing = (kind: ListingKind) => ({ kind, status: "open", owner: { status: "active" } }) as const;

export async function getBankName(database: PrismaClient = db()): Promise<string> {
  const settings = await database.bankSettings.findUnique({ where: { id: 1 }, select: { name: true } });
  return settings?.name.trim() || DEFAULT_BANK_NAME;
}

/** The bank's name, read once per request however many parts of the page ask (React's cache). */
export const bankNameForRequest = cache(() => getBankName());

export async function countActiveMembers(database: PrismaClient = db()): Promise<number> {
  return database.user.count({ where: { status: "active" } });
}

/** Organisations with at least one active member. */
export async function countOrganisations(database: PrismaClient = db()): Promise<number> {
  return database.organisation.count({ where: { members: { some: { status: "active" } } } });
}

/** Exchanges whose hours have moved: confirmed, or resolved by an admin who posted them. */
export async function countCompletedExchanges(database: PrismaClient = db()): Promise<number> {
  return database.exchange.count({ where: { state: { in: ["confirmed", "resolved"] }, transferId: { not: null } } });
}

/** Minutes moved by exchanges, from the ledger itself; a reversed exchange transfer no longer counts. */
export async function sumExchangedMinutes(database: PrismaClient = db()): Promise<number> {
  const result = await database.ledgerTransfer.aggregate({
    _sum: { amountMinutes: true },
    where: { kind: "exchange", reversedBy: { is: null } },
  });
  return result._sum.amountMinutes ?? 0;
}

export async function countOpenListings(kind: ListingKind, database: PrismaClient = db()): Promise<number> {
  return database.listing.count({ where: publicListing(kind) });
}

/** The newest open offers or requests. */
export async function listOpenListings(
  kind: ListingKind,
  options: { limit?: number } = {},
  database: PrismaClient = db(),
): Promise<PublicListing[]> {
  const limit = Math.min(Math.max(1, options.limit ?? HOME_LISTINGS_LIMIT), MAX_PUBLIC_LISTINGS);
  const rows = await database.listing.findMany({
    where: publicListing(kind),
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      tags: true,
      estimatedMinutes: true,
      wantedBy: true,
      createdAt: true,
      skill: { select: { name: true } },
      owner: { select: { name: true, organisation: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    skillName: r.skill.name,
    tags: r.tags,
    estimatedMinutes: r.estimatedMinutes,
    wantedBy: r.wantedBy,
    createdAt: r.createdAt,
    ownerFirstName: firstName(r.owner.name),
    organisationName: r.owner.organisation?.name ?? null,
  }));
}

/** All the totals the home page shows, read in parallel. */
export async function getBankTotals(database: PrismaClient = db()): Promise<BankTotals> {
  const [activeMembers, organisations, exchangedMinutes, completedExchanges, openOffers, openRequests] = await Promise.all([
    countActiveMembers(database),
    countOrganisations(database),
    sumExchangedMinutes(database),
    countCompletedExchanges(database),
    countOpenListings("offer", database),
    countOpenListings("request", database),
  ]);
  return { activeMembers, organisations, exchangedMinutes, completedExchanges, openOffers, openRequests };
}

export { firstName };
