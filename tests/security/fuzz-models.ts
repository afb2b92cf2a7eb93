// Adversarial inputs for every server action (and the route handlers that read a query string or
// a path segment), built from each action's real field names and limits. A generated input is a
// list of form entries whose values are literal strings or tokens that tests/security/fuzz.test.ts
// resolves against the database it prepared: "setup" (the field's value in a valid form that
// tests/security/matrix.ts builds for the caller), "self" (the caller's own id), ids belonging to
// other members (their exchanges, listings, notifications, transfers, accounts) and oversize text
// (a token, so that a counterexample prints as "x".repeat(200000) rather than 200,000 characters).
//
// One input in ten is wholly valid ("setup" for every field) and one in twenty is valid with extra
// keys, so success paths run too; the rest make at least one field hostile (or drop or repeat
// it), keep the others valid, and add keys such as __proto__, constructor and $ACTION_ID_x.
import fc from "fast-check";
import { NOTIFICATION_KINDS } from "../../lib/notifications/kinds";
import {
  ActionModel, Entry, FieldSpec, HOURS, KEY, MINS, NOTE, REASON, amount, choice, id, inputArbitrary, text,
} from "./fuzz-kit";
import { CERTIFICATES_ROUTE_MODELS } from "./fuzz-models-certificates";
import { CAMPAIGNS_MODELS } from "./fuzz-models-campaigns";
import { HUBS_MODELS } from "./fuzz-models-hubs";
import { IMPROVEMENT_MODELS } from "./fuzz-models-improvement";

export * from "./fuzz-kit";

const STEP = { exchangeId: id("own.exchange.proposed", "own.exchange.accepted", "own.exchange.delivered", "own.exchange.confirmed", "own.exchange.disputed", "other.exchange.accepted", "other.exchange.confirmed") };
const LISTING_FIELDS = {
  title: text([3, 120], "Run chart clinic", "Café QI ☕ – 30 min ✓", "<b>Bold</b> & 'quoted'"),
  description: text([10, 2000], "An hour on run charts for your ward data.", "Ünïcödé description with emoji 📈 and RTL \u05e9\u05dc\u05d5\u05dd."),
  skillId: id("skill"),
  tags: { kind: "list", of: text([2, 30], "sepsis", "flow", "pdsa"), max: 8 } as FieldSpec,
  hours: HOURS,
  mins: MINS,
  estimatedMinutes: amount("15", "60", "6000"),
  wantedBy: { kind: "date" } as FieldSpec,
};
const PROFILE_FIELDS = {
  name: text([2, 100], "Priya Natarajan", "Siân O’Brien-Łukasz", "José 👩‍⚕️"),
  profession: choice("Nurse", "Doctor", "Allied health professional", "Pharmacist", "Healthcare scientist", "Manager", "Analyst", "Improvement specialist", "Patient partner", "Other"),
  organisationId: { kind: "id", refs: ["setup", "region", "skill"] } as FieldSpec,
  regionId: id("region"),
  bio: text([10, 1000], "Sepsis improvement lead on the acute wards.", "Bio with emoji 🏥 and accents: naïve café."),
  skills: { kind: "list", of: id("skill"), max: 10 } as FieldSpec,
  tags: text([30], "sepsis, flow", "#QI, Sepsis ,  sepsis", ",,,"),
  availability: text([300], "Tuesday afternoons", ""),
};

const EX = "app/exchanges/actions.ts";

