// Settings read from the environment, in one place; each variable is defined (and checked at
// start-up) in lib/env.ts. "Production" is APP_ENV=production, or, when APP_ENV is unset,
// NODE_ENV=production: `npm start` on the embedded demo database sets APP_ENV=development, so a
// bare `next start` is treated as production and needs real SMTP.
import { appEnvOf, readEnv, type AppEnv } from "./env";

export type { AppEnv };

export function appEnv(): AppEnv {
  return appEnvOf(readEnv().APP_ENV, process.env.NODE_ENV);
}

export const isProduction = (): boolean => appEnv() === "production";

/** SMTP server for all email, e.g. smtp://user:pass@mail.example.org:587. */
export function smtpUrl(): string | undefined {
  return readEnv().SMTP_URL;
}

export function emailFrom(): string {
  return readEnv().EMAIL_FROM ?? "QI Time Bank <no-reply@timebank.invalid>";
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
  return !isProduction() && readEnv().TIMEBANK_TEST_HOOKS === "1";
}

/** How long a sign-in link works. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 10 * 60;
/** How long a session lasts without being used. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The address members reach the app at, for links in email. */
export function appUrl(): string {
  const env = readEnv();
  const explicit = env.APP_URL ?? env.AUTH_URL;
  if (explicit) return explicit.replace(/\/+$/, "").replace(/\/api\/auth$/, "");
  return `http://localhost:${env.PORT || 3000}`;
}
