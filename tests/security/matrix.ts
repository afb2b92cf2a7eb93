// The authorisation matrix: every server action and route handler of the app against every kind
// of caller, with what must happen. tests/security/matrix.test.ts calls each cell (directly, and a
// sample over HTTP against `next start` in tests/e2e/security-http.spec.ts), fails when an action
// or route exists that this table does not list, and checks that SECURITY.md shows this table.
//
// Columns (CALLER_KINDS): anonymous; a pending member; a suspended member; an active member who is
// the party the action is about (the owner of the listing, the party whose step it is, the member
// themselves); an active member who is not; an admin who is not a party; a coordinator of the
// party's hub; a coordinator of another hub. Pending and suspended callers are the party themselves
// (the strongest case: even their own things are refused).
import { randomUUID } from "node:crypto";
import { exchangeAt, form, member, offerBy, type World } from "./harness";
import {
  A, N, R, ACTIVE_PARTY_ONLY, ADMIN_ONLY, ANY_ACTIVE, ANY_SIGNED_IN, ANYONE, BASE, SIGNED_IN_NOT_SUSPENDED, action, key, other, route, row,
  type Entry,
} from "./matrix-kit";
import { CAMPAIGNS_MATRIX } from "./matrix-campaigns";
import { HUBS_MATRIX } from "./matrix-hubs";
import { IMPROVEMENT_MATRIX } from "./matrix-improvement";

export * from "./matrix-kit";

const EX = "app/exchanges/actions.ts";

