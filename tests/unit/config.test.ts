import { afterEach, describe, expect, it } from "vitest";
import { appEnv, appUrl, devMailboxEnabled, isProduction, testHooksEnabled } from "../../lib/config";
import { safeCallbackUrl } from "../../lib/auth/callback-url";
import { normaliseEmail } from "../../lib/auth/email-address";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["APP_ENV", "NODE_ENV", "SMTP_URL", "TIMEBANK_TEST_HOOKS", "APP_URL", "AUTH_URL", "PORT"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("the app's environment", () => {
  it("is production under next start unless APP_ENV says otherwise", () => {
    delete process.env.APP_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    expect(appEnv()).toBe("production");
    process.env.APP_ENV = "development";
    expect(isProduction()).toBe(false);
  });

  it("uses the development mailbox only outside production and without SMTP", () => {
    process.env.APP_ENV = "development";
    delete process.env.SMTP_URL;
    expect(devMailboxEnabled()).toBe(true);
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    expect(devMailboxEnabled()).toBe(false);
    delete process.env.SMTP_URL;
    process.env.APP_ENV = "production";
    expect(devMailboxEnabled()).toBe(false);
  });

  it("never turns the test hooks on in production", () => {
    process.env.TIMEBANK_TEST_HOOKS = "1";
    process.env.APP_ENV = "production";
    expect(testHooksEnabled()).toBe(false);
    process.env.APP_ENV = "development";
    expect(testHooksEnabled()).toBe(true);
    delete process.env.TIMEBANK_TEST_HOOKS;
    expect(testHooksEnabled()).toBe(false);
  });

  it("builds links from APP_URL without a trailing slash", () => {
    process.env.APP_URL = "https://bank.example.org/";
    expect(appUrl()).toBe("https://bank.example.org");
    delete process.env.APP_URL;
    delete process.env.AUTH_URL;
    process.env.PORT = "3100";
    expect(appUrl()).toBe("http://localhost:3100");
  });
});

describe("where sign-in returns to", () => {
  it("keeps paths inside the app", () => {
    expect(safeCallbackUrl("/exchanges/1?tab=x")).toBe("/exchanges/1?tab=x");
  });

  it("refuses other sites, protocol-relative and odd paths", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", 42, "/signin", "/a\nb"]) {
      expect(safeCallbackUrl(bad)).toBe("/dashboard");
    }
  });
});

describe("email addresses", () => {
  it("are trimmed and lower-cased so one person has one account", () => {
    expect(normaliseEmail("  Ann.Lee@NHS.net ")).toBe("ann.lee@nhs.net");
  });

  it("refuses what is not an address", () => {
    expect(() => normaliseEmail("ann")).toThrow();
    expect(() => normaliseEmail(`${"a".repeat(250)}@x.org`)).toThrow();
  });
});
