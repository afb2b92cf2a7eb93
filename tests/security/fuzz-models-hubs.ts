// The fuzz models of the hub actions (issue 8), keyed by matrix id (tests/security/fuzz-models.ts
// explains them). Called as an admin, who may do all of them.
import { id, text, type ActionModel, type FieldSpec } from "./fuzz-kit";

const HUB_FIELDS = {
  name: text([3, 100], "North Coast Partnership", "Réseau Nord ✓ – 🏥"),
  description: text([10, 1000], "Trusts and practices on the north coast.", "Two lines\nof description"),
  organisationIds: { kind: "list", of: id("region", "skill", "other.member"), max: 500 } as FieldSpec,
};

export const HUBS_MODELS: Record<string, ActionModel> = {
  "app/admin/hubs/actions.ts#createHubAction": { caller: "admin", fields: { ...HUB_FIELDS } },
  "app/admin/hubs/actions.ts#updateHubAction": { caller: "admin", keepsSetup: true, fields: { hubId: id("region", "skill", "other.member"), ...HUB_FIELDS } },
  "app/admin/hubs/actions.ts#addCoordinatorAction": {
    caller: "admin",
    fields: { hubId: id("region", "other.member"), email: { kind: "email" } as FieldSpec },
  },
  "app/admin/hubs/actions.ts#removeCoordinatorAction": { caller: "admin", fields: { hubId: id("region", "other.member"), memberId: id("party", "other.member", "other.admin") } },
  "app/hub/actions.ts#approveHubMemberAction": { caller: "admin", fields: { memberId: id("party", "other.pending", "other.member") } },
  "app/hub/actions.ts#declineHubMemberAction": {
    caller: "admin",
    fields: { memberId: id("party", "other.pending", "other.member"), reason: text([5, 500], "Please add your role to your profile first.", "Rôle manquant ✗") },
  },
};
