// Shared steps for the browser tests: reading the email the app sent to the test SMTP listener,
// signing in by emailed link, the e2e database, the clock, screenshots and axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { E2E_PG_PORT, PORT } from "../../playwright.config";

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
  await expect(page).toHaveURL(/\/signin\/check-email\?to=/);
  await expect(page.getByTestId("sent-to")).toContainText(email.toLowerCase());
  const mail = await waitForMail((m) => m.to.includes(email.toLowerCase()) && /sign-in link/i.test(m.subject), { after: asked });
  const link = linkFrom(mail, "/api/auth/callback/nodemailer");
  await page.goto(link);
  return link;
}

/** The e2e server's embedded PostgreSQL, as scripts/start.ts hands it to the app (DATABASE_URL). */
/**
 * Signs in by putting a session straight into the database and its cookie into the browser, as
 * the emailed link would, for tests about something else. The emailed-link flow itself is tested
 * in auth.spec.ts and joining.spec.ts, and sign-in emails to one address are rate limited (the
 * demo admin would pass the limit if every test asked for a link).
 */
export async function signInWithSession(page: Page, email: string, path = "/dashboard"): Promise<void> {
  const token = randomBytes(24).toString("hex");
  const { rowCount } = await withDb((c) =>
    c.query(`INSERT INTO auth_sessions (session_token, user_id, expires) SELECT $1, id, now() + interval '1 day' FROM members WHERE lower(email) = lower($2)`, [token, email]),
  );
  if (rowCount !== 1) throw new Error(`No member has the email address ${email}`);
  await page.context().addCookies([{ name: "authjs.session-token", value: token, url: `http://localhost:${PORT}` }]);
  await page.goto(path);
}

export const E2E_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/timebank`;

export async function withDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
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

export interface DemoPair {
  provider: { id: string; email: string; name: string };
  payer: { id: string; email: string; name: string };
}

/**
 * Two active demo members (not the admin) with no hours held and no exchange in progress, so the
 * scheduled sweep cannot move their hours while a test watches them.
 */
export async function pickTwoMembers(offset = 0): Promise<DemoPair> {
  const rows = await withDb((c) =>
    c.query<{ id: string; email: string; name: string }>(
      `SELECT m.id, m.email, m.name FROM members m JOIN ledger_accounts a ON a.member_id = m.id
        WHERE m.status = 'active' AND m.role = 'member' AND m.email LIKE '%@demo.timebank.local'
          AND a.balance_minutes - a.held_minutes - a.floor_minutes >= 600 AND a.held_minutes = 0
          AND NOT EXISTS (SELECT 1 FROM exchanges e WHERE (e.payer_id = m.id OR e.provider_id = m.id)
                            AND e.state IN ('proposed', 'accepted', 'delivered', 'disputed'))
        ORDER BY m.email OFFSET $1 LIMIT 2`,
      [offset * 2],
    ),
  );
  if (rows.rows.length < 2) throw new Error("The demo bank has too few active members");
  return { provider: rows.rows[0]!, payer: rows.rows[1]! };
}

export async function account(memberId: string): Promise<{ balance: number; held: number }> {
  const r = await withDb((c) =>
    c.query<{ balance_minutes: number; held_minutes: number }>("SELECT balance_minutes, held_minutes FROM ledger_accounts WHERE member_id = $1", [memberId]),
  );
  return { balance: r.rows[0]!.balance_minutes, held: r.rows[0]!.held_minutes };
}

/** Posts an offer (or request) through the form and returns its id. */
export async function postListing(page: Page, opts: { kind: "offer" | "request"; title: string; hours: number; minutes?: number; tags?: string }): Promise<string> {
  await page.goto(opts.kind === "offer" ? "/listings/new" : "/listings/new?kind=request");
  await page.getByLabel("Title").fill(opts.title);
  await page.getByLabel("Description").fill(`${opts.title}: a real piece of improvement work, about an hour or two, online or in person.`);
  await page.getByLabel("Skill").selectOption({ index: 1 });
  await page.getByLabel("Hours").fill(String(opts.hours));
  await page.getByLabel("Minutes").fill(String(opts.minutes ?? 0));
  if (opts.tags) await page.getByLabel("Tags").fill(opts.tags);
  await page.getByRole("button", { name: opts.kind === "offer" ? "Post offer" : "Post request" }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9a-f-]{36}/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

/** Proposes an exchange on a listing through the form and returns the exchange id. */
export async function propose(page: Page, listingId: string, hours: number, minutes: number, note?: string): Promise<string> {
  await page.goto(`/listings/${listingId}`);
  await page.getByTestId("propose-exchange").click();
  await expect(page).toHaveURL(/\/exchanges\/new\?listing=/);
  await page.getByLabel("Hours").fill(String(hours));
  await page.getByLabel("Minutes").fill(String(minutes));
  if (note) await page.getByLabel(/A note for/).fill(note);
  await page.getByRole("button", { name: /Send my (request|offer)/ }).click();
  await expect(page).toHaveURL(/\/exchanges\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

export async function exchangeState(exchangeId: string): Promise<string> {
  const r = await withDb((c) => c.query<{ state: string }>("SELECT state::text FROM exchanges WHERE id = $1", [exchangeId]));
  return r.rows[0]!.state;
}

const STATE_BADGE: Record<string, string> = {
  proposed: "Proposed",
  accepted: "Agreed",
  declined: "Declined",
  cancelled: "Cancelled",
  delivered: "waiting for confirmation",
  confirmed: "Confirmed",
  disputed: "Disputed",
};

/**
 * Waits until the exchange is in `state` in the database (the step has committed), then checks the
 * page says so. The status card also holds words like "Agreed" (the agreed time) and "Confirmed
 * automatically on", so its text alone does not show that a step has finished.
 */
export async function expectState(page: Page, exchangeId: string, state: string): Promise<void> {
  await expect.poll(() => exchangeState(exchangeId), { timeout: 15_000 }).toBe(state);
  await expect(page.getByTestId("exchange-status")).toContainText(STATE_BADGE[state] ?? state);
}
