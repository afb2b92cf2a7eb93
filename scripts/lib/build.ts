import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BUILD_HASH_FILE, sourceHash } from "./build-hash";

export const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** `next build`, then stamps the build with the hash of the source it was made from. */
export function buildApp(root: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.DATABASE_URL; // pages read the database per request, never at build time
  const hash = sourceHash(root);
  rmSync(path.join(root, BUILD_HASH_FILE), { force: true }); // an interrupted build is never current
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env });
  if (build.status !== 0) throw new Error("next build failed");
  writeFileSync(path.join(root, BUILD_HASH_FILE), hash + "\n");
}
