// What admins read about exchanges: the disputes queue (oldest first, so nobody waits longest) and
// any exchange in full, with both members, its history and its messages. Only admin pages call
// these, after checking the viewer is an admin.
import { db, type PrismaClient } from "../db/client";
import type { ExchangeState } from "../db/generated/client";
import { STATE_LABELS } from "../exchanges/rules";
import { isUuid } from "../validation";

export const RECENTLY_RESOLVED_LIMIT = 10;
export const DISPUTES_QUEUE_LIMIT = 200;

export interface AdminParty {
  id: string;
  name: string;
  profession: string | null;
  organisation: string | null;
}

export interface DisputeRow {
  id: string;
  title: string;
  provider: AdminParty;
  payer: AdminParty;
  agreedMinutes: number;
  deliveredMinutes: number | null;
  disputeReason: string | null;
  resolutionNote: string | null;
  /** When it was disputed (or resolved, for resolved ones). */
  since: Date;
}

const PARTY = { id: true, name: true, profession: true, organisation: { select: { name: true } } } as const;
type PartySource = { id: string; name: string | null; profession: string | null; organisation: { name: string } | null };
const party = (p: PartySource): AdminParty => ({ id: p.id, name: p.name ?? "(no name)", profession: p.profession, organisation: p.organisation?.name ?? null });

async function disputeRows(state: "disputed" | "resolved", database: PrismaClient, take: number): Promise<DisputeRow[]> {
  const rows = await database.exchange.findMany({
    where: { state },
    orderBy: state === "disputed" ? [{ updatedAt: "asc" }, { id: "asc" }] : [{ closedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      title: true,
      agreedMinutes: true,
      deliveredMinutes: true,
      disputeReason: true,
      resolutionNote: true,
      updatedAt: true,
      closedAt: true,
      provider: { select: PARTY },
      payer: { select: PARTY },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    provider: party(r.provider),
    payer: party(r.payer),
    agreedMinutes: r.agreedMinutes,
    deliveredMinutes: r.deliveredMinutes,
    disputeReason: r.disputeReason,
    resolutionNote: r.resolutionNote,
    since: (state === "resolved" ? r.closedAt : null) ?? r.updatedAt,
  }));
}

export async function listDisputes(database: PrismaClient = db()): Promise<{ open: DisputeRow[]; recentlyResolved: DisputeRow[] }> {
  const [open, recentlyResolved] = await Promise.all([
    disputeRows("disputed", database, DISPUTES_QUEUE_LIMIT),
    disputeRows("resolved", database, RECENTLY_RESOLVED_LIMIT),
  ]);
  return { open, recentlyResolved };
}

export interface AdminExchangeEvent {
  id: string;
  fromState: ExchangeState | null;
  toState: ExchangeState;
  toLabel: string;
  actorName: string;
  note: string | null;
  at: Date;
}

export interface AdminExchangeMessage {
  id: string;
  senderName: string;
  fromProvider: boolean;
  body: string;
  at: Date;
}

export interface AdminExchangeDetail extends DisputeRow {
  state: ExchangeState;
  stateLabel: string;
  note: string | null;
  listing: { id: string; title: string; kind: string } | null;
  holdId: bigint | null;
  transferId: bigint | null;
  createdAt: Date;
  events: AdminExchangeEvent[];
  messages: AdminExchangeMessage[];
}

export const MAX_ADMIN_THREAD = 500;

export async function getExchangeForAdmin(exchangeId: string, database: PrismaClient = db()): Promise<AdminExchangeDetail | null> {
  if (!isUuid(exchangeId)) return null;
  const ex = await database.exchange.findUnique({
    where: { id: exchangeId },
    select: {
      id: true,
      title: true,
      state: true,
      note: true,
      agreedMinutes: true,
      deliveredMinutes: true,
      disputeReason: true,
      resolutionNote: true,
      holdId: true,
      transferId: true,
      createdAt: true,
      updatedAt: true,
      closedAt: true,
      listing: { select: { id: true, title: true, kind: true } },
      provider: { select: PARTY },
      payer: { select: PARTY },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, fromState: true, toState: true, actorId: true, note: true, createdAt: true, actor: { select: { name: true } } },
      },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: MAX_ADMIN_THREAD,
        select: { id: true, senderId: true, body: true, createdAt: true, sender: { select: { name: true } } },
      },
    },
  });
  if (!ex) return null;
  return {
    id: ex.id,
    title: ex.title,
    state: ex.state,
    stateLabel: STATE_LABELS[ex.state],
    note: ex.note,
    listing: ex.listing,
    provider: party(ex.provider),
    payer: party(ex.payer),
    agreedMinutes: ex.agreedMinutes,
    deliveredMinutes: ex.deliveredMinutes,
    disputeReason: ex.disputeReason,
    resolutionNote: ex.resolutionNote,
    holdId: ex.holdId,
    transferId: ex.transferId,
    createdAt: ex.createdAt,
    since: ex.closedAt ?? ex.updatedAt,
    events: ex.events.map((e) => ({
      id: e.id,
      fromState: e.fromState,
      toState: e.toState,
      toLabel: STATE_LABELS[e.toState],
      actorName: e.actorId === null ? "The bank (automatic)" : (e.actor?.name ?? "(no name)"),
      note: e.note,
      at: e.createdAt,
    })),
    messages: ex.messages.map((m) => ({
      id: m.id,
      senderName: m.sender.name ?? "(no name)",
      fromProvider: m.senderId === ex.provider.id,
      body: m.body,
      at: m.createdAt,
    })),
  };
}
