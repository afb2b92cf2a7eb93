// `npm start` as a newcomer meets it: the first start creates PostgreSQL and the demo bank, a
// second start reuses both, Ctrl-C stops PostgreSQL cleanly, and a run killed outright leaves
// nothing that blocks the next start. Runs after the webServer has built the app, so the starts
// here find the build current. Times are printed, never asserted.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { exitWithin, tail } from "./child-process";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA_DIR = path.join(ROOT, ".data/e2e-lifecycle");
const PG_PORT = 54359;
const APP_PORT = 3110;

interface Started {
  child: ChildProcess;
  seconds: number;
  output: () => string;
}

/** Each wait in this test has its own deadline, so a stuck step fails with its name and the server's output. */
const START_DEADLINE_MS = 90_000;
const EXIT_DEADLINE_MS = 45_000;

/** Every npm start this file started that has not exited: killed when the file ends, whatever happened. */
const running = new Set<ChildProcess>();


function start(): Promise<Started> {
  const began = Date.now();
  // What `npm start` runs (tsx as a loader in one process, so Ctrl-C reaches start.ts itself).
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    detached: true, // its own process group, like a terminal's foreground job
    env: { ...process.env, DATABASE_URL: "", TIMEBANK_DATA_DIR: DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), PORT: String(APP_PORT) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Serving http:\/\/localhost:\d+/.test(out)) {
        clearInterval(timer);
        resolve({ child, seconds: (Date.now() - began) / 1000, output: () => out });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited (${child.exitCode}):\n${out}`));
      } else if (Date.now() - began > START_DEADLINE_MS) {
        clearInterval(timer);
        process.kill(-child.pid!, "SIGKILL");
        reject(new Error(`npm start was not serving after ${START_DEADLINE_MS / 1000} s. Its last output:\n${tail(out)}`));
      }
    }, 100);
  });
}

function exited(started: Started): Promise<number | null> {
  return exitWithin(started, EXIT_DEADLINE_MS, "npm start had not exited, after the signal,");
}

/** The app's health route, from Node (not the browser), with its own deadline. */
async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * The browser part runs in a context of its own, closed before the servers are stopped: nothing in
 * the browser is left pointing at a server this test kills.
 */
async function withPage(browser: Browser, work: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    await work(await context.newPage());
  } finally {
    await context.close();
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function memberCount(): Promise<number> {
  const c = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/timebank` });
  await c.connect();
  try {
    return Number((await c.query("SELECT count(*) FROM members")).rows[0].count);
  } finally {
    await c.end();
  }
}

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);
// This test starts and kills servers itself; a trace of its short browser part adds nothing.
test.use({ trace: "off" });

test.beforeAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));
test.afterAll(() => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
});

test("npm start: first start seeds the bank, Ctrl-C stops PostgreSQL, a second start reuses the data, a killed run does not block the next", async ({ browser }) => {
  const first = await start();
  expect(first.output()).toContain("Seeding the demo bank");
  const members = await memberCount();
  expect(members).toBeGreaterThan(50);

  await withPage(browser, async (page) => {
    await page.goto(`http://127.0.0.1:${APP_PORT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // Without SMTP, outside production: the sign-in link is in the server log and the development
    // mailbox, and following it from there signs in.
    const app = `http://localhost:${APP_PORT}`;
    await page.goto(`${app}/signin`);
    await page.getByLabel("Email address").fill("admin@demo.timebank.local");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("link", { name: "development mailbox" }).click();
    await expect(page).toHaveURL(`${app}/dev/mailbox`);
    const mail = page.getByTestId("dev-mail").first();
    await expect(mail).toContainText("admin@demo.timebank.local");
    await expect.poll(() => first.output()).toContain("[mail] to admin@demo.timebank.local");
    await mail.getByRole("link", { name: /\/api\/auth\/callback\/nodemailer/ }).click();
    await expect(page).toHaveURL(`${app}/dashboard`);
  });

  // Ctrl-C: the terminal sends SIGINT to the whole foreground process group.
  process.kill(-first.child.pid!, "SIGINT");
  expect(await exited(first)).toBe(0);
  expect(first.output()).toContain("Stopping PostgreSQL");
  expect(existsSync(path.join(DATA_DIR, "postgres/postmaster.pid"))).toBe(false);
  expect(await portOpen(PG_PORT)).toBe(false);
  expect(await portOpen(APP_PORT)).toBe(false);

  const second = await start();
  expect(second.output()).not.toContain("Seeding the demo bank");
  expect(second.output()).toContain("The production build is up to date");
  expect(await memberCount()).toBe(members);

  // While it runs, db:migrate uses its PostgreSQL, and a second start refuses; neither stops it.
  const env = { ...process.env, DATABASE_URL: "", TIMEBANK_DATA_DIR: DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), PORT: String(APP_PORT + 1) };
  const migrateRun = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
  expect(migrateRun.status, migrateRun.stderr).toBe(0);
  expect(migrateRun.stdout).toContain("Using the PostgreSQL of the running npm start");
  const secondStart = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
  expect(secondStart.status).not.toBe(0);
  expect(secondStart.stderr).toContain("npm start is already running");
  expect(await memberCount()).toBe(members);
  expect(await healthy(APP_PORT)).toBe(true);

  // Killed outright (kill -9 of the whole group): PostgreSQL's lock file stays behind.
  process.kill(-second.child.pid!, "SIGKILL");
  await exited(second);
  await expect.poll(() => portOpen(APP_PORT)).toBe(false);
  await expect.poll(() => portOpen(PG_PORT)).toBe(false);
  const lock = path.join(DATA_DIR, "postgres/postmaster.pid");
  expect(existsSync(lock)).toBe(true);
  expect(readFileSync(lock, "utf8").length).toBeGreaterThan(0);

  const third = await start();
  expect(await memberCount()).toBe(members);
  expect(await healthy(APP_PORT)).toBe(true);
  process.kill(-third.child.pid!, "SIGINT");
  expect(await exited(third)).toBe(0);

  console.log(
    `npm start: first start ${first.seconds.toFixed(1)} s (new PostgreSQL + migrations + demo bank), ` +
      `second ${second.seconds.toFixed(1)} s, after kill -9 ${third.seconds.toFixed(1)} s`,
  );
});
