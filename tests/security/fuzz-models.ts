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

// ---------------------------------------------------------------------------------------------
// Tokens

/** Ids the test prepares once per action (others') or takes from the caller's valid form. */
export const REF_NAMES = [
  "setup",
  "self",
  "party",
  "own.listing",
  "own.exchange.proposed",
  "own.exchange.accepted",
  "own.exchange.delivered",
  "own.exchange.confirmed",
  "own.exchange.disputed",
  "own.notification",
  "own.transfer",
  "own.account",
  "other.member",
  "other.pending",
  "other.suspended",
  "other.admin",
  "other.listing",
  "other.exchange.proposed",
  "other.exchange.accepted",
  "other.exchange.delivered",
  "other.exchange.confirmed",
  "other.exchange.disputed",
  "other.notification",
  "other.transfer",
  "other.account",
  "skill",
  "region",
] as const;
export type RefName = (typeof REF_NAMES)[number];

/** A resolved id, changed the ways a hand-edited form might change it. */
export const TWEAKS = ["upper", "spaced", "nul", "braces", "truncated", "doubled", "urn", "newline"] as const;
export type Tweak = (typeof TWEAKS)[number];

export type Ref = { ref: RefName; i: number; tweak?: Tweak };
export type Big = { repeat: string; times: number };
export type Val = string | Ref | Big;
export type Entry = [key: string, value: Val];

export interface FuzzInput {
  /** "valid": every field from the caller's valid form; "hostile": anything goes. */
  mode: "valid" | "hostile";
  entries: Entry[];
}

export const isRef = (v: Val): v is Ref => typeof v === "object" && "ref" in v;
export const isBig = (v: Val): v is Big => typeof v === "object" && "repeat" in v;

export function applyTweak(value: string, tweak: Tweak | undefined): string {
  switch (tweak) {
    case undefined:
      return value;
    case "upper":
      return value.toUpperCase();
    case "spaced":
      return ` ${value} `;
    case "nul":
      return `${value}\u0000`;
    case "braces":
      return `{${value}}`;
    case "truncated":
      return value.slice(0, -1);
    case "doubled":
      return value + value;
    case "urn":
      return `urn:uuid:${value}`;
    case "newline":
      return `${value}\n`;
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Control characters, including NUL (which PostgreSQL refuses in text). */
export const CONTROL_CHARACTERS = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0085", "\r"];

const NUMERIC_TEXT = [
  "0", "-0", "-0.0", "+0", "-1", "-15", "-60", "1", "1.5", "0.5", "0.1", "0.25", "0.0001", "1e-7", "14", "15", "16", "59", "60", "61",
  "90", "100", "1000", "5999", "6000", "6001", "20000", "60000", "60001", "1e308", "-1e308", "1e400", "-1e400", "2e-324",
  "9007199254740991", "9007199254740993", "-9007199254740993", "18446744073709551616", "4294967296", "2147483648", "-2147483649",
  "NaN", "-NaN", "nan", "Infinity", "-Infinity", "+Infinity", "infinity", "∞", "0x10", "0X1F", "-0x1", "0o17", "0b101", "017", "08",
  "1_000", "1,5", "1.", ".5", "+1", " 1 ", "\t2\n", "1 2", "2h", "1h30", "30m", "١٢", "１２", "½", "Ⅻ", "1e3", "1E3", "0.1e1",
  "00000000000000000000001", "1.0000000000000002", "0.30000000000000004", "true", "false", "null", "undefined", "[]", "{}", "[1]",
  "Number.MAX_VALUE", "1/0",
];

const WEIRD_TEXT = [
  "", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u200b", "\ufeff", "\u3000", "\u0000", "a\u0000b", "\u0000".repeat(12), "\u0007bell",
  "\u001b[31mred\u001b[0m", "\u007f", "\u0085", "\u2028", "\u2029", "\u202eevil\u202c", "\u200f\u200e\u200f", "\u2066isolate\u2069",
  "👩‍⚕️🏥", "🏳️‍🌈".repeat(20), "e\u0301\u0301\u0301\u0301\u0301", "Z\u0337\u0321\u031ba\u0336l\u0338g\u0334o\u0335", "\ud800", "\udfff",
  "a\ud800b", "ﷺ", "𒐫", "\u0130\u0131", "ß", "Ꭰ", "' OR '1'='1", "'; DROP TABLE members; --", "\"; SELECT 1; --", "$$ $1 $$",
  "\\x00", "\\u0000", "%00", "%0d%0aSet-Cookie: x=1", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
  "javascript:alert(1)", "${7*7}", "{{7*7}}", "#{7*7}", "../../etc/passwd", "\\", "\"", "'", "`", "__proto__", "constructor",
  "prototype", "toString", "hasOwnProperty", "[object Object]", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-1+1",
  '{"__proto__":{"polluted":true}}', "[]", "{}", "null", "undefined",
];

/** 10,000 to 200,000 characters of one kind: plain, accented, emoji, NUL, spaces, RTL. */
const oversize: fc.Arbitrary<Big> = fc.record({
  repeat: fc.constantFrom("x", "é", "😀", "\u0000", " ", "\u202e", "a\u0301", "<b>", "1"),
  times: fc.integer({ min: 10_000, max: 200_000 }),
});

/** Any hostile string, for any field. */
export const hostileString: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom(...WEIRD_TEXT), weight: 5 },
  { arbitrary: fc.constantFrom(...NUMERIC_TEXT), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...CONTROL_CHARACTERS, "a", " ", "\n"), minLength: 1, maxLength: 20 }), weight: 1 },
  { arbitrary: oversize, weight: 1 },
);

