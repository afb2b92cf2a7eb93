import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clearStaleLock } from "../../lib/db/embedded";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a stale PostgreSQL lock from a killed run", () => {
  it("is removed when its process is gone", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "stale-lock-"));
    // A pid far above pid_max on Linux: no such process.
    writeFileSync(path.join(dir, "postmaster.pid"), "99999999\n/some/data\n");
    const said: string[] = [];
    await clearStaleLock(dir, (l) => said.push(l));
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
    expect(said.join(" ")).toMatch(/stale PostgreSQL lock/);
  });

  it("is left alone when the pid belongs to a live process that is not PostgreSQL", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "stale-lock-"));
    // This test process is alive but is not postgres: PostgreSQL would see the lock as stale too,
    // and the file is removed without signalling the process.
    writeFileSync(path.join(dir, "postmaster.pid"), `${process.pid}\n`);
    await clearStaleLock(dir);
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
  });

  it("does nothing when there is no lock", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "stale-lock-"));
    await expect(clearStaleLock(dir)).resolves.toBeUndefined();
  });
});
