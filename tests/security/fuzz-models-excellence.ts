// The fuzz models of the excellence actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import { EXCELLENCE_THEMES } from "../../lib/excellence/themes";
import { choice, id, KEY, text, type ActionModel, type FieldSpec } from "./fuzz-kit";

const FILE = "app/excellence/actions.ts";
const REPORT_TEXT = (...valid: string[]) => text([10, 1000], ...valid);

export const EXCELLENCE_MODELS: Record<string, ActionModel> = {
  [`${FILE}#writeReportAction`]: {
    caller: "party",
    fields: {
      recipientId: id("self", "other.member", "other.pending", "other.suspended", "other.admin"),
      exchangeId: id("own.exchange.confirmed", "own.exchange.delivered", "own.exchange.proposed", "other.exchange.confirmed"),
      whatTheyDid: REPORT_TEXT("Built an SPC chart of our falls data with me.", "Ran our café-style huddle ☕ – every week ✓"),
      whyItMattered: REPORT_TEXT("I can now show the board the change is real.", "Patients noticed 🏥 and said «merci»."),
      themes: { kind: "list", of: choice(...EXCELLENCE_THEMES), max: 3 } as FieldSpec,
      requestKey: KEY,
    },
  },
  [`${FILE}#setReportShownAction`]: {
    caller: "party",
    keepsSetup: true,
    fields: {
      reportId: id("other.exchange.confirmed", "own.notification", "other.member"),
      shown: choice("true", "false"),
    },
  },
};
