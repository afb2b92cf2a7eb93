// Reading exchanges for one member: only exchanges they are a party to, and of the other party
// only their first name, profession and organisation (never their email address).
import { db, Prisma, type PrismaClient } from "../db/client";
import type { ExchangeState, ListingKind } from "../db/generated/client";
import { listMessages, type ThreadMessage } from "../messages/queries";
import { whatHappensNext } from "./next-step";
import { firstName, isUuid } from "./parse";
import { allowedSteps, CLOSED_STATES, OPEN_STATES, STATE_LABELS, waitingOn, type ExchangeStep } from "./rules";

/** Exchanges per page of the list. */
export const EXCHANGES_PAGE_SIZE = 20;
/** The highest page number the list serves (beyond it, a page is empty). */
export const MAX_EXCHANGES_PAGE = 500;

export type ExchangeTab = "action" | "open" | "closed";
export type ExchangeRole = "provider" | "payer";

export interface PartySummary {
  id: string;
  firstName: string;
  profession: string | null;
  organisation: string | null;
}

export interface ExchangeRow {
  id: string;
  title: string;
  state: ExchangeState;
  stateLabel: string;
  /** The viewer's role: provider ("You help") or payer ("You are helped"). */
  role: ExchangeRole;
  other: PartySummary;
  /** Delivered minutes once recorded, otherwise the agreed minutes. */
  minutes: number;
  updatedAt: Date;
  needsMyAction: boolean;
  nextStep: string;
}

export interface ExchangeEventView {
  id: string;
  fromState: ExchangeState | null;
  toState: ExchangeState;
  /** The member's first name, "You", or "The bank" for automatic steps. */
  actorName: string;
  mine: boolean;
  note: string | null;
  createdAt: Date;
}

export interface ExchangeDetail extends ExchangeRow {
  listing: { id: string; kind: ListingKind; title: string; href: string } | null;
  proposedByMe: boolean;
  agreedMinutes: number;
  deliveredMinutes: number | null;
  note: string | null;
  disputeReason: string | null;
  resolutionNote: string | null;
  thanksNote: string | null;
  learnedNote: string | null;
  thankedAt: Date | null;
  createdAt: Date;
  acceptedAt: Date | null;
  deliveredAt: Date | null;
  confirmedAt: Date | null;
  closedAt: Date | null;
  autoConfirmAt: Date | null;
  events: ExchangeEventView[];
  messages: ThreadMessage[];
  allowedSteps: ExchangeStep[];
}

export const listingHref = (id: string) => `/listings/${id}`;

const PARTY_SELECT = { id: true, name: true, profession: true, organisation: { select: { name: true } } } as const;

type PartyRow = { id: string; name: string | null; profession: string | null; organisation: { name: string } | null };

function party(p: PartyRow): PartySummary {
  return { id: p.id, firstName: firstName(p.name), profession: p.profession, organisation: p.organisation?.name ?? null };
}

const ROW_SELECT = {
  id: true,
  title: true,
  state: true,
  providerId: true,
  payerId: true,
  proposedById: true,
  agreedMinutes: true,
  deliveredMinutes: true,
  autoConfirmAt: true,
  thankedAt: true,
  updatedAt: true,
  provider: { select: PARTY_SELECT },
  payer: { select: PARTY_SELECT },
} as const;

type RowSource = Prisma.ExchangeGetPayload<{ select: typeof ROW_SELECT }>;

function toRow(ex: RowSource, viewerId: string): ExchangeRow {
  const role: ExchangeRole = ex.providerId === viewerId ? "provider" : "payer";
  const other = party(role === "provider" ? ex.payer : ex.provider);
  return {
    id: ex.id,
    title: ex.title,
    state: ex.state,
    stateLabel: STATE_LABELS[ex.state],
    role,
    other,
    minutes: ex.deliveredMinutes ?? ex.agreedMinutes,
    updatedAt: ex.updatedAt,
    needsMyAction: waitingOn(ex, viewerId) !== null,
    nextStep: whatHappensNext(ex, viewerId, other.firstName),
  };
}

