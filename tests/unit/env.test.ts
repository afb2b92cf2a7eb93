import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { checkEnv, EnvError, readEnv, validateEnv } from "../../lib/env";

/** A production environment with every required setting well formed. */
const GOOD_PRODUCTION = {
  APP_ENV: "production",
  DATABASE_URL: "postgresql://timebank:secret@db.example.org:5432/timebank",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  SMTP_URL: "smtps://bank:secret@mail.example.org:465",
  APP_URL: "https://timebank.example.org",
};
const REQUIRED = ["DATABASE_URL", "AUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "SMTP_URL", "APP_URL"] as const;

function problemsOf(env: Record<string, string | undefined>): string[] {
  return checkEnv(env).problems;
}

function messageOf(env: Record<string, string | undefined>): string {
  try {
    validateEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as Error).message;
  }
  throw new Error("validateEnv accepted the environment");
}

describe("the environment at start-up", () => {
  it("accepts good production values", () => {
    expect(problemsOf(GOOD_PRODUCTION)).toEqual([]);
    expect(validateEnv({ ...GOOD_PRODUCTION, PORT: "3000", TIMEBANK_TRUSTED_PROXIES: "2", SMTP_URL: "smtp://mail.example.org:587" })).toMatchObject({
      PORT: 3000,
      TIMEBANK_TRUSTED_PROXIES: 2,
      APP_ENV: "production",
    });
  });

  it("needs nothing in development, and treats a blank value as unset", () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ APP_ENV: "development" })).toEqual([]);
    expect(problemsOf({ NODE_ENV: "development", DATABASE_URL: "", SMTP_URL: "  " })).toEqual([]);
  });

  it.each(REQUIRED)("names %s when it is missing in production, with how to make one", (name) => {
    const env: Record<string, string | undefined> = { ...GOOD_PRODUCTION, [name]: undefined };
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} is required in production`));
    expect(messageOf({ ...env })).toContain(`- ${name} is required in production`);
  });

  it("treats a bare next start (NODE_ENV=production, no APP_ENV) as production", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems.map((p) => p.split(" ")[0])).toEqual([...REQUIRED]);
  });

  it("lists every problem in one message, with how to make a secret", () => {
    const message = messageOf({ APP_ENV: "production", SMTP_URL: "mail.example.org" });
    for (const name of REQUIRED) expect(message).toContain(`- ${name} `);
    expect(message).toContain("5 settings need attention");
    expect(message).toContain("openssl rand -base64 32");
    expect(message).toContain("SMTP_URL must be a URL starting smtp:// or smtps://");
  });

  it("accepts APP_URL's place taken by AUTH_URL", () => {
    expect(problemsOf({ ...GOOD_PRODUCTION, APP_URL: undefined, AUTH_URL: "https://timebank.example.org/api/auth" })).toEqual([]);
  });

  it.each([
    ["AUTH_SECRET", "short-secret", /AUTH_SECRET is too short for production \(12 characters, at least 32\)/],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "not base64 at all!", /NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of a 32-byte key/],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", randomBytes(20).toString("base64"), /NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64/],
    ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", randomBytes(32).toString("base64url").replace(/^./, "-"), /NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64/],
    ["SMTP_URL", "https://mail.example.org", /SMTP_URL must be a URL starting smtp:\/\/ or smtps:\/\//],
    ["APP_URL", "timebank.example.org", /APP_URL must be a URL starting https:\/\/ or http:\/\//],
    ["DATABASE_URL", "mysql://db.example.org/timebank", /DATABASE_URL must be a URL starting postgresql:\/\/ or postgres:\/\//],
  ])("names a malformed %s (%s)", (name, value, expected) => {
    const problems = problemsOf({ ...GOOD_PRODUCTION, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it("never prints a secret's value", () => {
    const secret = "s3cr3t-value-that-must-not-leak";
    expect(messageOf({ ...GOOD_PRODUCTION, AUTH_SECRET: secret.slice(0, 20), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: secret })).not.toContain(secret.slice(0, 20));
  });

  it("accepts the AES key lengths Next.js accepts: 16, 24 and 32 bytes of base64", () => {
    for (const bytes of [16, 24, 32]) {
      expect(problemsOf({ ...GOOD_PRODUCTION, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(bytes).toString("base64") })).toEqual([]);
    }
  });

  it("refuses malformed settings in development too, but does not require them", () => {
    const problems = problemsOf({ APP_ENV: "development", PORT: "eighty", TIMEBANK_TRUSTED_PROXIES: "0", TIMEBANK_JOBS: "off", APP_ENV_TYPO: "x" });
    expect(problems).toEqual([
      "PORT must be a whole number from 0 to 65535.",
      "TIMEBANK_JOBS must be 0 or 1.",
      "TIMEBANK_TRUSTED_PROXIES must be a whole number from 1 to 10.",
    ]);
    expect(problemsOf({ APP_ENV: "staging" })).toEqual(["APP_ENV must be production, development or test."]);
    expect(problemsOf({ EMAIL_FROM: "QI Time Bank" })).toEqual(['EMAIL_FROM must be an address, e.g. "QI Time Bank <no-reply@timebank.example.org>".']);
  });
});

describe("the environment as the running app reads it", () => {
  const saved = process.env.TIMEBANK_TRUSTED_PROXIES;
  afterEach(() => {
    if (saved === undefined) delete process.env.TIMEBANK_TRUSTED_PROXIES;
    else process.env.TIMEBANK_TRUSTED_PROXIES = saved;
  });

  it("follows process.env as it changes, and reads a malformed value as unset", () => {
    process.env.TIMEBANK_TRUSTED_PROXIES = "3";
    expect(readEnv().TIMEBANK_TRUSTED_PROXIES).toBe(3);
    process.env.TIMEBANK_TRUSTED_PROXIES = "nonsense";
    expect(readEnv().TIMEBANK_TRUSTED_PROXIES).toBeUndefined();
  });
});
