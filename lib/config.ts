// Settings read from the environment, in one place. "Production" is APP_ENV=production, or, when
// APP_ENV is unset, NODE_ENV=production: `npm start` on the embedded demo database sets
// APP_ENV=development, so a bare `next start` is treated as production and needs real SMTP.
export type AppEnv = "production" | "development" | "test";

export function appEnv(): AppEnv {
  const explicit = process.env.APP_ENV;
  if (explicit === "production" || explicit === "development" || explicit === "test") return explicit;
  if (process.env.NODE_ENV === "production") return "production";
  return process.env.NODE_ENV === "test" ? "test" : "development";
}

export const isProduction = (): boolean => appEnv() === "production";

/** SMTP server for all email, e.g. smtp://user:pass@mail.example.org:587. */
export function smtpUrl(): string | undefined {
  return process.env.SMTP_URL?.trim() || undefined;
}

export function emailFrom(): string {
  return process.env.EMAIL_FROM?.trim() || "QI Time Bank <no-reply@timebank.invalid>";
}

/**
 * Without SMTP outside production, email goes to the development mailbox (/dev/mailbox) and the
 * server log instead. Never in production.
 */
export function devMailboxEnabled(): boolean {
  return !isProduction() && !smtpUrl();
}

/** Test-only routes (the settable clock): on only when asked for, and never in production. */
export function testHooksEnabled(): boolean {
  return !isProduction() && process.env.TIMEBANK_TEST_HOOKS === "1";
}

/** How long a sign-in link works. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 10 * 60;
/** How long a session lasts without being used. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The address members reach the app at, for links in email. */
export function appUrl(): string {
  const explicit = process.env.APP_URL?.trim() || process.env.AUTH_URL?.trim();
  if (explicit) return explicit.replace(/\/+$/, "").replace(/\/api\/auth$/, "");
  return `http://localhost:${process.env.PORT || 3000}`;
}