/** One exchange as its party sees it; null for anyone else (and for no such exchange). */
export async function getExchangeForMember(exchangeId: string, viewerId: string, database: PrismaClient = db()): Promise<ExchangeDetail | null> {
  if (!isUuid(exchangeId) || !isUuid(viewerId)) return null;
  const ex = await database.exchange.findUnique({
    where: { id: exchangeId },
    select: {
      ...ROW_SELECT,
      note: true,
      disputeReason: true,
      resolutionNote: true,
      thanksNote: true,
      learnedNote: true,
      createdAt: true,
      acceptedAt: true,
      deliveredAt: true,
      confirmedAt: true,
      closedAt: true,
      listing: { select: { id: true, kind: true, title: true } },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, fromState: true, toState: true, actorId: true, note: true, createdAt: true, actor: { select: { name: true } } },
      },
    },
  });
  if (!ex || (ex.providerId !== viewerId && ex.payerId !== viewerId)) return null;
  const messages = (await listMessages(exchangeId, viewerId, database)) ?? [];
  return {
    ...toRow(ex, viewerId),
    listing: ex.listing ? { ...ex.listing, href: listingHref(ex.listing.id) } : null,
    proposedByMe: ex.proposedById === viewerId,
    agreedMinutes: ex.agreedMinutes,
    deliveredMinutes: ex.deliveredMinutes,
    note: ex.note,
    disputeReason: ex.disputeReason,
    resolutionNote: ex.resolutionNote,
    thanksNote: ex.thanksNote,
    learnedNote: ex.learnedNote,
    thankedAt: ex.thankedAt,
    createdAt: ex.createdAt,
    acceptedAt: ex.acceptedAt,
    deliveredAt: ex.deliveredAt,
    confirmedAt: ex.confirmedAt,
    closedAt: ex.closedAt,
    autoConfirmAt: ex.autoConfirmAt,
    events: ex.events.map((e) => ({
      id: e.id,
      fromState: e.fromState,
      toState: e.toState,
      actorName: e.actorId === null ? "The bank" : e.actorId === viewerId ? "You" : firstName(e.actor?.name),
      mine: e.actorId === viewerId,
      note: e.note,
      createdAt: e.createdAt,
    })),
    messages,
    allowedSteps: allowedSteps(ex, viewerId),
  };
}

// The SQL form of rules.ts's waitingOn(): accept (proposed, not by me), deliver (accepted, I
// provide), confirm (delivered, I pay). tests/integration/exchanges-queries.test.ts checks both agree.
function needsActionSql(viewerId: string): Prisma.Sql {
  return Prisma.sql`((state = 'proposed' AND proposed_by_id <> ${viewerId}::uuid)
    OR (state = 'accepted' AND provider_id = ${viewerId}::uuid)
    OR (state = 'delivered' AND payer_id = ${viewerId}::uuid))`;
}

async function rowsByIds(ids: string[], viewerId: string, database: PrismaClient): Promise<ExchangeRow[]> {
  if (ids.length === 0) return [];
  const found = await database.exchange.findMany({ where: { id: { in: ids } }, select: ROW_SELECT });
  const byId = new Map(found.map((ex) => [ex.id, ex]));
  return ids.flatMap((id) => {
    const ex = byId.get(id);
    return ex ? [toRow(ex, viewerId)] : [];
  });
}

export interface ExchangePage {
  rows: ExchangeRow[];
  page: number;
  hasNext: boolean;
}

/**
 * The viewer's exchanges, a page at a time. "open": every exchange still going, the ones waiting
 * for the viewer first; "action": only those; "closed": finished ones, latest first.
 */
export async function listMyExchanges(
  viewerId: string,
  options: { tab?: ExchangeTab; page?: number } = {},
  database: PrismaClient = db(),
): Promise<ExchangePage> {
  const tab = options.tab ?? "open";
  const page = Math.min(MAX_EXCHANGES_PAGE, Math.max(1, Math.floor(Number(options.page) || 1)));
  if (!isUuid(viewerId)) return { rows: [], page, hasNext: false };
  const states = (tab === "closed" ? CLOSED_STATES : OPEN_STATES) as string[];
  const needs = needsActionSql(viewerId);
  const onlyNeeds = tab === "action" ? Prisma.sql`AND ${needs}` : Prisma.empty;
  const order =
    tab === "closed" ? Prisma.sql`coalesce(closed_at, updated_at) DESC, id` : Prisma.sql`${needs} DESC, updated_at DESC, id`;
  const ids = await database.$queryRaw<{ id: string }[]>`
    SELECT id FROM exchanges
     WHERE (provider_id = ${viewerId}::uuid OR payer_id = ${viewerId}::uuid)
       AND state::text = ANY(${states}::text[]) ${onlyNeeds}
     ORDER BY ${order}
     LIMIT ${EXCHANGES_PAGE_SIZE + 1} OFFSET ${(page - 1) * EXCHANGES_PAGE_SIZE}`;
  const hasNext = ids.length > EXCHANGES_PAGE_SIZE;
  const rows = await rowsByIds(ids.slice(0, EXCHANGES_PAGE_SIZE).map((r) => r.id), viewerId, database);
  return { rows, page, hasNext };
}

