// `npm start` against a real database (DATABASE_URL) is production unless APP_ENV says otherwise:
// it refuses to start without an email server, rather than drop members' sign-in links, and with
// a rate limit setting it cannot read, rather than run on the default.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";

const database = await useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, "../..");

function start(env: Record<string, string>) {
  const clean = { ...process.env };
  for (const k of ["APP_ENV", "SMTP_URL", "AUTH_SECRET", "NODE_ENV", "APP_URL", "AUTH_URL", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]) delete clean[k];
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...clean, DATABASE_URL: database.url, PORT: "0", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start in production", () => {
  it("refuses to start without SMTP_URL, saying which setting is missing", () => {
    const run = start({ AUTH_SECRET: "a-test-secret-that-is-long-enough-1234" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("SMTP_URL is required in production");
  });

  it("refuses to start with a rate limit setting it cannot read, naming it, rather than use the default", () => {
    const run = start({ SMTP_URL: "smtp://127.0.0.1:2525", AUTH_SECRET: "a-test-secret-that-is-long-enough-1234", TIMEBANK_RATE_LIMIT_MESSAGES: "lots" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('TIMEBANK_RATE_LIMIT_MESSAGES="lots" cannot be used');
  });

  it("refuses to start without AUTH_SECRET", () => {
    const run = start({ SMTP_URL: "smtp://127.0.0.1:2525" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("AUTH_SECRET is required");
  });

  it("names every missing or malformed setting in one message (lib/env.ts), as next start does", () => {
    const run = start({ AUTH_SECRET: "too-short", SMTP_URL: "mail.example.org" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("4 settings need attention");
    expect(run.stderr).toContain("APP_URL is required in production");
    expect(run.stderr).toContain("AUTH_SECRET is too short for production");
    expect(run.stderr).toContain("SMTP_URL must be a URL starting smtp:// or smtps://");
    expect(run.stderr).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is required in production");
    // APP_URL is not made up in production: the server it would name is only this machine.
    const withKey = start({
      AUTH_SECRET: "a-test-secret-that-is-long-enough-1234",
      SMTP_URL: "smtp://127.0.0.1:2525",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(withKey.status).not.toBe(0);
    expect(withKey.stderr).toContain("one setting needs attention");
    expect(withKey.stderr).toContain("APP_URL is required in production");
  });
});
