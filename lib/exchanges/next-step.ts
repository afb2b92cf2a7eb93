// What happens next in an exchange, in words for one of its parties. Pages show it in the list
// and in the detail's status header, so both say the same.
import type { ExchangeState } from "../db/generated/client";
import { formatDay } from "../format/date";
import { formatMinutes } from "../format/minutes";

export interface NextStepInput {
  state: ExchangeState;
  providerId: string;
  payerId: string;
  proposedById: string;
  agreedMinutes: number;
  deliveredMinutes: number | null;
  autoConfirmAt: Date | null;
  thankedAt: Date | null;
}

export function whatHappensNext(ex: NextStepInput, viewerId: string, otherName: string): string {
  const isProvider = ex.providerId === viewerId;
  const agreed = formatMinutes(ex.agreedMinutes);
  const given = formatMinutes(ex.deliveredMinutes ?? ex.agreedMinutes);
  const autoDate = ex.autoConfirmAt ? ` If nobody acts, it is confirmed automatically on ${formatDay(ex.autoConfirmAt)}.` : "";
  switch (ex.state) {
    case "proposed":
      if (ex.proposedById === viewerId) return `Waiting for ${otherName} to accept or decline.`;
      return isProvider
        ? `${otherName} asks for ${agreed} of your help. Accept or decline.`
        : `${otherName} offers ${agreed} of help. If you accept, ${agreed} is held from your hours until you confirm.`;
    case "accepted":
      return isProvider
        ? `Give the help, then record how long it took.`
        : `${otherName} gives the help, then records it. ${agreed} is held from your hours until then.`;
    case "delivered":
      return isProvider
        ? `Waiting for ${otherName} to confirm the ${given} you gave.${autoDate}`
        : `${otherName} recorded ${given} of help. Confirm it, or dispute it if something is wrong.${autoDate}`;
    case "confirmed":
      if (isProvider) return `Done: ${given} moved to your hours.`;
      return ex.thankedAt ? `Done: ${given} paid from your hours.` : `Done: ${given} paid from your hours. You can say thank you to ${otherName}.`;
    case "disputed":
      return "An admin will look at the dispute and decide. The hours stay held until then.";
    case "resolved":
      return "An admin resolved this exchange. Nothing more to do.";
    case "declined":
      return "The proposal was declined. Nothing more to do.";
    case "cancelled":
      return "The exchange was cancelled and nothing was paid. Nothing more to do.";
  }
}
