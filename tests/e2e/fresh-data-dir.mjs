// Removes the e2e server's data folder (its embedded PostgreSQL) before the server starts, so the
// demo bank is seeded fresh on every run. Refuses anything outside the project's .data/ folder.
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const dir = path.resolve(root, process.argv[2] ?? ".data/e2e");
const dataRoot = path.join(root, ".data") + path.sep;
if (!dir.startsWith(dataRoot)) {
  console.error(`Refusing to remove ${dir}: only folders under ${dataRoot} are e2e data folders.`);
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
console.log(`[e2e] Removed ${path.relative(root, dir)} so the demo bank is seeded fresh.`);
