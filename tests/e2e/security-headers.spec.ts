// The security headers and the Content-Security-Policy (proxy.ts, next.config.mjs,
// lib/security-headers.mjs): every main page runs under the policy with no violation and with its
// JavaScript working; pages, route handlers and static files carry the headers; and `next start`
// in production adds HSTS and upgrade-insecure-requests, and refuses to start without each
// required setting (lib/env.ts), naming it.
import { expect, test, type Page, type Response } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { exitWithin, tail } from "./child-process";
import { E2E_PG_PORT, E2E_SMTP_PORT } from "../../playwright.config";
import { CSP_HEADER, HSTS_HEADER, STATIC_HEADERS } from "../../lib/security-headers.mjs";
import { ENV_NAMES } from "../../lib/env";
import { nextBin } from "../../scripts/lib/build";
import { recordSummary } from "../security/summary";
import { signInByEmail, withDb } from "./support";

/** What this file checked, for the security summary (scripts/security-summary.mjs). */
const figures = { pagesChecked: 0, headerChecks: 0, startRefusals: 0, cspViolations: [] as string[] };

const ADMIN = "admin@demo.timebank.local";
const ROOT = path.resolve(import.meta.dirname, "../..");
const PROD_PORT = 3120;

test.describe.configure({ mode: "serial" });

/** The nonce of a policy, or null when it has none. */
function nonceOf(policy: string | null | undefined): string | null {
  return policy?.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1] ?? null;
}

function expectStaticHeaders(headers: Record<string, string>, what: string): void {
  for (const { key, value } of STATIC_HEADERS) {
    expect(headers[key.toLowerCase()], `${key} on ${what}`).toBe(value);
    figures.headerChecks++;
  }
}

/**
 * Every CSP violation the browser reports on this page, across navigations: the DOM event (from a
 * script Playwright adds, which the policy does not govern) and Chromium's console message.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding("__reportCspViolation", ({ page: p }, text: string) => violations.push(`${new URL(p.url()).pathname}: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile ?? ""}:${e.lineNumber}) ${e.sample ?? ""}`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${new URL(page.url()).pathname}: console: ${m.text()}`);
  });
  return violations;
}

/** React hydrated the page: only Next's scripts, running under the policy, can have done it. */
async function expectHydrated(page: Page, what: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__reactFiber$"))), { message: `React hydrated ${what}`, timeout: 15_000 })
    .toBe(true);
}

/**
 * Loads a page and checks the policy it came with: a nonce, no 'unsafe-eval', no 'unsafe-inline'
 * for scripts, and that nonce on every <script> in the HTML (Next's, and any of ours).
 */
async function visit(page: Page, url: string): Promise<{ res: Response; nonce: string }> {
  const res = await page.goto(url);
  expect(res, url).not.toBeNull();
  expect(res!.status(), url).toBe(200);
  const policy = res!.headers()[CSP_HEADER.toLowerCase()];
  const nonce = nonceOf(policy);
  expect(nonce, `a nonce in the policy of ${url}`).toBeTruthy();
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
  const html = await res!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `scripts on ${url}`).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)), `scripts without the nonce on ${url}`).toEqual([]);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expectHydrated(page, url);
  return { res: res!, nonce: nonce! };
}

