import { defineConfig, devices } from "@playwright/test";

export const PORT = 3100;
export const E2E_DATA_DIR = ".data/e2e";
/** The browser tests' own SMTP listener (tests/e2e/support.ts) receives all the app's email. */
export const E2E_SMTP_PORT = 2526;
export const E2E_PG_PORT = 54339;

// The web server's environment (two-instances.spec.ts gives a second instance the same).
// DATABASE_URL is cleared so that the server always uses (and seeds) its own embedded PostgreSQL.
// Email goes to a real SMTP listener the tests start; the test clock route is switched on.
export const E2E_SERVER_ENV: Record<string, string> = {
  DATABASE_URL: "",
  TIMEBANK_DATA_DIR: E2E_DATA_DIR,
  EMBEDDED_PG_PORT: String(E2E_PG_PORT),
  PORT: String(PORT),
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  EMAIL_FROM: "QI Time Bank <bank@e2e.invalid>",
  APP_URL: `http://localhost:${PORT}`,
  TIMEBANK_TEST_HOOKS: "1",
  // Every sign-in of the suite comes from this one machine: 17 emails a run, close to the
  // per-client default of 20 per 15 minutes (docs/RATE-LIMITS.md), so raised for the tests.
  TIMEBANK_RATE_LIMIT_SIGN_IN_PER_CLIENT: "1000/15m",
};

// The browser tests run against `npm start` on its own embedded PostgreSQL (a separate data folder
// and port), so the demo bank is seeded fresh for each run. Playwright starts the web server before
// any globalSetup runs, so the old data folder is removed by the server command itself.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 120_000,
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    // localhost, not 127.0.0.1: Next normalises loopback addresses to "localhost" in request URLs,
    // and Auth.js builds its redirects (and so its cookies' host) from them.
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    // A navigation or click that never finishes fails on its own, with its name, instead of
    // silently using up the whole test's time.
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
    launchOptions: {
      // Debian's Chromium; Playwright's own browser downloads are not used here.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node tests/e2e/fresh-data-dir.mjs ${E2E_DATA_DIR} && node --import tsx scripts/start.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    env: E2E_SERVER_ENV,
    // The start script builds the app first when the build is missing or stale (a minute or two).
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
  },
});
