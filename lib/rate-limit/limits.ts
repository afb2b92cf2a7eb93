// The named rate limits, in one table: how many of what, per how long, keyed by what, and the
// first words a refused caller reads. Each can be changed without a release by an environment
// variable, TIMEBANK_RATE_LIMIT_<NAME>="<count>/<period>" (e.g. TIMEBANK_RATE_LIMIT_SIGN_IN_PER_CLIENT
// ="200/15m"); a value that cannot be read stops the app at start-up (lib/env.ts lists
// rateLimitSettingProblems with every other bad setting)
// rather than silently falling back to the default. docs/RATE-LIMITS.md explains each.
import { z } from "zod";

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export interface RateLimitRule {
  /** How many are allowed per period (also the largest burst). */
  count: number;
  periodSeconds: number;
  /** What one key is: an email address (hashed in the audit log), a client's IP, a member's id. */
  keyedBy: "address" | "client" | "member";
  /** What is counted, in words (docs, the audit log). */
  counts: string;
  /** The refusal's first sentence; "Please try again in N minutes." follows it. */
  refusal: string;
}

export const RATE_LIMITS = {
  signInPerAddress: {
    count: 5,
    periodSeconds: 15 * MINUTE,
    keyedBy: "address",
    counts: "sign-in emails sent to one address",
    refusal: "We have sent a lot of sign-in links to this address in a short time.",
  },
  signInPerClient: {
    count: 20,
    periodSeconds: 15 * MINUTE,
    keyedBy: "client",
    counts: "sign-in emails asked for from one client address",
    refusal: "A lot of sign-in links have been asked for from your network in a short time.",
  },
  messages: {
    count: 30,
    periodSeconds: 10 * MINUTE,
    keyedBy: "member",
    counts: "messages one member sends",
    refusal: "You have sent a lot of messages in a short time.",
  },
  proposals: {
    count: 20,
    periodSeconds: HOUR,
    keyedBy: "member",
    counts: "exchanges one member proposes",
    refusal: "You have proposed a lot of exchanges in a short time.",
  },
  adminExports: {
    count: 20,
    periodSeconds: 10 * MINUTE,
    keyedBy: "member",
    counts: "CSV downloads by one admin",
    refusal: "You have downloaded a lot of exports in a short time.",
  },
  auditRefusals: {
    count: 30,
    periodSeconds: 10 * MINUTE,
    keyedBy: "client",
    counts: "security rows (auth.refused, rate_limit.hit) written to the audit log for one client address (or member, without an address)",
    refusal: "Too many refused requests from one address were recorded in a short time.",
  },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;
export const RATE_LIMIT_NAMES = Object.keys(RATE_LIMITS) as RateLimitName[];

/** A limit's count and period: the default, or its environment override. */
export interface Rate {
  count: number;
  periodSeconds: number;
}

export const RATE_LIMIT_ENV_PREFIX = "TIMEBANK_RATE_LIMIT_";

/** "signInPerClient" -> "TIMEBANK_RATE_LIMIT_SIGN_IN_PER_CLIENT". */
export function rateLimitEnvName(name: RateLimitName): string {
  return RATE_LIMIT_ENV_PREFIX + name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

const UNIT_SECONDS = { s: 1, m: MINUTE, h: HOUR, d: 24 * HOUR } as const;
/** Bounds on an override: a count of 1 to a million, per 1 second to 30 days. */
const MAX_COUNT = 1_000_000;
const MAX_PERIOD_SECONDS = 30 * 24 * HOUR;
/** The time one use "costs" (period / count) must be at least this long, to be measured. */
const MIN_INTERVAL_MS = 1;

const FORMAT_HINT = 'write a count per period, like "30/10m" (the period in s, m, h or d)';

const rateSchema = z
  .string()
  .trim()
  .regex(/^\d{1,7}\s*\/\s*\d{1,6}\s*[smhd]$/, FORMAT_HINT)
  .transform((text): Rate => {
    const [, count, amount, unit] = /^(\d+)\s*\/\s*(\d+)\s*([smhd])$/.exec(text)!;
    return { count: Number(count), periodSeconds: Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS] };
  })
  .refine((r) => r.count >= 1 && r.count <= MAX_COUNT, `the count must be between 1 and ${MAX_COUNT.toLocaleString("en-GB")}`)
  .refine((r) => r.periodSeconds >= 1 && r.periodSeconds <= MAX_PERIOD_SECONDS, "the period must be between 1 second and 30 days")
  .refine((r) => (r.periodSeconds * 1000) / r.count >= MIN_INTERVAL_MS, "that is more than one per millisecond");

/** Parses one override's value ("20/15m"); the problem in words when it cannot be read. */
export function parseRate(value: string): { ok: true; rate: Rate } | { ok: false; problem: string } {
  const parsed = rateSchema.safeParse(value);
  if (parsed.success) return { ok: true, rate: parsed.data };
  return { ok: false, problem: parsed.error.issues[0]?.message ?? FORMAT_HINT };
}

type Env = Record<string, string | undefined>;

/** Every override that cannot be read, and every TIMEBANK_RATE_LIMIT_ variable naming no limit. */
export function rateLimitSettingProblems(env: Env = process.env): string[] {
  const problems: string[] = [];
  const known = new Set(RATE_LIMIT_NAMES.map(rateLimitEnvName));
  for (const [variable, value] of Object.entries(env)) {
    if (!variable.startsWith(RATE_LIMIT_ENV_PREFIX) || value === undefined || value.trim() === "") continue;
    if (!known.has(variable)) {
      problems.push(`${variable} names no rate limit (known: ${[...known].join(", ")}).`);
      continue;
    }
    const parsed = parseRate(value);
    if (!parsed.ok) problems.push(`${variable}=${JSON.stringify(value.slice(0, 40))} cannot be used: ${parsed.problem}.`);
  }
  return problems;
}

/** The count and period in force for a limit. A bad override throws (start-up has said so already). */
export function rateOf(name: RateLimitName, env: Env = process.env): Rate {
  const variable = rateLimitEnvName(name);
  const value = env[variable];
  if (value === undefined || value.trim() === "") return { count: RATE_LIMITS[name].count, periodSeconds: RATE_LIMITS[name].periodSeconds };
  const parsed = parseRate(value);
  if (!parsed.ok) throw new Error(`Rate limit settings: ${variable}=${JSON.stringify(value.slice(0, 40))} cannot be used: ${parsed.problem}.`);
  return parsed.rate;
}

/** "Please try again in 4 minutes." Whole minutes, rounded up (never "0 minutes"); hours past 90 minutes. */
export function tryAgainIn(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  if (minutes <= 90) return `Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  return `Please try again in ${Math.ceil(minutes / 60)} hours.`;
}

export function rateLimitMessage(name: RateLimitName, retryAfterSeconds: number): string {
  return `${RATE_LIMITS[name].refusal} ${tryAgainIn(retryAfterSeconds)}`;
}
