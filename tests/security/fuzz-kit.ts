// The building blocks of the fuzz models (tests/security/fuzz-models.ts): tokens, hostile values
// and field specs. Each area of the app may keep its action models in its own file
// (tests/security/fuzz-models-<area>.ts), which fuzz-models.ts spreads into ACTION_MODELS.
import fc from "fast-check";

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

export const NUMERIC_TEXT = [
  "0", "-0", "-0.0", "+0", "-1", "-15", "-60", "1", "1.5", "0.5", "0.1", "0.25", "0.0001", "1e-7", "14", "15", "16", "59", "60", "61",
  "90", "100", "1000", "5999", "6000", "6001", "20000", "60000", "60001", "1e308", "-1e308", "1e400", "-1e400", "2e-324",
  "9007199254740991", "9007199254740993", "-9007199254740993", "18446744073709551616", "4294967296", "2147483648", "-2147483649",
  "NaN", "-NaN", "nan", "Infinity", "-Infinity", "+Infinity", "infinity", "∞", "0x10", "0X1F", "-0x1", "0o17", "0b101", "017", "08",
  "1_000", "1,5", "1.", ".5", "+1", " 1 ", "\t2\n", "1 2", "2h", "1h30", "30m", "١٢", "１２", "½", "Ⅻ", "1e3", "1E3", "0.1e1",
  "00000000000000000000001", "1.0000000000000002", "0.30000000000000004", "true", "false", "null", "undefined", "[]", "{}", "[1]",
  "Number.MAX_VALUE", "1/0",
];

export const WEIRD_TEXT = [
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
export const oversize: fc.Arbitrary<Big> = fc.record({
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
export function withControlCharacter(samples: readonly string[]): fc.Arbitrary<Val> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.constantFrom(...CONTROL_CHARACTERS), fc.nat())
    .map(([text, control, at]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + control + text.slice(i);
    });
}

/** Text around a length limit: at it, one over it, over it only before trimming. */
export function atLimits(limits: number[]): fc.Arbitrary<Val> {
  return fc.tuple(fc.constantFrom(...limits.filter((n) => n > 0)), fc.constantFrom(0, 1, -1), fc.boolean()).map(([n, delta, padded]) => {
    const text = "a".repeat(Math.max(0, n + delta));
    return padded ? `  ${text}  ` : text;
  });
}

export const numberText: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom(...NUMERIC_TEXT), weight: 6 },
  { arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map(String), weight: 2 },
  { arbitrary: fc.double().map(String), weight: 2 },
  { arbitrary: fc.bigInt().map(String), weight: 1 },
  { arbitrary: hostileString, weight: 1 },
);

export const NON_UUIDS = [
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
export const OTHER_IDS: readonly RefName[] = [
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
export function idValue(refs: readonly RefName[]): fc.Arbitrary<Val> {
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

export const id = (...refs: RefName[]): FieldSpec => ({ kind: "id", refs: ["setup", ...refs] });
export const amount = (...valid: string[]): FieldSpec => ({ kind: "amount", valid });
export const text = (limits: number[], ...valid: string[]): FieldSpec => ({ kind: "text", valid, limits });
export const choice = (...values: string[]): FieldSpec => ({ kind: "enum", values });
export const KEY: FieldSpec = { kind: "key" };

export const NOTE = text([1000], "Brought the run chart templates.", "Café 👩‍⚕️ – über ✓ «notes»", "Two lines\nof note\twith a tab");
export const REASON = text([5, 500], "Repeated no-shows reported.", "Granted to the wrong member.", "Réunion ✓ – 🏥 confirmed");
export const HOURS = amount("0", "1", "2", "1.5", "0.25", "");
export const MINS = amount("0", "15", "30", "45", "");

export function enumValue(values: readonly string[]): fc.Arbitrary<Val> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 4 },
    { arbitrary: fc.constantFrom(...values).map((v) => v.toUpperCase()), weight: 1 },
    { arbitrary: fc.constantFrom(...values).map((v) => ` ${v} `), weight: 1 },
    { arbitrary: fc.constantFrom(...values).map((v) => `${v}\u0000`), weight: 1 },
    { arbitrary: fc.constantFrom("admin", "closed", "reversal", "grant", "credit", "debit", "open", "offer", "void", "all", "*", "__proto__", "toString", "constructor"), weight: 2 },
    { arbitrary: hostileString, weight: 2 },
  );
}

export function textValue(spec: { valid: readonly string[]; limits: number[] }): fc.Arbitrary<Val> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...spec.valid), weight: 3 },
    { arbitrary: atLimits(spec.limits), weight: 2 },
    { arbitrary: withControlCharacter(spec.valid), weight: 2 },
    { arbitrary: hostileString, weight: 4 },
  );
}

export const keyValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.uuid(), weight: 3 },
  { arbitrary: fc.constantFrom("k", "1234567", "12345678", "k".repeat(100), "k".repeat(101), "fuzz-key-1", "        ", "\u0000".repeat(8)), weight: 2 },
  { arbitrary: withControlCharacter(["a-valid-key-0001"]), weight: 1 },
  { arbitrary: hostileString, weight: 2 },
);

export const dateValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom("2031-01-15", "2027-06-30", "2024-02-29", "2023-02-29", "2027-02-30", "2027-13-01", "2027-00-10", "0000-01-01", "9999-12-31", "1970-01-01", "2027-1-1", "27-01-01", "2027-01-01T00:00:00Z", "2027/01/01", "01/02/2027", " 2031-01-15 ", "+002027-01-01", "-002027-01-01"), weight: 3 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), weight: 2 },
  { arbitrary: hostileString, weight: 2 },
);

export const emailValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@nhs.test`), weight: 3 },
  { arbitrary: fc.constantFrom("A@B.C", "a@b", "@nhs.test", "a@", "a@@nhs.test", "a b@nhs.test", "\"a\"@nhs.test", "a@nhs.test\u0000", "a@nhs.test\nBcc: x@evil.test", `${"a".repeat(250)}@nhs.test`, `${"a".repeat(64)}@${"b".repeat(190)}.test`, "a@[127.0.0.1]", "a@xn--nhs-0ra.test", "ä@nhs.test", " a@nhs.test "), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
);

export const urlValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.constantFrom("/dashboard", "/exchanges", "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "data:text/html,x", "http://localhost:3000/admin", "/%2F%2Fevil.example", "/\u0000", "\\\\evil.example"), weight: 3 },
  { arbitrary: hostileString, weight: 2 },
);

export const transferValue: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.record({ ref: fc.constantFrom<RefName>("setup", "own.transfer", "other.transfer"), i: fc.nat(7) }), weight: 4 },
  { arbitrary: fc.record({ ref: fc.constantFrom<RefName>("setup", "own.transfer", "other.transfer"), i: fc.nat(7), tweak: fc.constantFrom(...TWEAKS) }), weight: 1 },
  { arbitrary: fc.constantFrom("0", "-1", "1", "2", "01", "1.0", "1e3", "0x10", "999999999999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999", " 1 ", "#1"), weight: 3 },
  { arbitrary: fc.bigInt({ min: 1n, max: 999_999_999_999_999_999n }).map(String), weight: 1 },
  { arbitrary: hostileString, weight: 2 },
);

export const accountValue: fc.Arbitrary<Val> = fc.oneof(
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

export const EXTRA_KEYS = [
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

export function extraEntries(fieldNames: readonly string[], minLength: number): fc.Arbitrary<Entry[]> {
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

