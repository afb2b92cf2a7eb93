// Whether the production build in .next is older than the source: a hash over every file that
// goes into `next build`, written beside the build when it succeeds.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** What `next build` reads. Generated code is covered by its inputs (schema, lock file). */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.mjs",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);

function walk(root: string, rel: string, out: string[]): void {
  const full = path.join(root, rel);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    out.push(rel);
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    walk(root, path.join(rel, entry.name), out);
  }
}

export function sourceHash(root: string, inputs: string[] = BUILD_INPUTS): string {
  const files: string[] = [];
  for (const input of inputs) walk(root, input, files);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file.split(path.sep).join("/"));
    hash.update("\0");
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export const BUILD_HASH_FILE = ".next/timebank-source-hash";

export function buildIsCurrent(root: string): boolean {
  const stamp = path.join(root, BUILD_HASH_FILE);
  if (!existsSync(path.join(root, ".next/BUILD_ID")) || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8").trim() === sourceHash(root);
}