export const MATRIX: Entry[] = [
  // --- Improvement work: projects, reports of excellence, the method library, certificates --
  ...IMPROVEMENT_MATRIX,
  // --- Hubs and their coordinators ---------------------------------------------------------
  ...HUBS_MATRIX,
  // --- Campaigns and their pools ---------------------------------------------------------------
  ...CAMPAIGNS_MATRIX,
  // --- Exchanges ------------------------------------------------------------------------------
  action(EX, "proposeExchangeAction", {
    who: "any active member, on another member's open listing",
    party: "the member proposing",
    expect: ANY_ACTIVE,
    http: true,
    setup: async (world) => form({ listingId: (await offerBy(world, (await other(world)).id)).id, hours: "1", mins: "0", requestKey: key() }),
  }),
  action(EX, "acceptExchangeAction", {
    who: "the party who did not propose",
    party: "the provider of a proposed exchange",
    expect: ACTIVE_PARTY_ONLY,
    http: true,
    setup: async (world, party) => form({ exchangeId: await exchangeAt(world, "proposed", party, await other(world)) }),
  }),
  action(EX, "declineExchangeAction", {
    who: "the party who did not propose",
    party: "the provider of a proposed exchange",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ exchangeId: await exchangeAt(world, "proposed", party, await other(world)), reason: "Not this month" }),
  }),
  action(EX, "cancelExchangeAction", {
    who: "either party, while proposed or agreed",
    party: "the provider of a proposed exchange",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ exchangeId: await exchangeAt(world, "proposed", party, await other(world)) }),
  }),
  action(EX, "deliverExchangeAction", {
    who: "the provider, once agreed",
    party: "the provider of an agreed exchange",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ exchangeId: await exchangeAt(world, "accepted", party, await other(world)), hours: "1", mins: "0" }),
  }),
  action(EX, "confirmExchangeAction", {
    who: "the member helped, once the help is recorded",
    party: "the payer of a delivered exchange",
    expect: ACTIVE_PARTY_ONLY,
    http: true,
    setup: async (world, party) => form({ exchangeId: await exchangeAt(world, "delivered", await other(world), party) }),
  }),
  action(EX, "disputeExchangeAction", {
    who: "the member helped, once the help is recorded",
    party: "the payer of a delivered exchange",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) =>
      form({ exchangeId: await exchangeAt(world, "delivered", await other(world), party), reason: "We never met for the session." }),
  }),
  action(EX, "thankExchangeAction", {
    who: "the member helped, once confirmed, once",
    party: "the payer of a confirmed exchange",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) =>
      form({ exchangeId: await exchangeAt(world, "confirmed", await other(world), party), thanks: "Thank you, that helped." }),
  }),
  action(EX, "sendMessageAction", {
    who: "either party",
    party: "the provider of a proposed exchange",
    expect: ACTIVE_PARTY_ONLY,
    http: true,
    setup: async (world, party) =>
      form({ exchangeId: await exchangeAt(world, "proposed", party, await other(world)), body: "Shall we meet on Tuesday?", requestKey: key() }),
  }),
  // --- Listings -------------------------------------------------------------------------------
  action("app/listings/actions.ts", "createListingAction", {
    who: "any active member (for themselves)",
    party: "the member listing",
    expect: ANY_ACTIVE,
    setup: async (world) =>
      form({ kind: "offer", title: "Run chart clinic", description: "An hour on run charts for your ward data.", skillId: world.skillId, hours: "1", mins: "0", requestKey: key() }),
  }),
  action("app/listings/actions.ts", "updateListingAction", {
    who: "the listing's owner",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    http: true,
    setup: async (world, party) =>
      form({ listingId: (await offerBy(world, party.id)).id, title: "Run chart clinic, revised", description: "Ninety minutes on run charts.", skillId: world.skillId, hours: "1", mins: "30" }),
  }),
  action("app/listings/actions.ts", "setListingStatusAction", {
    who: "the listing's owner",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ listingId: (await offerBy(world, party.id)).id, status: "paused" }),
  }),
  // --- Members (their own account) --------------------------------------------------------------
  action("app/join/actions.ts", "completeProfileAction", {
    who: "any signed-in member who is not suspended (their own profile)",
    party: "the member themselves",
    expect: SIGNED_IN_NOT_SUSPENDED,
    setup: async (world) => profileForm(world),
  }),
  action("app/profile/actions.ts", "updateProfileAction", {
    who: "any signed-in member who is not suspended (their own profile)",
    party: "the member themselves",
    expect: SIGNED_IN_NOT_SUSPENDED,
    http: true,
    setup: async (world) => profileForm(world),
  }),
  action("app/settings/actions.ts", "emailPreferencesAction", {
    who: "any signed-in member (their own settings)",
    party: "the member themselves",
    expect: ANY_SIGNED_IN,
    setup: async () => form({ kinds: ["exchange.proposed"] }),
  }),
  action("app/settings/actions.ts", "closeAccountAction", {
    who: "any signed-in member (their own account), with nothing open",
    party: "the member themselves",
    expect: ANY_SIGNED_IN,
    setup: async () => form({ confirm: "CLOSE" }),
  }),
  action("app/notifications/actions.ts", "markReadAction", {
    who: "any signed-in member (their own notifications)",
    party: "the member the notification is for",
    expect: row([R, A, A, A, N, N]),
    setup: async (world, party) => {
      const n = await world.prisma.notification.create({ data: { memberId: party.id, kind: "exchange.proposed", title: "A proposal", body: "Someone proposed an exchange." } });
      return form({ id: n.id });
    },
  }),
  action("app/dashboard/donate/actions.ts", "donateAction", {
    who: "any active member (from their own account)",
    party: "the giver",
    expect: ANY_ACTIVE,
    http: true,
    setup: async (world) => form({ to: (await other(world)).id, hours: "1", mins: "0", requestKey: key() }),
  }),
  action("app/signin/actions.ts", "requestSignInLink", {
    who: "anyone (the answer never says whether the address is a member)",
    party: "the address's owner",
    expect: ANYONE,
    setup: async () => form({ email: `someone-${randomUUID().slice(0, 8)}@nhs.test` }),
  }),
  action("app/signin/actions.ts", "signOutAction", {
    who: "anyone (ends their own session only)",
    party: "the member themselves",
    expect: ANYONE,
    setup: async () => form({}),
  }),
  // --- Admin ----------------------------------------------------------------------------------
  action("app/admin/members/actions.ts", "approveMemberAction", {
    who: "an active admin",
    party: "a member (not the one approved)",
    expect: ADMIN_ONLY,
    http: true,
    setup: async (world) => form({ memberId: (await member(world, { status: "pending", balanceMinutes: 0 })).id }),
  }),
  action("app/admin/members/actions.ts", "declineMemberAction", {
    who: "an active admin",
    party: "a member (not the one declined)",
    expect: ADMIN_ONLY,
    setup: async (world) => form({ memberId: (await member(world, { status: "pending", balanceMinutes: 0 })).id, reason: "We could not confirm your workplace." }),
  }),
  action("app/admin/members/actions.ts", "suspendMemberAction", {
    who: "an active admin, not on themselves",
    party: "the member suspended",
    expect: ADMIN_ONLY,
    setup: async (world, party) => form({ memberId: party.id, reason: "Repeated no-shows reported." }),
  }),
  action("app/admin/members/actions.ts", "reactivateMemberAction", {
    who: "an active admin",
    party: "a member (not the one reactivated)",
    expect: ADMIN_ONLY,
    setup: async (world) => form({ memberId: (await member(world, { status: "suspended" })).id, reason: "Spoke with them; all resolved." }),
  }),
  action("app/admin/members/actions.ts", "setMemberFloorAction", {
    who: "an active admin, not on themselves",
    party: "the member whose floor it is",
    expect: ADMIN_ONLY,
    setup: async (world, party) => form({ memberId: party.id, hours: "20", mins: "0", reason: "Leads the sepsis collaborative." }),
  }),
  action("app/admin/disputes/actions.ts", "resolveDisputeAction", {
    who: "an active admin who is not a party to the exchange",
    party: "the payer of the disputed exchange",
    expect: ADMIN_ONLY,
    setup: async (world, party) =>
      form({ exchangeId: await exchangeAt(world, "disputed", await other(world), party), outcome: "void", note: "Neither of you could confirm the session." }),
  }),
  action("app/admin/ledger/actions.ts", "runCheckAction", {
    who: "an active admin",
    party: "any member",
    expect: ADMIN_ONLY,
    setup: async () => form({ kind: "trial_balance" }),
  }),
  action("app/admin/ledger/actions.ts", "reverseTransferAction", {
    who: "an active admin, not on their own account",
    party: "the member the transfer credited",
    expect: ADMIN_ONLY,
    http: true,
    setup: async (world, party) => {
      const grant = await world.prisma.ledgerTransfer.findFirstOrThrow({ where: { kind: "grant", creditAccountId: party.accountId } });
      return form({ transferId: String(grant.id), reason: "Granted to the wrong member." });
    },
  }),
  action("app/admin/ledger/actions.ts", "postCorrectionAction", {
    who: "an active admin, not on their own account",
    party: "the member corrected",
    expect: ADMIN_ONLY,
    setup: async (world, party) =>
      form({ kind: "grant", memberId: party.id, hours: "2", mins: "0", reason: "Ran the QI fair stand.", requestKey: key() }),
  }),
  action("app/admin/settings/actions.ts", "saveBankSettingsAction", {
    who: "an active admin",
    party: "any member",
    expect: ADMIN_ONLY,
    setup: async () => form({ name: `Bank ${randomUUID().slice(0, 6)}`, joiningMode: "approval", hours: "2", mins: "0", defaultFloorHours: "10" }),
  }),
  // --- Route handlers -------------------------------------------------------------------------
  route("GET", "app/api/health/route.ts", {
    who: "anyone (says only whether the database answers)",
    party: "—",
    expect: ANYONE,
    http: true,
    setup: async () => ({ url: `${BASE}/api/health` }),
  }),
  route("GET", "app/api/my-data/route.ts", {
    who: "any signed-in member (their own data only)",
    party: "the member themselves",
    expect: ANY_SIGNED_IN,
    http: true,
    setup: async () => ({ url: `${BASE}/api/my-data` }),
  }),
  route("POST", "app/api/test/clock/route.ts", {
    who: "nobody: exists only with TIMEBANK_TEST_HOOKS=1 outside production",
    party: "—",
    expect: row([R, R, R, R, R, R]),
    setup: async () => ({ url: `${BASE}/api/test/clock`, init: { method: "POST", body: JSON.stringify({ advanceDays: 1 }), headers: { "content-type": "application/json" } } }),
  }),
  route("GET", "app/admin/ledger/export/route.ts", {
    who: "an active admin",
    party: "any member",
    expect: ADMIN_ONLY,
    http: true,
    setup: async () => ({ url: `${BASE}/admin/ledger/export` }),
  }),
  route("GET", "app/admin/ledger/accounts/[id]/export/route.ts", {
    who: "an active admin",
    party: "the account's member",
    expect: ADMIN_ONLY,
    setup: async (_world, party) => ({ url: `${BASE}/admin/ledger/accounts/${party.accountId}/export`, params: { id: String(party.accountId) } }),
  }),
  route("GET", "app/admin/audit/export/route.ts", {
    who: "an active admin",
    party: "any member",
    expect: ADMIN_ONLY,
    setup: async () => ({ url: `${BASE}/admin/audit/export` }),
  }),
  route("GET", "app/admin/reports/[report]/csv/route.ts", {
    who: "an active admin",
    party: "any member",
    expect: ADMIN_ONLY,
    setup: async () => ({ url: `${BASE}/admin/reports/hours-per-month/csv`, params: { report: "hours-per-month" } }),
  }),
  {
    kind: "http-only",
    id: "GET /api/auth/[...nextauth]",
    who: "anyone: next-auth's session, CSRF and sign-in link endpoints",
    party: "—",
    expect: ANYONE,
    why: "next-auth's own handler; its link redemption is raced over HTTP and its session read is what every other cell uses",
  },
  {
    kind: "http-only",
    id: "POST /api/auth/[...nextauth]",
    who: "nobody for sign-in: POST /api/auth/signin/* answers 405 (links are sent only by requestSignInLink, which is rate-limited); next-auth's other POSTs need its CSRF token",
    party: "—",
    expect: row([R, R, R, R, R, R]),
    why: "next-auth's own handler; checked over HTTP",
  },
];

async function profileForm(world: World): Promise<FormData> {
  return form({
    name: "Priya Natarajan",
    profession: "Nurse",
    organisationId: "none",
    regionId: world.regionId,
    bio: "Sepsis improvement lead on the acute wards.",
    skills: [world.skillId],
    tags: "sepsis, flow",
    availability: "Tuesday afternoons",
  });
}