function waitingOnMe(viewerId: string): Prisma.ExchangeWhereInput {
  return {
    OR: [
      { state: "proposed", NOT: { proposedById: viewerId }, OR: [{ providerId: viewerId }, { payerId: viewerId }] },
      { state: "accepted", providerId: viewerId },
      { state: "delivered", payerId: viewerId },
    ],
  };
}

/** How many exchanges wait for this member to act (for the header and the dashboard). */
export async function countWaitingOnMe(viewerId: string, database: PrismaClient = db()): Promise<number> {
  if (!isUuid(viewerId)) return 0;
  return database.exchange.count({ where: waitingOnMe(viewerId) });
}

/**
 * The two numbers every signed-in page's header shows, in one query: unread notifications, and
 * exchanges waiting for this member (the SQL form of waitingOnMe above, which the tests compare).
 */
export async function headerCounts(viewerId: string, database: PrismaClient = db()): Promise<{ unread: number; waiting: number }> {
  if (!isUuid(viewerId)) return { unread: 0, waiting: 0 };
  const [row] = await database.$queryRaw<{ unread: bigint; waiting: bigint }[]>`
    SELECT (SELECT count(*) FROM notifications WHERE member_id = ${viewerId}::uuid AND read_at IS NULL) AS unread,
           (SELECT count(*) FROM exchanges
             WHERE (state = 'proposed' AND proposed_by_id <> ${viewerId}::uuid AND (provider_id = ${viewerId}::uuid OR payer_id = ${viewerId}::uuid))
                OR (state = 'accepted' AND provider_id = ${viewerId}::uuid)
                OR (state = 'delivered' AND payer_id = ${viewerId}::uuid)) AS waiting`;
  return { unread: Number(row!.unread), waiting: Number(row!.waiting) };
}

/** The exchanges waiting for this member, oldest change first (for the dashboard). */
export async function exchangesNeedingAction(viewerId: string, limit = 5, database: PrismaClient = db()): Promise<ExchangeRow[]> {
  if (!isUuid(viewerId)) return [];
  const found = await database.exchange.findMany({
    where: waitingOnMe(viewerId),
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: Math.max(1, Math.min(limit, EXCHANGES_PAGE_SIZE)),
    select: ROW_SELECT,
  });
  return found.map((ex) => toRow(ex, viewerId));
}

export interface ProposalContext {
  listing: { id: string; kind: ListingKind; title: string; description: string; estimatedMinutes: number; href: string };
  owner: PartySummary;
  /** Why this member cannot propose on this listing, in words for them; null when they can. */
  refusal: string | null;
  /** The viewer's role if the exchange goes ahead. */
  role: ExchangeRole;
  /** Minutes the payer can still commit (balance - held - floor), when the viewer is the payer. */
  availableMinutes: number | null;
}

/** What the propose form needs to know about a listing; null if there is no such listing to show. */
export async function getProposalContext(listingId: string, viewerId: string, database: PrismaClient = db()): Promise<ProposalContext | null> {
  if (!isUuid(listingId) || !isUuid(viewerId)) return null;
  const listing = await database.listing.findUnique({
    where: { id: listingId },
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      estimatedMinutes: true,
      status: true,
      ownerId: true,
      owner: { select: { ...PARTY_SELECT, status: true, profileDoneAt: true } },
    },
  });
  if (!listing) return null;
  const isMine = listing.ownerId === viewerId;
  const ownerActive = listing.owner.status === "active" && listing.owner.profileDoneAt !== null;
  // Others see only what the listing page shows them: open listings of active members.
  if (!isMine && (listing.status !== "open" || !ownerActive)) return null;
  const role: ExchangeRole = listing.kind === "offer" ? "payer" : "provider";
  const refusal = isMine
    ? "This is your own listing: you cannot propose an exchange with yourself."
    : listing.status === "closed"
      ? "This listing is closed, so no new exchanges can be proposed on it."
      : listing.status === "paused"
        ? "This listing is paused just now, so no new exchanges can be proposed on it."
        : !ownerActive
          ? "The member who posted this listing cannot take part in exchanges just now."
          : null;
  let availableMinutes: number | null = null;
  if (role === "payer") {
    const account = await database.ledgerAccount.findUnique({ where: { memberId: viewerId }, select: { balanceMinutes: true, heldMinutes: true, floorMinutes: true } });
    if (account && account.floorMinutes !== null) availableMinutes = account.balanceMinutes - account.heldMinutes - account.floorMinutes;
  }
  return {
    listing: { id: listing.id, kind: listing.kind, title: listing.title, description: listing.description, estimatedMinutes: listing.estimatedMinutes, href: listingHref(listing.id) },
    owner: party(listing.owner),
    refusal,
    role,
    availableMinutes,
  };
}
