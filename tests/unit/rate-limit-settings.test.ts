// The rate limits' settings and words: overrides from the environment are read strictly (a bad
// one stops start-up, naming it), waits are told in whole minutes rounded up, long keys are
// hashed, and next-auth's own sign-in POST, which would skip the limits, is refused.
import { describe, expect, it } from "vitest";
import { refuseDirectSignIn } from "../../lib/auth/direct-sign-in";
import { EnvError, validateEnv } from "../../lib/env";
import { rateLimitKey } from "../../lib/rate-limit/consume";
import {
  parseRate,
  RATE_LIMIT_NAMES,
  RATE_LIMITS,
  rateLimitEnvName,
  rateLimitMessage,
  rateLimitSettingProblems,
  rateOf,
  tryAgainIn,
} from "../../lib/rate-limit/limits";

describe("rate limit overrides", () => {
  it("names each limit's variable after it", () => {
    expect(rateLimitEnvName("signInPerClient")).toBe("TIMEBANK_RATE_LIMIT_SIGN_IN_PER_CLIENT");
    expect(rateLimitEnvName("adminExports")).toBe("TIMEBANK_RATE_LIMIT_ADMIN_EXPORTS");
    expect(RATE_LIMIT_NAMES).toEqual(["signInPerAddress", "signInPerClient", "messages", "proposals", "adminExports", "auditRefusals"]);
  });

  it("reads a count per period in seconds, minutes, hours or days", () => {
    expect(parseRate("20/15m")).toEqual({ ok: true, rate: { count: 20, periodSeconds: 900 } });
    expect(parseRate(" 5 / 1h ")).toEqual({ ok: true, rate: { count: 5, periodSeconds: 3600 } });
    expect(parseRate("1/30s")).toEqual({ ok: true, rate: { count: 1, periodSeconds: 30 } });
    expect(parseRate("100/1d")).toEqual({ ok: true, rate: { count: 100, periodSeconds: 86_400 } });
  });

  it("refuses what it cannot read, saying why", () => {
    for (const bad of ["", "lots", "20", "20/15", "20/15 minutes", "-1/1m", "1.5/1m", "20/15M"]) {
      expect(parseRate(bad), bad).toMatchObject({ ok: false, problem: expect.stringContaining('like "30/10m"') });
    }
    expect(parseRate("0/1m")).toMatchObject({ ok: false, problem: expect.stringContaining("count must be between 1") });
    expect(parseRate("5/0s")).toMatchObject({ ok: false, problem: expect.stringContaining("period must be between") });
    expect(parseRate("5/31d")).toMatchObject({ ok: false, problem: expect.stringContaining("period must be between") });
    expect(parseRate("5000/1s")).toMatchObject({ ok: false, problem: expect.stringContaining("more than one per millisecond") });
  });

  it("uses an override, and the default without one", () => {
    expect(rateOf("messages", {})).toEqual({ count: RATE_LIMITS.messages.count, periodSeconds: RATE_LIMITS.messages.periodSeconds });
    expect(rateOf("messages", { TIMEBANK_RATE_LIMIT_MESSAGES: "" })).toEqual({ count: 30, periodSeconds: 600 });
    expect(rateOf("messages", { TIMEBANK_RATE_LIMIT_MESSAGES: "60/10m" })).toEqual({ count: 60, periodSeconds: 600 });
    expect(() => rateOf("messages", { TIMEBANK_RATE_LIMIT_MESSAGES: "lots" })).toThrow(/TIMEBANK_RATE_LIMIT_MESSAGES="lots" cannot be used/);
  });

  it("stops start-up on a bad value or a misspelt name, naming each, and never silently uses the default", () => {
    expect(rateLimitSettingProblems({ TIMEBANK_RATE_LIMIT_SIGN_IN_PER_CLIENT: "200/15m", PATH: "/bin" })).toEqual([]);
    const problems = rateLimitSettingProblems({ TIMEBANK_RATE_LIMIT_MESSAGES: "30 per 10 minutes", TIMEBANK_RATE_LIMIT_MESAGES: "30/10m" });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('TIMEBANK_RATE_LIMIT_MESSAGES="30 per 10 minutes" cannot be used');
    expect(problems[1]).toContain("TIMEBANK_RATE_LIMIT_MESAGES names no rate limit");
    // Start-up (lib/env.ts) lists them with every other problem, in any environment.
    expect(() => validateEnv({ APP_ENV: "development", TIMEBANK_RATE_LIMIT_PROPOSALS: "0/1h" })).toThrow(EnvError);
    expect(() => validateEnv({ APP_ENV: "development", TIMEBANK_RATE_LIMIT_PROPOSALS: "0/1h" })).toThrow(/TIMEBANK_RATE_LIMIT_PROPOSALS="0\/1h" cannot be used/);
    expect(() => validateEnv({ APP_ENV: "development" })).not.toThrow();
  });
});

