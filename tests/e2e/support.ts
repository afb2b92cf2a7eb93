// Shared steps for the browser tests: reading the email the app sent to the test SMTP listener,
// signing in by emailed link, the e2e database, the clock, screenshots and axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_PG_PORT } from "../../playwright.config";

const MAILBOX_FILE = path.resolve(import.meta.dirname, "../../.data/e2e-mail.jsonl");

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  at: number;
}

export function mails(): Mail[] {
  return readFileSync(MAILBOX_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Mail);
}

export async function waitForMail(match: (m: Mail) => boolean, { timeoutMs = 20_000, after = 0 } = {}): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mails().filter((m) => m.at >= after).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching email in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function linkFrom(mail: Mail, pathPrefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`No ${pathPrefix} link in "${mail.subject}"`);
  return link;
}

/** Asks for a sign-in link in the browser, receives the email over SMTP and follows the link. */
export async function signInByEmail(page: Page, email: string, callbackPath?: string): Promise<string> {
  const asked = Date.now();
  await page.goto(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : "/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await waitForMail((m) => m.to.includes(email.toLowerCase()) && /sign-in link/i.test(m.subject), { after: asked });
  const link = linkFrom(mail, "/api/auth/callback/nodemailer");
  await page.goto(link);
  return link;
}

export async function withDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/timebank` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Moves the app's clock forward and runs the exchange sweep through the job queue. */
export async function advanceClock(page: Page, days: number): Promise<unknown> {
  const res = await page.request.post("/api/test/clock", { data: { advanceDays: days } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

export async function resetClock(page: Page): Promise<void> {
  const res = await page.request.post("/api/test/clock", { data: { reset: true } });
  expect(res.status()).toBe(200);
}

/** A full-page screenshot at phone (360 px) and desktop width, kept as test artefacts. */
export async function screenshots(page: Page, name: string, testInfo?: TestInfo): Promise<void> {
  const original = page.viewportSize();
  for (const [label, width, height] of [
    ["desktop", 1280, 900],
    ["phone", 360, 780],
  ] as const) {
    await page.setViewportSize({ width, height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    const file = `test-results/screens/${name}-${label}.png`;
    await page.screenshot({ path: file, fullPage: true });
    await testInfo?.attach(`${name}-${label}`, { path: file, contentType: "image/png" });
  }
  if (original) await page.setViewportSize(original);
}

/** axe-core on the current page: no serious or critical violations (WCAG 2.2 A and AA rules). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`),
    `axe on ${name}`,
  ).toEqual([]);
}
