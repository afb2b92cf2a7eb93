// The fuzz models of the campaign actions (issue 8), keyed by matrix id (tests/security/fuzz-models.ts
// explains them). Starting and editing are called as an admin; the rest as the party (the member
// joining or giving, the organiser spending).
import { HOURS, KEY, MINS, amount, id, text, type ActionModel, type FieldSpec } from "./fuzz-kit";

const FILE = "app/campaigns/actions.ts";
/** Ids of every kind but a campaign (the valid form's own campaign is "setup"). */
const CAMPAIGN_ID: FieldSpec = id("own.listing", "other.listing", "other.member", "region");

const CAMPAIGN_FIELDS = {
  title: text([3, 120], "Home for lunch", "Café QI ☕ – “Everyone’s voice” ✓", "<b>Bold</b> & 'quoted'"),
  aim: text([10, 1000], "Half of discharges before noon by March.", "Réduire les déchets de 30 % 📉 d’ici juin."),
  whyItMatters: text([10, 2000], "Every extra night costs older patients their strength.", "Two lines\nof reasons 🏥"),
  startsOn: { kind: "date" } as FieldSpec,
  endsOn: { kind: "date" } as FieldSpec,
  targetHours: amount("1", "40", "100000"),
  skillIds: { kind: "list", of: id("skill", "region", "other.member"), max: 10 } as FieldSpec,
  organiserIds: { kind: "list", of: id("party", "other.member", "other.pending", "other.suspended", "other.admin"), max: 10 } as FieldSpec,
  organiserEmails: { kind: "email" } as FieldSpec,
};
const POOL_FIELDS = {
  hours: HOURS,
  mins: MINS,
  minutes: amount("15", "60", "6000"),
  note: text([200], "For the discharge lounge", "Für das Team ✓"),
  requestKey: KEY,
};

export const CAMPAIGNS_MODELS: Record<string, ActionModel> = {
  [`${FILE}#createCampaignAction`]: { caller: "admin", keepsSetup: true, fields: { ...CAMPAIGN_FIELDS, hubId: id("region", "skill", "other.member"), requestKey: KEY } },
  [`${FILE}#updateCampaignAction`]: { caller: "admin", keepsSetup: true, fields: { campaignId: CAMPAIGN_ID, ...CAMPAIGN_FIELDS } },
  [`${FILE}#joinCampaignAction`]: { caller: "party", keepsSetup: true, fields: { campaignId: CAMPAIGN_ID } },
  [`${FILE}#leaveCampaignAction`]: { caller: "party", keepsSetup: true, fields: { campaignId: CAMPAIGN_ID } },
  [`${FILE}#donateToCampaignAction`]: { caller: "party", keepsSetup: true, fields: { campaignId: CAMPAIGN_ID, ...POOL_FIELDS } },
  [`${FILE}#spendCampaignPoolAction`]: {
    caller: "party",
    keepsSetup: true,
    fields: { campaignId: CAMPAIGN_ID, listingId: id("own.listing", "other.listing", "other.member"), ...POOL_FIELDS },
  },
};
