// Adds up the JSON reports that `npm test` (and .ci/run) write into .test-reports/ and prints the
// totals, ending with one line "N passed, N failed" (", N skipped"). Exits non-zero when any
// test failed or none ran. `--reset` empties the folder before a run.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../.test-reports");
if (process.argv.includes("--reset")) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  let p;
  let f;
  let s;
  if (report.stats && "expected" in report.stats) {
    // Playwright
    p = report.stats.expected + report.stats.flaky;
    f = report.stats.unexpected;
    s = report.stats.skipped;
  } else {
    // Vitest (Jest-compatible JSON)
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + (report.numTodoTests ?? 0);
    // A file that failed to load, a failing hook or an unhandled error fails the run without
    // failing a test: count it as one failure so the totals never read green.
    if (report.success === false && f === 0) f = 1;
  }
  console.log(`  ${file.replace(/\.json$/, "").padEnd(28)} ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
if (passed + failed === 0) {
  console.log("No tests ran.");
  console.log("0 passed, 0 failed");
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