test("every main page runs under the policy with no violation, its JavaScript working", async ({ browser }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const violations = await watchViolations(page);

    const first = await visit(page, "/");
    const second = await visit(page, "/");
    expect(second.nonce, "a fresh nonce for every request").not.toBe(first.nonce);
    await visit(page, "/signin");
    expect(violations).toEqual([]);

    // Signing in runs the sign-in form (a server action) under the policy.
    await signInByEmail(page, ADMIN, "/dashboard");
    await expect(page).toHaveURL(/\/dashboard$/);

    const ids = await withDb(async (c) => ({
      listing: (await c.query<{ id: string }>("SELECT id FROM listings WHERE status = 'open' ORDER BY created_at LIMIT 1")).rows[0]!.id,
      exchange: (await c.query<{ id: string }>("SELECT id FROM exchanges ORDER BY created_at DESC LIMIT 1")).rows[0]!.id,
      member: (await c.query<{ id: string }>("SELECT id FROM members WHERE email = $1", [ADMIN])).rows[0]!.id,
    }));
    // The admin's own exchange, when the demo bank gave them one (a member sees only their own).
    const own = await withDb((c) =>
      c.query<{ id: string }>("SELECT e.id FROM exchanges e JOIN members m ON m.id IN (e.payer_id, e.provider_id) WHERE m.email = $1 LIMIT 1", [ADMIN]),
    );
    for (const url of [
      ...own.rows.map((r) => `/exchanges/${r.id}`),
      `/admin/exchanges/${ids.exchange}`,
      "/dashboard",
      "/browse",
      `/listings/${ids.listing}`,
      "/listings/new",
      "/exchanges",
      "/profile",
      `/members/${ids.member}`,
      "/settings",
      "/notifications",
      "/admin",
      "/admin/members",
      "/admin/members/pending",
      "/admin/disputes",
      "/admin/ledger",
      "/admin/ledger/accounts",
      "/admin/ledger/correct",
      "/admin/reports",
      "/admin/audit",
      "/admin/settings",
    ]) {
      await visit(page, url);
      figures.cspViolations = [...violations];
      expect(violations, `CSP violations after ${url}`).toEqual([]);
      figures.pagesChecked++;
    }

    // The report charts are sized without style="" attributes (which the policy refuses): each is
    // as wide as its card allows, never wider than 1.5 of its units, and a wide one never narrower
    // than 0.85 of them (it scrolls in its card instead).
    await visit(page, "/admin/reports?months=24");
    for (const viewportWidth of [360, 1280]) {
      await page.setViewportSize({ width: viewportWidth, height: 900 });
      const charts = await page.locator("svg[role=img][data-chart]").evaluateAll((svgs) =>
        svgs.map((svg) => {
          const units = Number(svg.getAttribute("viewBox")!.split(" ")[2]);
          const card = svg.closest("div.w-full")!;
          return { id: svg.getAttribute("data-chart"), units, card: card.clientWidth, scrolls: card.querySelector("[data-chart-min]") !== null, drawn: svg.getBoundingClientRect().width };
        }),
      );
      expect(charts.length).toBeGreaterThan(3);
      expect(charts.some((c) => c.scrolls)).toBe(true);
      for (const c of charts) {
        const expected = Math.min(c.scrolls ? Math.max(c.card, c.units * 0.85) : c.card, c.units * 1.5);
        expect(Math.abs(c.drawn - expected), `${c.id} at ${viewportWidth} px: ${JSON.stringify(c)}`).toBeLessThan(1);
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    // A client-side interaction: the account menu closes on Escape only through its React effect,
    // and a link navigates on the client (the page's own window survives).
    await visit(page, "/dashboard");
    const menu = page.locator("header details");
    await menu.locator("summary").click();
    await expect(menu).toHaveAttribute("open", "");
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await page.evaluate(() => ((window as unknown as { __sameWindow: boolean }).__sameWindow = true));
    await page.locator("header").getByRole("link", { name: "Browse" }).first().click();
    await expect(page).toHaveURL(/\/browse$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameWindow?: boolean }).__sameWindow)).toBe(true);
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});

