// The app's environment, defined once with zod. `validateEnv` runs at start-up (instrumentation.ts
// for `next start`, scripts/start.ts before it migrates): a malformed setting, or in production a
// missing one, stops the app with one message naming every problem and how to make a good value.
// `readEnv` is what the running app reads (lib/config.ts): a malformed value there counts as unset,
// so a setting that start-up would refuse never crashes a request halfway.
import { z } from "zod";
import { rateLimitSettingProblems } from "./rate-limit/limits";

export type AppEnv = "production" | "development" | "test";

const MIN_AUTH_SECRET_CHARS = 32;
/** What Next.js accepts for NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: base64 of an AES-GCM key. */
const AES_KEY_BYTES = [16, 24, 32];
const MAX_EMAIL_FROM_CHARS = 200;
const MAX_TRUSTED_PROXIES = 10;

const MAKE_SECRET = "make one with: openssl rand -base64 32";

function urlWithProtocol(protocols: string[], example: string) {
  const starts = protocols.map((p) => `${p}//`).join(" or ");
  return z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname !== "";
      } catch {
        return false;
      }
    },
    { error: `must be a URL starting ${starts}, e.g. ${example}` },
  );
}

function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `must be a whole number from ${min} to ${max}` }).max(max, { error: `must be a whole number from ${min} to ${max}` }));
}

const onOff = z.enum(["0", "1"], { error: "must be 0 or 1" });

/** Bytes of a base64 key exactly as Next.js decodes it (atob), or null when atob refuses it. */
function base64KeyBytes(value: string): number | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  try {
    return atob(value).length;
  } catch {
    return null;
  }
}

