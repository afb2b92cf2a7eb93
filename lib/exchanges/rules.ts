// The exchange state machine as data: which step each party may take from each state. The
// operations in lib/exchanges check these rules inside their transaction, and pages use the same
// rules to decide which buttons to show, so the two cannot disagree.
//
//   proposed --accept (hold on the payer)--> accepted --deliver (provider)--> delivered
//   delivered --confirm (payer; or automatically after autoConfirmDays)--> confirmed (hold posted)
//   delivered --dispute (payer)--> disputed --(admin)--> resolved
//   proposed --decline (the party who did not propose)--> declined
//   proposed | accepted --cancel (either party)--> cancelled (hold voided)
import type { ExchangeState } from "../db/generated/client";

export type ExchangeStep = "accept" | "decline" | "cancel" | "deliver" | "confirm" | "dispute" | "thank";

export interface ExchangeParties {
  state: ExchangeState;
  providerId: string;
  payerId: string;
  proposedById: string;
  thankedAt?: Date | null;
}

export const OPEN_STATES: readonly ExchangeState[] = ["proposed", "accepted", "delivered", "disputed"];
export const CLOSED_STATES: readonly ExchangeState[] = ["declined", "cancelled", "confirmed", "resolved"];

export function isParty(ex: ExchangeParties, memberId: string): boolean {
  return ex.providerId === memberId || ex.payerId === memberId;
}

/** The steps this member may take now. Empty for anyone who is not a party. */
export function allowedSteps(ex: ExchangeParties, memberId: string): ExchangeStep[] {
  if (!isParty(ex, memberId)) return [];
  const isProvider = ex.providerId === memberId;
  const isProposer = ex.proposedById === memberId;
  switch (ex.state) {
    case "proposed":
      return isProposer ? ["cancel"] : ["accept", "decline", "cancel"];
    case "accepted":
      return isProvider ? ["deliver", "cancel"] : ["cancel"];
    case "delivered":
      return isProvider ? [] : ["confirm", "dispute"];
    case "confirmed":
      return !isProvider && !ex.thankedAt ? ["thank"] : [];
    default:
      return [];
  }
}

/** The step the exchange waits for from this member, if any ("needs my action"). */
export function waitingOn(ex: ExchangeParties, memberId: string): "accept" | "deliver" | "confirm" | null {
  const steps = allowedSteps(ex, memberId);
  if (steps.includes("accept")) return "accept";
  if (steps.includes("deliver")) return "deliver";
  if (steps.includes("confirm")) return "confirm";
  return null;
}

/** The state each step leads to. */
export const STEP_TARGET: Record<Exclude<ExchangeStep, "thank">, ExchangeState> = {
  accept: "accepted",
  decline: "declined",
  cancel: "cancelled",
  deliver: "delivered",
  confirm: "confirmed",
  dispute: "disputed",
};

export const STATE_LABELS: Record<ExchangeState, string> = {
  proposed: "Proposed",
  accepted: "Agreed",
  declined: "Declined",
  cancelled: "Cancelled",
  delivered: "Help given, waiting for confirmation",
  confirmed: "Confirmed",
  disputed: "Disputed",
  resolved: "Resolved by an admin",
};