test("pages, route handlers and static files carry the headers; no HSTS outside production", async ({ request }) => {
  const page = await request.get("/signin");
  expect(page.status()).toBe(200);
  const pageHeaders = page.headers();
  expectStaticHeaders(pageHeaders, "a page");
  expect(pageHeaders[CSP_HEADER.toLowerCase()]).toContain("frame-ancestors 'none'");
  expect(pageHeaders[CSP_HEADER.toLowerCase()]).toContain("object-src 'none'");
  // npm start runs with APP_ENV=development: plain http on localhost, so no HSTS and no upgrade.
  expect(pageHeaders[HSTS_HEADER.key.toLowerCase()]).toBeUndefined();
  expect(pageHeaders[CSP_HEADER.toLowerCase()]).not.toContain("upgrade-insecure-requests");

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectStaticHeaders(health.headers(), "/api/health");

  const staticPath = (await page.text()).match(/\/_next\/static\/[^"?]+\.js/)?.[0];
  expect(staticPath, "a /_next/static script on the page").toBeTruthy();
  for (const url of [staticPath!, "/icon.svg"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    expectStaticHeaders(res.headers(), url);
  }
});

// ---- next start in production -------------------------------------------------------------

const START_DEADLINE_MS = 60_000;
const EXIT_DEADLINE_MS = 30_000;
const running = new Set<ChildProcess>();

test.afterAll(() => {
  recordSummary("headers", { pagesChecked: figures.pagesChecked, headerChecks: figures.headerChecks, startRefusals: figures.startRefusals, violations: figures.cspViolations });
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** A production environment with every required setting, against the browser tests' database. */
function productionEnv(): Record<string, string> {
  return {
    APP_ENV: "production",
    DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/timebank`,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
    APP_URL: `http://localhost:${PROD_PORT}`,
    // The e2e server's instance runs the jobs; this one only serves.
    TIMEBANK_JOBS: "0",
  };
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** `next start` from the built app, with exactly `env` for the app's own settings. */
function nextStart(env: Record<string, string>): Started {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...ENV_NAMES, "NODE_ENV", "AUTH_URL"]) delete clean[name];
  // node_modules/.bin/next, run by this Node (24) rather than whichever `node` is first on the PATH.
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(PROD_PORT)], {
    cwd: ROOT,
    detached: true,
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
}

async function get(url: string): Promise<globalThis.Response | null> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "manual" });
  } catch {
    return null;
  }
}

/** Waits until /api/health answers 200, failing with the server's output when it exits or the deadline passes. */
async function serving(started: Started): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`next start exited (${started.child.exitCode}):\n${tail(started.output())}`);
    if ((await get(`http://127.0.0.1:${PROD_PORT}/api/health`))?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`next start was not serving after ${START_DEADLINE_MS / 1000} s. Its last output:\n${tail(started.output())}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The exit code, or a failure with the server's output when it is still running at the deadline. */
function exitCode(started: Started): Promise<number | null> {
  return exitWithin(started, EXIT_DEADLINE_MS, "next start was still running after");
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null) return;
  const exited = new Promise((r) => started.child.once("exit", r));
  process.kill(-started.child.pid!, "SIGTERM");
  await exited;
}

function headerMap(res: globalThis.Response): Record<string, string> {
  return Object.fromEntries([...res.headers.entries()].map(([k, v]) => [k.toLowerCase(), v]));
}

test("next start in production sends HSTS and upgrade-insecure-requests", async () => {
  test.setTimeout(120_000);
  const started = nextStart(productionEnv());
  try {
    await serving(started);
    for (const url of ["/signin", "/api/health"]) {
      const res = await get(`http://127.0.0.1:${PROD_PORT}${url}`);
      expect(res?.status, `${url}: ${tail(started.output())}`).toBe(200);
      const headers = headerMap(res!);
      expect(headers[HSTS_HEADER.key.toLowerCase()], url).toBe(HSTS_HEADER.value);
      expect(headers[CSP_HEADER.toLowerCase()], url).toContain("upgrade-insecure-requests");
      expect(headers[CSP_HEADER.toLowerCase()], url).not.toContain("unsafe-eval");
      expectStaticHeaders(headers, url);
    }
  } finally {
    await stop(started);
  }
});

test("next start in production refuses to start without each required setting, naming it", async () => {
  test.setTimeout(240_000);
  const required = ["DATABASE_URL", "AUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "SMTP_URL", "APP_URL"];
  for (const name of required) {
    const env = productionEnv();
    delete env[name];
    const started = nextStart(env);
    const code = await exitCode(started);
    expect(code, `exit code without ${name}:\n${tail(started.output())}`).not.toBe(0);
    expect(code).not.toBeNull();
    expect(started.output()).toContain(`- ${name} is required in production`);
    figures.startRefusals++;
    // Only the missing one is named.
    for (const other of required.filter((n) => n !== name)) expect(started.output()).not.toContain(`- ${other} `);
  }
  // A key Next.js could not use is refused too, before any server action fails with it.
  const started = nextStart({ ...productionEnv(), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not-a-key" });
  expect(await exitCode(started)).not.toBe(0);
  expect(started.output()).toContain("- NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of a 32-byte key");
});