/** Every variable the app or `npm start` reads, as the string the environment holds (trimmed, never blank). */
const FIELDS = {
  APP_ENV: z.enum(["production", "development", "test"], { error: "must be production, development or test" }),
  DATABASE_URL: urlWithProtocol(["postgresql:", "postgres:"], "postgresql://user:password@host:5432/timebank"),
  AUTH_SECRET: z.string(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.string().refine((v) => AES_KEY_BYTES.includes(base64KeyBytes(v) ?? -1), {
    error: `must be base64 of a 32-byte key (16 and 24 bytes are accepted too), the same on every instance; ${MAKE_SECRET}`,
  }),
  SMTP_URL: urlWithProtocol(["smtp:", "smtps:"], "smtp://user:password@mail.example.org:587"),
  EMAIL_FROM: z
    .string()
    .max(MAX_EMAIL_FROM_CHARS, { error: `must be at most ${MAX_EMAIL_FROM_CHARS} characters` })
    .regex(/^[^\r\n]*[^\s@<>]@[^\s@<>][^\r\n]*$/, { error: 'must be an address, e.g. "QI Time Bank <no-reply@timebank.example.org>"' }),
  APP_URL: urlWithProtocol(["https:", "http:"], "https://timebank.example.org"),
  AUTH_URL: urlWithProtocol(["https:", "http:"], "https://timebank.example.org"),
  PORT: wholeNumber(0, 65535),
  TIMEBANK_JOBS: onOff,
  TIMEBANK_TRUSTED_PROXIES: wholeNumber(1, MAX_TRUSTED_PROXIES),
  TIMEBANK_TEST_HOOKS: onOff,
  TIMEBANK_DATA_DIR: z.string(),
  EMBEDDED_PG_PORT: wholeNumber(1, 65535),
  SEED_DEMO: onOff,
} satisfies Record<string, z.ZodType<unknown, string>>;

type Fields = typeof FIELDS;
export type EnvName = keyof Fields;
export type ServerEnv = { [K in EnvName]?: z.output<Fields[K]> };
export const ENV_NAMES = Object.keys(FIELDS) as EnvName[];

/**
 * Required in production, each with how to make a value. DATABASE_URL too: `next start` without
 * it cannot serve a single page (npm start always passes one).
 */
const REQUIRED_IN_PRODUCTION: Partial<Record<EnvName, string>> = {
  DATABASE_URL: "the bank's PostgreSQL, e.g. postgresql://user:password@host:5432/timebank",
  AUTH_SECRET: `signs sessions and sign-in links; at least ${MIN_AUTH_SECRET_CHARS} characters, ${MAKE_SECRET}`,
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: `encrypts server actions' data, the same on every instance; ${MAKE_SECRET}`,
  SMTP_URL: "the mail server for sign-in links, e.g. smtp://user:password@mail.example.org:587 (smtps:// for TLS from the start)",
  APP_URL: "the address members reach the bank at, for links in email, e.g. https://timebank.example.org (AUTH_URL is accepted instead)",
};

type Source = Record<string, string | undefined>;

function present(source: Source, name: string): string | undefined {
  const value = source[name]?.trim();
  return value ? value : undefined;
}

/** "production" is APP_ENV=production, or, when APP_ENV is unset, NODE_ENV=production. */
export function appEnvOf(appEnv: string | undefined, nodeEnv: string | undefined): AppEnv {
  if (appEnv === "production" || appEnv === "development" || appEnv === "test") return appEnv;
  if (nodeEnv === "production") return "production";
  return nodeEnv === "test" ? "test" : "development";
}

export interface EnvCheck {
  env: ServerEnv;
  appEnv: AppEnv;
  /** One line per problem, each naming its variable; empty when the environment is good. */
  problems: string[];
}

/** Checks every variable's format, and in production that the required ones are there. */
export function checkEnv(source: Source = process.env): EnvCheck {
  const env: ServerEnv = {};
  const problems: string[] = [];
  for (const name of ENV_NAMES) {
    const value = present(source, name);
    if (value === undefined) continue;
    const parsed = FIELDS[name].safeParse(value);
    if (parsed.success) (env as Record<string, unknown>)[name] = parsed.data;
    else problems.push(`${name} ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
  }
  // The rate limits' overrides (TIMEBANK_RATE_LIMIT_<NAME>): a value that cannot be read, or a name
  // that matches no limit, is a problem in every environment (lib/rate-limit/limits.ts).
  problems.push(...rateLimitSettingProblems(source));
  const appEnv = appEnvOf(env.APP_ENV, present(source, "NODE_ENV"));
  if (appEnv === "production") {
    for (const [name, how] of Object.entries(REQUIRED_IN_PRODUCTION) as [EnvName, string][]) {
      const given = present(source, name) ?? (name === "APP_URL" ? present(source, "AUTH_URL") : undefined);
      if (given === undefined) problems.push(`${name} is required in production: ${how}.`);
    }
    if (env.AUTH_SECRET !== undefined && env.AUTH_SECRET.length < MIN_AUTH_SECRET_CHARS) {
      problems.push(`AUTH_SECRET is too short for production (${env.AUTH_SECRET.length} characters, at least ${MIN_AUTH_SECRET_CHARS}); ${MAKE_SECRET}.`);
    }
  }
  return { env, appEnv, problems };
}

export class EnvError extends Error {
  constructor(readonly problems: string[], appEnv: AppEnv) {
    super(
      `The time bank cannot start (APP_ENV ${appEnv}): ${problems.length === 1 ? "one setting needs" : `${problems.length} settings need`} attention.\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        '\nSee "Environment variables" in README.md.',
    );
    this.name = "EnvError";
  }
}

/** The checked environment, or an EnvError listing every problem. */
export function validateEnv(source: Source = process.env): ServerEnv {
  const { env, appEnv, problems } = checkEnv(source);
  if (problems.length > 0) throw new EnvError(problems, appEnv);
  return env;
}

let cached: { key: string; env: ServerEnv } | undefined;

/**
 * The environment as the running app reads it: each well-formed value, a malformed one as unset
 * (start-up has refused it already). Read afresh when process.env changes, as tests do.
 */
export function readEnv(): ServerEnv {
  const key = ENV_NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, env: checkEnv(process.env).env };
  return cached.env;
}