/** Text that would be valid but for one control character somewhere in it. */
function withControlCharacter(samples: readonly string[]): fc.Arbitrary<Val> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.constantFrom(...CONTROL_CHARACTERS), fc.nat())
    .map(([text, control, at]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + control + text.slice(i);
    });
}

/** Text around a length limit: at it, one over it, over it only before trimming. */
function atLimits(limits: number[]): fc.Arbitrary<Val> {
  return fc.tuple(fc.constantFrom(...limits.filter((n) => n > 0)), fc.constantFrom(0, 1, -1), fc.boolean()).map(([n, delta, padded]) => {
    const text = "a".repeat(Math.max(0, n + delta));
    return padded ? `  ${text}  ` : text;
  });
}

const numberText: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom(...NUMERIC_TEXT), weight: 6 },
  { arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map(String), weight: 2 },
  { arbitrary: fc.double().map(String), weight: 2 },
  { arbitrary: fc.bigInt().map(String), weight: 1 },
  { arbitrary: hostileString, weight: 1 },
);

const NON_UUIDS = [
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-0000-0000-00000000000g",
  "12345678-1234-1234-1234-1234567890123",
  "12345678123412341234123456789012",
  "not-a-uuid",
  "1",
  "0",
  "-1",
  "1e3",
  "' OR 1=1 --",
  "*",
  "%",
  "_",
  "null",
  "none",
  "community",
];

/** Others' ids of every kind, offered to every id field (an exchange id where a member id goes, …). */
const OTHER_IDS: readonly RefName[] = [
  "self",
  "other.member",
  "other.pending",
  "other.suspended",
  "other.admin",
  "other.listing",
  "other.exchange.proposed",
  "other.exchange.delivered",
  "other.exchange.disputed",
  "other.notification",
  "own.listing",
  "own.exchange.proposed",
  "own.exchange.confirmed",
  "own.notification",
  "skill",
  "region",
];

