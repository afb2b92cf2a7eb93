// Every server action and route handler called directly as every kind of caller: the outcome must
// be the one tests/security/matrix.ts lists, a refused call must change nothing (every table but
// the audit log and the rate-limit counters is fingerprinted before and after), and no answer may
// show internals. The table must list every action and route that exists, and SECURITY.md must
// show the table as it is.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CALLER_KINDS, callAction, callerFor, callRoute, changedTables, fingerprint, looksLikeInternals, member, type CallerKind, type Outcome } from "./harness";
import { MATRIX, type ActionEntry, type Expect, type RouteEntry } from "./matrix";
import { renderMatrixTable } from "./matrix-table";
import { recordSummary } from "./summary";
import { useWorld } from "./use-world";

const world = await useWorld();
const root = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, match));
    else if (match(full)) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");

function classify(outcome: Outcome): Expect | "broken" {
  switch (outcome.kind) {
    case "ok":
    case "redirect":
      return "allowed";
    case "refused":
    case "rule":
      return "refused";
    default:
      return "broken";
  }
}

let cellsChecked = 0;
const violations: string[] = [];

async function runCell(entry: ActionEntry | RouteEntry, kind: CallerKind): Promise<void> {
  const party = await member(world);
  const target = await entry.setup(world, party);
  const callerId = await callerFor(world, kind, party.id);
  const before = await fingerprint(world);
  const outcome =
    entry.kind === "action"
      ? await callAction(await entry.load(), callerId, target as FormData)
      : await callRoute(await entry.load(), callerId, (target as { url: string }).url, (target as { params?: Record<string, string> }).params, (target as { init?: RequestInit }).init);
  const after = await fingerprint(world);
  const expected = entry.expect[kind];
  const got = classify(outcome);
  const changed = changedTables(before, after);
  cellsChecked++;
  const where = `${entry.id} as ${kind}`;
  const shown = "message" in outcome ? (outcome.message ?? "") : "";
  if (looksLikeInternals(shown)) violations.push(`${where}: the answer shows internals: ${shown}`);
  if (expected === "noop") {
    if (got !== "allowed" || changed.length > 0) violations.push(`${where}: expected an answer that changes nothing, got ${JSON.stringify(outcome)} changing ${changed.join(", ") || "nothing"}`);
    return;
  }
  if (got !== expected) violations.push(`${where}: expected ${expected}, got ${JSON.stringify(outcome)}`);
  if (expected === "refused" && changed.length > 0) violations.push(`${where}: refused but changed ${changed.join(", ")}`);
}

const direct = MATRIX.filter((e): e is ActionEntry | RouteEntry => e.kind !== "http-only");

describe("the authorisation matrix, called directly", () => {
  for (const entry of direct) {
    it(`${entry.id}: ${entry.who}`, async () => {
      const before = violations.length;
      for (const kind of CALLER_KINDS) await runCell(entry, kind);
      if (violations.length > before) throw new Error(violations.slice(before).join("\n"));
    });
  }
});

describe("the matrix is complete", () => {
  it("lists every exported server action of every 'use server' module, and no other", async () => {
    const modules = filesUnder(path.join(root, "app"), (f) => /\.(ts|tsx)$/.test(f))
      .concat(filesUnder(path.join(root, "components"), (f) => /\.(ts|tsx)$/.test(f)), filesUnder(path.join(root, "lib"), (f) => /\.(ts|tsx)$/.test(f) && !f.includes("generated")));
    const found: string[] = [];
    const inline: string[] = [];
    for (const file of modules) {
      const text = readFileSync(file, "utf8");
      const top = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*\s*["']use server["']/.test(text);
      if (top) {
        const exported = await import(file);
        for (const [name, value] of Object.entries(exported)) if (typeof value === "function") found.push(`${rel(file)}#${name}`);
      } else if (/["']use server["']/.test(text)) {
        inline.push(rel(file));
      }
    }
    // Inline server actions (a "use server" inside a function) would not be found above: none allowed.
    expect(inline).toEqual([]);
    const listed = MATRIX.filter((e) => e.kind === "action").map((e) => e.id);
    expect(found.sort()).toEqual([...listed].sort());
  });

  it("lists every route handler and method", async () => {
    const found: string[] = [];
    for (const file of filesUnder(path.join(root, "app"), (f) => /\/route\.(ts|tsx)$/.test(f))) {
      const exported = await import(file);
      const routePath = rel(file).replace(/^app/, "").replace(/\/route\.tsx?$/, "") || "/";
      for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
        if (typeof exported[method] === "function") found.push(`${method} ${routePath}`);
      }
    }
    const listed = MATRIX.filter((e) => e.kind !== "action").map((e) => e.id);
    expect(found.sort()).toEqual([...listed].sort());
  });

  it("is the table SECURITY.md shows", () => {
    const doc = readFileSync(path.join(root, "SECURITY.md"), "utf8");
    const table = renderMatrixTable();
    expect(doc.includes(table), `SECURITY.md must contain the matrix as rendered by \`npm run security:table\`:\n${table}`).toBe(true);
  });
});

afterAll(() => {
  recordSummary("matrix", { actionsAndRoutes: direct.length, callers: CALLER_KINDS.length, cellsChecked, violations });
});