describe("the words of a refusal", () => {
  it("says how many whole minutes to wait, rounded up, never 0", () => {
    expect(tryAgainIn(0)).toBe("Please try again in 1 minute.");
    expect(tryAgainIn(0.2)).toBe("Please try again in 1 minute.");
    expect(tryAgainIn(60)).toBe("Please try again in 1 minute.");
    expect(tryAgainIn(61)).toBe("Please try again in 2 minutes.");
    expect(tryAgainIn(181)).toBe("Please try again in 4 minutes.");
    expect(tryAgainIn(90 * 60)).toBe("Please try again in 90 minutes.");
    expect(tryAgainIn(90 * 60 + 1)).toBe("Please try again in 2 hours.");
  });

  it("names what was limited", () => {
    expect(rateLimitMessage("messages", 200)).toBe("You have sent a lot of messages in a short time. Please try again in 4 minutes.");
    for (const name of RATE_LIMIT_NAMES) expect(rateLimitMessage(name, 1)).toMatch(/\. Please try again in 1 minute\.$/);
  });
});

describe("rate limit keys", () => {
  it("keeps keys up to 200 characters, hashes longer ones, and names an empty one", () => {
    expect(rateLimitKey("198.51.100.7")).toBe("198.51.100.7");
    expect(rateLimitKey("a".repeat(200))).toBe("a".repeat(200));
    expect(rateLimitKey("a".repeat(201))).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rateLimitKey("a".repeat(201))).not.toBe(rateLimitKey("a".repeat(202)));
    expect(rateLimitKey("")).toBe("unknown");
  });
});

describe("next-auth's own sign-in endpoint", () => {
  const request = (method: string, path: string) => new Request(`http://localhost:3000${path}`, { method });

  it("refuses a POST that would email a sign-in link around the limits, however the path is written", async () => {
    for (const path of ["/api/auth/signin/nodemailer", "/api/auth/signin", "/api/auth//signin//nodemailer", "/api/auth/signin/nodemailer?callbackUrl=/x"]) {
      const res = refuseDirectSignIn(request("POST", path));
      expect(res?.status, path).toBe(405);
      expect(res?.headers.get("Allow")).toBe("GET");
      expect(await res?.json()).toEqual({ error: "Ask for a sign-in link on the sign-in page: /signin." });
    }
  });

  it("lets the link's callback, the session, the CSRF token and sign-out through", () => {
    for (const [method, path] of [
      ["GET", "/api/auth/callback/nodemailer?token=abc&email=a%40b.org"],
      ["GET", "/api/auth/session"],
      ["GET", "/api/auth/csrf"],
      ["GET", "/api/auth/signin"],
      ["POST", "/api/auth/signout"],
      ["POST", "/api/auth/session"],
      ["POST", "/api/auth/signinx"],
    ] as const) {
      expect(refuseDirectSignIn(request(method, path)), `${method} ${path}`).toBeNull();
    }
  });
});