/** An id: the valid one, the caller's own, another member's (of each kind), unknown, malformed. */
function idValue(refs: readonly RefName[]): fc.Arbitrary<Val> {
  const anyRef = fc.constantFrom(...refs, ...OTHER_IDS);
  return fc.oneof(
    { arbitrary: fc.record({ ref: anyRef, i: fc.nat(7) }), weight: 6 },
    { arbitrary: fc.record({ ref: anyRef, i: fc.nat(7), tweak: fc.constantFrom(...TWEAKS) }), weight: 2 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: fc.constantFrom(...NON_UUIDS), weight: 2 },
    { arbitrary: hostileString, weight: 1 },
  );
}


// ---------------------------------------------------------------------------------------------
// Fields

export type FieldSpec =
  | { kind: "id"; refs: readonly RefName[] }
  | { kind: "amount"; valid: readonly string[] }
  | { kind: "text"; valid: readonly string[]; limits: number[] }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "key" }
  | { kind: "date" }
  | { kind: "email" }
  | { kind: "url" }
  | { kind: "transfer" }
  | { kind: "account" }
  /** A list sent as repeated fields (skills, email kinds). */
  | { kind: "list"; of: FieldSpec; max: number };

const id = (...refs: RefName[]): FieldSpec => ({ kind: "id", refs: ["setup", ...refs] });
const amount = (...valid: string[]): FieldSpec => ({ kind: "amount", valid });
const text = (limits: number[], ...valid: string[]): FieldSpec => ({ kind: "text", valid, limits });
const choice = (...values: string[]): FieldSpec => ({ kind: "enum", values });
const KEY: FieldSpec = { kind: "key" };

const NOTE = text([1000], "Brought the run chart templates.", "Café 👩‍⚕️ – über ✓ «notes»", "Two lines\nof note\twith a tab");
const REASON = text([5, 500], "Repeated no-shows reported.", "Granted to the wrong member.", "Réunion ✓ – 🏥 confirmed");
const HOURS = amount("0", "1", "2", "1.5", "0.25", "");
const MINS = amount("0", "15", "30", "45", "");

function enumValue(values: readonly string[]): fc.Arbitrary<Val> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 4 },
    { arbitrary: fc.constantFrom(...values).map((v) => v.toUpperCase()), weight: 1 },
    { arbitrary: fc.constantFrom(...values).map((v) => ` ${v} `), weight: 1 },
    { arbitrary: fc.constantFrom(...values).map((v) => `${v}\u0000`), weight: 1 },
    { arbitrary: fc.constantFrom("admin", "closed", "reversal", "grant", "credit", "debit", "open", "offer", "void", "all", "*", "__proto__", "toString", "constructor"), weight: 2 },
    { arbitrary: hostileString, weight: 2 },
  );
}

function textValue(spec: { valid: readonly string[]; limits: number[] }): fc.Arbitrary<Val> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...spec.valid), weight: 3 },
    { arbitrary: atLimits(spec.limits), weight: 2 },
    { arbitrary: withControlCharacter(spec.valid), weight: 2 },
    { arbitrary: hostileString, weight: 4 },
  );
}

const keyValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.uuid(), weight: 3 },
  { arbitrary: fc.constantFrom("k", "1234567", "12345678", "k".repeat(100), "k".repeat(101), "fuzz-key-1", "        ", "\u0000".repeat(8)), weight: 2 },
  { arbitrary: withControlCharacter(["a-valid-key-0001"]), weight: 1 },
  { arbitrary: hostileString, weight: 2 },
);

const dateValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom("2031-01-15", "2027-06-30", "2024-02-29", "2023-02-29", "2027-02-30", "2027-13-01", "2027-00-10", "0000-01-01", "9999-12-31", "1970-01-01", "2027-1-1", "27-01-01", "2027-01-01T00:00:00Z", "2027/01/01", "01/02/2027", " 2031-01-15 ", "+002027-01-01", "-002027-01-01"), weight: 3 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), weight: 2 },
  { arbitrary: hostileString, weight: 2 },
);

const emailValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@nhs.test`), weight: 3 },
  { arbitrary: fc.constantFrom("A@B.C", "a@b", "@nhs.test", "a@", "a@@nhs.test", "a b@nhs.test", "\"a\"@nhs.test", "a@nhs.test\u0000", "a@nhs.test\nBcc: x@evil.test", `${"a".repeat(250)}@nhs.test`, `${"a".repeat(64)}@${"b".repeat(190)}.test`, "a@[127.0.0.1]", "a@xn--nhs-0ra.test", "ä@nhs.test", " a@nhs.test "), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
);

const urlValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom("/dashboard", "/exchanges", "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "data:text/html,x", "http://localhost:3000/admin", "/%2F%2Fevil.example", "/\u0000", "\\\\evil.example"), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
);

const transferValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.record({ ref: fc.constantFrom<RefName>("setup", "own.transfer", "other.transfer"), i: fc.nat(7) }), weight: 4 },
  { arbitrary: fc.record({ ref: fc.constantFrom<RefName>("setup", "own.transfer", "other.transfer"), i: fc.nat(7), tweak: fc.constantFrom(...TWEAKS) }), weight: 1 },
  { arbitrary: fc.constantFrom("0", "-1", "1", "2", "01", "1.0", "1e3", "0x10", "999999999999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999", " 1 ", "#1"), weight: 3 },
  { arbitrary: fc.bigInt({ min: 1n, max: 999_999_999_999_999_999n }).map(String), weight: 1 },
  { arbitrary: hostileString, weight: 2 },
);

const accountValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.record({ ref: fc.constantFrom<RefName>("setup", "own.account", "other.account"), i: fc.nat(7) }), weight: 4 },
  { arbitrary: fc.constantFrom("0", "-1", "1", "01", "1.5", "999999999", "1000000000", "2147483648", "1e3", "0x10", " 1"), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
);

/** A hostile or valid value for one field (a list field gives a list of values). */
export function fieldValue(spec: FieldSpec): fc.Arbitrary<Val | Val[]> {
  switch (spec.kind) {
    case "id":
      return idValue(spec.refs);
    case "amount":
      return fc.oneof({ arbitrary: fc.constantFrom(...spec.valid), weight: 2 }, { arbitrary: numberText, weight: 5 });
    case "text":
      return textValue(spec);
    case "enum":
      return enumValue(spec.values);
    case "key":
      return keyValue;
    case "date":
      return dateValue;
    case "email":
      return emailValue;
    case "url":
      return urlValue;
    case "transfer":
      return transferValue;
    case "account":
      return accountValue;
    case "list":
      return fc.array(fieldValue(spec.of) as fc.Arbitrary<Val>, { maxLength: spec.max + 3 });
  }
}

// ---------------------------------------------------------------------------------------------
// Extra keys

const EXTRA_KEYS = [
  "__proto__",
  "__proto__[]",
  "__proto__.polluted",
  "constructor",
  "constructor[]",
  "constructor.prototype.polluted",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "__lookupGetter__",
  "isPrototypeOf",
  "polluted",
  "$ACTION_ID_x",
  "$ACTION_ID_0123456789abcdef",
  "$ACTION_REF_1",
  "$ACTION_1:0",
  "$ACTION_KEY",
  "role",
  "status",
  "isAdmin",
  "actorId",
  "ownerId",
  "providerId",
  "payerId",
  "memberId",
  "balanceMinutes",
  "floorMinutes",
  "id",
  "",
  "[]",
  "\u0000",
  "a".repeat(300),
];

function extraEntries(fieldNames: readonly string[], minLength: number): fc.Arbitrary<Entry[]> {
  const keys = [...EXTRA_KEYS, ...fieldNames.map((n) => `${n}[]`)];
  const value: fc.Arbitrary<Val> = fc.oneof(
    { arbitrary: fc.constantFrom("polluted", "admin", "active", "true", '{"polluted":true}', "[object Object]", "0"), weight: 2 },
    { arbitrary: fc.record({ ref: fc.constantFrom<RefName>("setup", "self", "other.member", "other.admin"), i: fc.nat(3) }), weight: 1 },
    { arbitrary: hostileString, weight: 2 },
  );
  return fc.array(fc.tuple(fc.constantFrom(...keys), value), { minLength, maxLength: 4 });
}

// ---------------------------------------------------------------------------------------------
// Inputs

export interface InputModel {
  fields: Record<string, FieldSpec>;
}

/**
 * How inputs are drawn: wholly valid; valid fields plus extra keys (__proto__, role=admin, …);
 * or at least one field hostile, dropped or repeated (the others valid, so that each hostile
 * value gets past the checks of the fields before it).
 */
export const MODE_WEIGHTS = { valid: 10, validWithExtras: 5, hostile: 85 } as const;

/** The input arbitrary for one action or route. */
export function inputArbitrary(model: InputModel): fc.Arbitrary<FuzzInput> {
  const names = Object.keys(model.fields);
  const setup: Val = { ref: "setup", i: 0 };
  const validEntries = names.map((name): Entry => [name, setup]);
  const valid: fc.Arbitrary<FuzzInput> = fc.constant({ mode: "valid" as const, entries: validEntries });
  const validWithExtras: fc.Arbitrary<FuzzInput> = extraEntries(names, 1).map((extras) => ({ mode: "valid" as const, entries: [...validEntries, ...extras] }));
  if (names.length === 0) {
    return fc.oneof({ arbitrary: valid, weight: MODE_WEIGHTS.valid }, { arbitrary: validWithExtras, weight: MODE_WEIGHTS.hostile });
  }
  const corrupted = names.map((name) => {
    const one = fieldValue(model.fields[name]!);
    return fc.oneof(
      { arbitrary: one, weight: 8 },
      { arbitrary: fc.constant<Val | Val[] | undefined>(undefined), weight: 1 },
      // The same field two or three times (a list where one value is expected).
      { arbitrary: fc.array(fc.oneof(fc.constant(setup), one as fc.Arbitrary<Val>), { minLength: 2, maxLength: 3 }), weight: 1 },
    );
  });
  const indices = names.map((_, i) => i);
  const hostile: fc.Arbitrary<FuzzInput> = fc
    .tuple(fc.tuple(...corrupted), fc.subarray(indices, { minLength: 1 }), extraEntries(names, 0), fc.boolean())
    .map(([values, which, extras, extrasFirst]) => {
      const own = names.flatMap((name, i): Entry[] => {
        const value = which.includes(i) ? values[i] : setup;
        return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): Entry => [name, v]);
      });
      return { mode: "hostile" as const, entries: extrasFirst ? [...extras, ...own] : [...own, ...extras] };
    });
  return fc.oneof(
    { arbitrary: valid, weight: MODE_WEIGHTS.valid },
    { arbitrary: validWithExtras, weight: MODE_WEIGHTS.validWithExtras },
    { arbitrary: hostile, weight: MODE_WEIGHTS.hostile },
  );
}

// ---------------------------------------------------------------------------------------------
// The actions' fields (from each action's zod schema) and who calls them

export interface ActionModel extends InputModel {
  /** "party": the active member the action is about; "admin": an active admin (admin-only actions). */
  caller: "party" | "admin";
  /** A success leaves the valid form valid (an edit, a setting): no new one is built after it. */
  keepsSetup?: true;
  /** The party has no exchange waiting for confirmation or disputed (closing an account needs that). */
  settledParty?: true;
  /** An admin action that uses its member up (suspending them, reversing their grant): a new member per valid form. */
  freshParty?: true;
  /** Inputs that found a bug once, tried first on every run (fast-check's `examples`). */
  examples?: FuzzInput[];
}

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

const REPORTS = ["hours-per-month", "members-per-month", "top-skills", "hours-by-group", "balance-spread"];

/** Keyed by the matrix id of each route. */
export const ROUTE_MODELS: Record<string, RouteModel> = {
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
