// The frame every exchange step runs in: one transaction that first re-checks the actor is
// active, then locks the exchange row, checks the actor is a party and the step is legal from the
// current state (lib/exchanges/rules.ts), and only then lets the step write. A retried submission
// of a step that already happened (a double click, a resent form) returns success unchanged.
import { transaction } from "../db/transaction";
import type { PrismaClient } from "../db/client";
import type { ExchangeState } from "../db/generated/client";
import { AppError, conflict, forbidden, notFound } from "../errors";
import { lockActiveMember, type ActiveMember, type Tx } from "../members/guard";
import { now } from "../clock";
import { allowedSteps, STEP_TARGET, type ExchangeStep } from "./rules";

export interface LockedExchange {
  id: string;
  state: ExchangeState;
  title: string;
  providerId: string;
  payerId: string;
  proposedById: string;
  listingId: string | null;
  agreedMinutes: number;
  deliveredMinutes: number | null;
  holdId: bigint | null;
  transferId: bigint | null;
  thankedAt: Date | null;
  deliveredAt: Date | null;
  autoConfirmAt: Date | null;
  reminderSentAt: Date | null;
  disputeReason: string | null;
  thanksNote: string | null;
}

const LOCKED_SELECT = {
  id: true,
  state: true,
  title: true,
  providerId: true,
  payerId: true,
  proposedById: true,
  listingId: true,
  agreedMinutes: true,
  deliveredMinutes: true,
  holdId: true,
  transferId: true,
  thankedAt: true,
  deliveredAt: true,
  autoConfirmAt: true,
  reminderSentAt: true,
  disputeReason: true,
  thanksNote: true,
} as const;

/** Locks one exchange row for the rest of the transaction and reads it; null if there is none. */
export async function lockExchange(tx: Tx, exchangeId: string): Promise<LockedExchange | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM exchanges WHERE id = ${exchangeId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.exchange.findUnique({ where: { id: exchangeId }, select: LOCKED_SELECT });
}

export interface StepContext {
  tx: Tx;
  ex: LockedExchange;
  actor: ActiveMember;
  /** The other party: the one to tell. */
  otherId: string;
  at: Date;
}

export interface StepResult {
  id: string;
  state: ExchangeState;
  /** True when this was a retry of a step that had already happened: nothing changed. */
  replayed: boolean;
}

export async function runStep(
  options: {
    actorId: string;
    exchangeId: string;
    step: ExchangeStep;
    database: PrismaClient;
    /** For steps with input: is the stored result the same as this submission's (a resubmission)? */
    sameAs?: (ex: LockedExchange) => boolean;
  },
  work: (ctx: StepContext) => Promise<ExchangeState>,
): Promise<StepResult> {
  const { actorId, exchangeId, step, database, sameAs = () => true } = options;
  return transaction(database, async (tx) => {
    const actor = await lockActiveMember(tx, actorId);
    const ex = await lockExchange(tx, exchangeId);
    // Not a party: the same answer as no exchange at all, so existence is not revealed.
    if (!ex || (ex.providerId !== actorId && ex.payerId !== actorId)) throw notFound("That exchange");
    if (!allowedSteps(ex, actorId).includes(step)) {
      if (sameAs(ex) && (await isRetry(tx, ex, step, actorId))) return { id: ex.id, state: ex.state, replayed: true };
      throw refusal(ex, step, actorId);
    }
    const otherId = ex.providerId === actorId ? ex.payerId : ex.providerId;
    const state = await work({ tx, ex, actor, otherId, at: now() });
    return { id: ex.id, state, replayed: false };
  });
}

/**
 * The step already happened, and this actor did it: a resubmission (a double click never
 * doubles). The ledger's idempotency keys make the ledger side exactly-once as well.
 */
async function isRetry(tx: Tx, ex: LockedExchange, step: ExchangeStep, actorId: string): Promise<boolean> {
  if (step === "thank") return ex.thankedAt !== null && ex.payerId === actorId;
  const target = STEP_TARGET[step];
  if (ex.state !== target) return false;
  const last = await tx.exchangeEvent.findFirst({
    where: { exchangeId: ex.id, toState: target, NOT: { fromState: target } },
    orderBy: { createdAt: "desc" },
    select: { actorId: true },
  });
  return last?.actorId === actorId;
}

const ROLE_MESSAGES: Record<ExchangeStep, string> = {
  accept: "Only the other member can accept this proposal.",
  decline: "Only the other member can decline this proposal. You can cancel it instead.",
  cancel: "You cannot cancel this exchange.",
  deliver: "Only the member who gives the help can record it as given.",
  confirm: "Only the member who was helped can confirm this exchange.",
  dispute: "Only the member who was helped can dispute this exchange.",
  thank: "Only the member who was helped can say thank you for this exchange.",
};

/** Why this step cannot be taken now, in a sentence for the member. */
export function refusal(ex: LockedExchange, step: ExchangeStep, actorId: string): AppError {
  const otherId = ex.providerId === actorId ? ex.payerId : ex.providerId;
  if (allowedSteps(ex, otherId).includes(step)) return forbidden(ROLE_MESSAGES[step]);
  return conflict(stateMessage(ex.state, step));
}

export function stateMessage(state: ExchangeState, step: ExchangeStep): string {
  switch (state) {
    case "proposed":
      return "This exchange has not been accepted yet.";
    case "accepted":
      if (step === "accept" || step === "decline") return "This exchange has already been accepted.";
      if (step === "thank") return "You can say thank you once the exchange is confirmed.";
      return "The help has not been recorded as given yet, so there is nothing to confirm or dispute.";
    case "delivered":
      if (step === "accept" || step === "decline") return "This exchange has already been accepted.";
      if (step === "cancel") return "The help has already been recorded as given, so this exchange can no longer be cancelled. If something is wrong, the member who was helped can dispute it.";
      if (step === "deliver") return "The help given has already been recorded. If it is not right, the member who was helped can dispute it.";
      return "You can say thank you once the exchange is confirmed.";
    case "confirmed":
      if (step === "thank") return "You have already said thank you for this exchange.";
      return "This exchange has already been confirmed.";
    case "declined":
      return "This exchange was declined, so it can no longer change.";
    case "cancelled":
      return "This exchange was cancelled, so it can no longer change.";
    case "disputed":
      return "This exchange is disputed and waits for an admin to resolve it.";
    case "resolved":
      return "An admin has already resolved this exchange.";
  }
}

export async function recordEvent(
  tx: Tx,
  e: { exchangeId: string; fromState: ExchangeState | null; toState: ExchangeState; actorId: string | null; note?: string | null; at: Date },
): Promise<void> {
  await tx.exchangeEvent.create({
    data: { exchangeId: e.exchangeId, fromState: e.fromState, toState: e.toState, actorId: e.actorId, note: e.note ?? null, createdAt: e.at },
  });
}

export interface ExchangeTimings {
  autoConfirmDays: number;
  reminderDays: number;
}

/** The bank's auto-confirm and reminder periods, in days. */
export async function exchangeTimings(tx: Pick<Tx, "bankSettings">): Promise<ExchangeTimings> {
  const s = await tx.bankSettings.findUnique({ where: { id: 1 }, select: { autoConfirmDays: true, reminderDays: true } });
  return { autoConfirmDays: s?.autoConfirmDays ?? 14, reminderDays: s?.reminderDays ?? 7 };
}

export const exchangeLink = (id: string) => `/exchanges/${id}`;

export async function memberName(tx: Tx, memberId: string): Promise<string | null> {
  const m = await tx.user.findUnique({ where: { id: memberId }, select: { name: true } });
  return m?.name ?? null;
}