/** Keyed by the matrix id (tests/security/matrix.ts) of each server action. */
export const ACTION_MODELS: Record<string, ActionModel> = {
  ...IMPROVEMENT_MODELS,
  ...HUBS_MODELS,
  ...CAMPAIGNS_MODELS,
  [`${EX}#proposeExchangeAction`]: {
    caller: "party",
    keepsSetup: true,
    fields: {
      listingId: id("own.listing", "other.listing"),
      hours: HOURS,
      mins: MINS,
      minutes: amount("15", "60", "6000"),
      note: NOTE,
      requestKey: KEY,
    },
  },
  [`${EX}#acceptExchangeAction`]: { caller: "party", fields: { ...STEP } },
  [`${EX}#declineExchangeAction`]: { caller: "party", fields: { ...STEP, reason: text([500], "Not this month", "Pas ce mois-ci ✗") } },
  [`${EX}#cancelExchangeAction`]: { caller: "party", fields: { ...STEP } },
  [`${EX}#deliverExchangeAction`]: {
    caller: "party",
    fields: { ...STEP, hours: HOURS, mins: MINS, minutesGiven: amount("1", "60", "61"), note: NOTE },
  },
  [`${EX}#confirmExchangeAction`]: { caller: "party", fields: { ...STEP } },
  [`${EX}#disputeExchangeAction`]: { caller: "party", fields: { ...STEP, reason: text([10, 1000], "We never met for the session.", "Nobody came — 🙁 at all.") } },
  [`${EX}#thankExchangeAction`]: {
    caller: "party",
    fields: { ...STEP, thanks: text([1, 1000], "Thank you, that helped.", "Merci 🙏"), learned: NOTE },
  },
  [`${EX}#sendMessageAction`]: {
    caller: "party",
    keepsSetup: true,
    fields: { ...STEP, body: text([1, 4000], "Shall we meet on Tuesday?", "Émoji 📅 and <b>tags</b>"), requestKey: KEY },
  },
  "app/listings/actions.ts#createListingAction": {
    caller: "party",
    keepsSetup: true,
    fields: { kind: choice("offer", "request"), ...LISTING_FIELDS, requestKey: KEY },
  },
  "app/listings/actions.ts#updateListingAction": {
    caller: "party",
    keepsSetup: true,
    fields: { listingId: id("own.listing", "other.listing"), ...LISTING_FIELDS },
  },
  "app/listings/actions.ts#setListingStatusAction": {
    caller: "party",
    fields: { listingId: id("own.listing", "other.listing"), status: choice("open", "paused", "closed") },
  },
  "app/join/actions.ts#completeProfileAction": { caller: "party", keepsSetup: true, fields: { ...PROFILE_FIELDS } },
  "app/profile/actions.ts#updateProfileAction": { caller: "party", keepsSetup: true, fields: { ...PROFILE_FIELDS } },
  "app/settings/actions.ts#emailPreferencesAction": {
    caller: "party",
    keepsSetup: true,
    fields: { kinds: { kind: "list", of: choice(...Object.keys(NOTIFICATION_KINDS)), max: Object.keys(NOTIFICATION_KINDS).length } },
  },
  "app/settings/actions.ts#closeAccountAction": { caller: "party", keepsSetup: true, settledParty: true, fields: { confirm: choice("CLOSE", " CLOSE ", "close", "CLOSE\u0000") } },
  "app/notifications/actions.ts#markReadAction": { caller: "party", keepsSetup: true, fields: { id: id("own.notification", "other.notification") } },
  "app/dashboard/donate/actions.ts#donateAction": {
    caller: "party",
    keepsSetup: true,
    fields: {
      to: { kind: "id", refs: ["setup", "self", "other.member", "other.pending", "other.suspended", "other.admin"] },
      hours: HOURS,
      mins: MINS,
      minutes: amount("15", "60", "6000"),
      note: text([200], "For the sepsis collaborative", "Für das Team ✓"),
      requestKey: KEY,
    },
  },
  "app/signin/actions.ts#requestSignInLink": { caller: "party", keepsSetup: true, fields: { email: { kind: "email" }, callbackUrl: { kind: "url" } } },
  "app/signin/actions.ts#signOutAction": { caller: "party", keepsSetup: true, fields: {} },
  "app/admin/members/actions.ts#approveMemberAction": { caller: "admin", fields: { memberId: id("party", "other.pending", "other.member") } },
  "app/admin/members/actions.ts#declineMemberAction": {
    caller: "admin",
    fields: { memberId: id("party", "other.pending", "other.member"), reason: text([5, 500], "We could not confirm your workplace.", "Lieu de travail non confirmé ✗") },
  },
  "app/admin/members/actions.ts#suspendMemberAction": { caller: "admin", freshParty: true, fields: { memberId: id("party", "other.member", "other.admin"), reason: REASON } },
  "app/admin/members/actions.ts#reactivateMemberAction": { caller: "admin", fields: { memberId: id("party", "other.suspended", "other.member"), reason: REASON } },
  "app/admin/members/actions.ts#setMemberFloorAction": {
    caller: "admin",
    keepsSetup: true,
    fields: { memberId: id("party", "other.member", "other.admin"), hours: amount("0", "20", "1000", "1000.5"), mins: MINS, floorMinutesBelowZero: amount("0", "600", "60000"), reason: REASON },
  },
  "app/admin/disputes/actions.ts#resolveDisputeAction": {
    caller: "admin",
    fields: {
      exchangeId: id("own.exchange.disputed", "other.exchange.disputed", "other.exchange.delivered"),
      outcome: choice("recorded", "amount", "void"),
      hours: HOURS,
      mins: MINS,
      minutes: amount("1", "30", "60"),
      note: text([10, 1000], "Neither of you could confirm the session.", "Résolu après appel ✓ 📞"),
    },
  },
  "app/admin/ledger/actions.ts#runCheckAction": { caller: "admin", keepsSetup: true, fields: { kind: choice("trial_balance", "reconcile", "verify_chain") } },
  "app/admin/ledger/actions.ts#reverseTransferAction": { caller: "admin", freshParty: true, fields: { transferId: { kind: "transfer" }, reason: REASON } },
  "app/admin/ledger/actions.ts#postCorrectionAction": {
    caller: "admin",
    keepsSetup: true,
    fields: {
      kind: choice("grant", "adjustment"),
      memberId: id("party", "other.member", "other.admin", "other.suspended"),
      direction: choice("credit", "debit"),
      hours: HOURS,
      mins: MINS,
      minutes: amount("1", "60", "60000"),
      reason: REASON,
      requestKey: KEY,
    },
  },
  "app/admin/settings/actions.ts#saveBankSettingsAction": {
    caller: "admin",
    keepsSetup: true,
    fields: {
      name: text([2, 80], "Bank of QI", "Banque du temps ✓"),
      joiningMode: choice("approval", "open"),
      hours: amount("0", "2", "20", "20.5"),
      mins: MINS,
      welcomeGrantMinutes: amount("0", "120", "1200"),
      defaultFloorHours: amount("0", "10", "1000"),
      defaultFloorMinutes: amount("0", "-600", "-60000"),
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Route handlers that read input: query strings and path segments

export interface RouteModel {
  caller: "party" | "admin";
  /** The path, from the resolved path segments. */
  path: (params: Record<string, string | undefined>) => string;
  /** Path segments (passed as the handler's params). */
  params: Record<string, FieldSpec>;
  /** Query string parameters. */
  query: Record<string, FieldSpec>;
  /** Inputs that found a bug once, tried first on every run (fast-check's `examples`). */
  examples?: RouteInput[];
}

/** A path segment as a browser would send it: a lone surrogate cannot be percent-encoded, so it becomes U+FFFD. */
export const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

const REPORTS = ["hours-per-month", "members-per-month", "top-skills", "hours-by-group", "balance-spread", "hours-by-stage", "hours-by-skill"];

/** Keyed by the matrix id of each route. */
export const ROUTE_MODELS: Record<string, RouteModel> = {
  ...CERTIFICATES_ROUTE_MODELS,
  "GET /api/my-data": { caller: "party", path: () => "/api/my-data", params: {}, query: { format: choice("json", "csv"), member: id("other.member") } },
  "GET /admin/ledger/export": {
    caller: "admin",
    path: () => "/admin/ledger/export",
    params: {},
    query: {
      member: id("other.member", "self"),
      kind: choice("exchange", "grant", "donation", "adjustment", "reversal"),
      state: choice("reversed", "standing", "reversal"),
      from: { kind: "date" },
      to: { kind: "date" },
      min: amount("1", "60"),
      max: amount("60", "6000"),
    },
    // Year 0 is a date to JavaScript, not to PostgreSQL.
    examples: [
      { mode: "hostile", params: [], query: [["from", "0000-01-01"]] },
      { mode: "hostile", params: [], query: [["to", "0000-01-01"]] },
    ],
  },
  "GET /admin/ledger/accounts/[id]/export": {
    caller: "admin",
    path: (p) => `/admin/ledger/accounts/${encodeURIComponent(wellFormed(p.id ?? ""))}/export`,
    params: { id: { kind: "account" } },
    query: {},
  },
  "GET /admin/audit/export": {
    caller: "admin",
    path: () => "/admin/audit/export",
    params: {},
    query: {
      actor: id("self", "other.member"),
      action: choice("member.suspend", "member.", "auth.refused", "auth.sign_in"),
      targetType: choice("member", "transfer", "exchange", "listing"),
      targetId: id("other.member", "other.transfer"),
      from: { kind: "date" },
      to: { kind: "date" },
      ip: choice("203.0.113.7", "2001:db8::1", "::1"),
    },
    examples: [
      { mode: "hostile", params: [], query: [["from", "0000-01-01"]] },
      { mode: "hostile", params: [], query: [["to", "0000-01-01"]] },
      // NUL in a filter, which the export's own audit row stores.
      { mode: "hostile", params: [], query: [["actor", "\u0000"]] },
      { mode: "hostile", params: [], query: [["targetType", "member"], ["targetId", "\u0000"]] },
    ],
  },
  "GET /admin/reports/[report]/csv": {
    caller: "admin",
    path: (p) => `/admin/reports/${encodeURIComponent(wellFormed(p.report ?? ""))}/csv`,
    params: { report: choice(...REPORTS) },
    query: { months: amount("1", "6", "12", "24") },
  },
};

/** A route's input: path segments and query entries, in the same token form. */
export interface RouteInput {
  mode: "valid" | "hostile";
  params: Entry[];
  query: Entry[];
}

export function routeArbitrary(model: RouteModel): fc.Arbitrary<RouteInput> {
  const params = inputArbitrary({ fields: model.params });
  const query = inputArbitrary({ fields: model.query });
  return fc.tuple(params, query).map(([p, q]) => ({
    mode: p.mode === "valid" && q.mode === "valid" ? ("valid" as const) : ("hostile" as const),
    // A path segment is one value: the first of repeated ones, extra keys dropped.
    params: p.entries.filter(([key], i, all) => Object.hasOwn(model.params, key) && all.findIndex(([k]) => k === key) === i),
    query: q.entries,
  }));
}
