// Every action the audit log records, with the words the admin audit page shows for it. Adding
// an audited action means adding it here (a unit test checks that every action written by lib/
// is listed).
export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_out": "Signed out",
  "auth.refused": "Refused: not signed in or not allowed",
  "rate_limit.hit": "Refused: too many in a short time (rate limit)",
  "member.approve": "Approved a member",
  "member.decline": "Declined a member",
  "member.suspend": "Suspended a member",
  "member.reactivate": "Reactivated a member",
  "member.set_floor": "Set a member's floor",
  "member.close": "Closed their account",
  "admin.create": "Made an admin (command line)",
  "settings.update": "Changed the bank's settings",
  "ledger.reverse": "Reversed a transfer",
  "ledger.adjust": "Posted an adjustment",
  "ledger.grant": "Posted a grant",
  "ledger.check": "Ran a ledger check",
  "ledger.export": "Exported ledger CSV",
  "dispute.resolve": "Resolved a dispute",
  "audit.export": "Exported the audit log",
  "reports.export": "Exported a report",
  "hub.create": "Created a hub",
  "hub.update": "Changed a hub",
  "hub.add_coordinator": "Named a hub coordinator",
  "hub.remove_coordinator": "Removed a hub coordinator",
  "method.save": "Wrote or edited a method library page",
  "campaign.create": "Started a campaign",
  "campaign.update": "Changed a campaign",
  "campaign.spend": "Paid hours from a campaign's pool",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function describeAuditAction(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
