// Runs `prisma generate` after install. Prisma 7's client is engine-free (it talks to PostgreSQL
// through @prisma/adapter-pg), but the CLI's preflight still looks for the schema-engine binary,
// which cannot be downloaded on machines without access to Prisma's binary host. When the real
// engine is absent we point the preflight at an existing file; generate never executes it.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const enginesDir = path.dirname(require.resolve("@prisma/engines/package.json"));
  const real = readdirSync(enginesDir).find((f) => f.startsWith("schema-engine"));
  if (!real || !existsSync(path.join(enginesDir, real))) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const prismaCli = require.resolve("prisma/build/index.js");
execFileSync(process.execPath, [prismaCli, "generate"], { stdio: "inherit", env });
