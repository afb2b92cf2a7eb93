// Prints what the security tests checked (npm run test:security, and npm test after them): the
// figures each part wrote to .test-reports/security/*.json, the violations (there must be none),
// and last one JSON line. Exits 1 when a part reported a violation or did not run.
// --reset clears the previous run's figures.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const DIR = path.resolve(import.meta.dirname, "../.test-reports/security");
if (process.argv.includes("--reset")) {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  process.exit(0);
}

/** Each part, the file it writes, and how to say in one line what it checked. */
const PARTS = [
  ["matrix", (f) => `authorisation matrix, direct: ${f.actionsAndRoutes} actions and routes × ${f.callers} kinds of caller = ${f.cellsChecked} calls checked`],
  ["http", (f) => `over HTTP against the real server: ${f.cellsOverHttp} matrix calls with the Next-Action header; ${f.crossOriginRefused} cross-origin posts refused; ${f.getRequestsChecked} GETs changed nothing; sign-in link raced by ${f.signInLinkRace?.requests}: ${f.signInLinkRace?.sessions} session; ${f.signInFlood?.requests} sign-in requests for one address: ${f.signInFlood?.sent} emails sent, ${f.signInFlood?.limited} told to wait`],
  ["fuzz", (f) => `fuzzing (fast-check): ${f.totalRuns} runs (${f.runsPerAction} per action × ${f.actions} actions, ${f.runsPerRoute} per route × ${f.routes} routes): ${f.successes} accepted, ${f.rejections} rejected with a message, ${f.failures} failures`],
  ["races", (f) => `races: ${f.races.length} × ${f.concurrent} identical requests released together: ${f.races.map((r) => `${r.name} ${r.succeeded}`).join(", ")} took effect`],
  ["rate-limits", (f) => `rate limits: ${f.checks ?? 0} checks; ${Object.entries(f.limits ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}`],
  ["headers", (f) => `headers: ${f.pagesChecked ?? 0} pages with zero CSP violations; ${f.headerChecks ?? 0} header checks; ${f.startRefusals ?? 0} production start-ups refused for a missing setting`],
];

const figures = {};
if (existsSync(DIR)) {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
    figures[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(DIR, file), "utf8"));
  }
}

const only = process.argv.find((a) => a.startsWith("--parts="))?.slice("--parts=".length).split(",");
let violations = 0;
let missing = 0;
console.log("\nSecurity checks");
for (const [part, describe] of PARTS.filter(([p]) => !only || only.includes(p))) {
  for (const name of Object.keys(figures).filter((n) => n === part || n === `${part}-system-pg`)) {
    const f = figures[name];
    const where = name.endsWith("-system-pg") ? " (system PostgreSQL)" : "";
    let line;
    try {
      line = describe(f);
    } catch {
      line = JSON.stringify(f).slice(0, 200);
    }
    console.log(`  ${line}${where}; violations: ${f.violations.length}`);
    for (const v of f.violations.slice(0, 10)) console.log(`    ✗ ${v}`);
    violations += f.violations.length;
  }
  if (!figures[part]) {
    console.log(`  ${part}: did not run`);
    missing++;
  }
}
console.log(`  violations in all: ${violations}`);
const line = Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, { ...f, violations: f.violations.length, at: undefined, part: undefined }]));
console.log(JSON.stringify({ violations, missing, ...line }));
process.exit(violations > 0 || missing > 0 ? 1 : 0);
