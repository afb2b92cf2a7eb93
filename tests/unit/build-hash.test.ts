import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_HASH_FILE, buildIsCurrent, sourceHash } from "../../scripts/lib/build-hash";

let root: string;
function project(): string {
  root = mkdtempSync(path.join(os.tmpdir(), "build-hash-"));
  mkdirSync(path.join(root, "app"));
  mkdirSync(path.join(root, "lib/db/generated"), { recursive: true });
  writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return null; }\n");
  writeFileSync(path.join(root, "lib/db/generated/client.ts"), "// generated\n");
  writeFileSync(path.join(root, "package-lock.json"), "{}\n");
  return root;
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("the build staleness check", () => {
  it("gives the same hash for the same source", () => {
    const dir = project();
    expect(sourceHash(dir)).toBe(sourceHash(dir));
  });

  it("changes when a source file changes, is added, or is renamed", () => {
    const dir = project();
    const first = sourceHash(dir);
    writeFileSync(path.join(dir, "app/page.tsx"), "export default function Page() { return 1; }\n");
    const second = sourceHash(dir);
    expect(second).not.toBe(first);
    writeFileSync(path.join(dir, "app/other.tsx"), "x");
    const third = sourceHash(dir);
    expect(third).not.toBe(second);
    rmSync(path.join(dir, "app/other.tsx"));
    writeFileSync(path.join(dir, "app/renamed.tsx"), "x");
    expect(sourceHash(dir)).not.toBe(third);
  });

  it("ignores generated code, which its inputs already cover", () => {
    const dir = project();
    const before = sourceHash(dir);
    writeFileSync(path.join(dir, "lib/db/generated/client.ts"), "// regenerated\n");
    expect(sourceHash(dir)).toBe(before);
  });

  it("covers the files at the root that go into the build: proxy and instrumentation", () => {
    const dir = project();
    for (const file of ["proxy.ts", "instrumentation.ts", "instrumentation-client.ts"]) {
      const before = sourceHash(dir);
      writeFileSync(path.join(dir, file), "export {};\n");
      expect(sourceHash(dir), file).not.toBe(before);
    }
  });

  it("calls a build current only when it exists and was made from this source", () => {
    const dir = project();
    expect(buildIsCurrent(dir)).toBe(false);
    mkdirSync(path.join(dir, ".next"));
    writeFileSync(path.join(dir, ".next/BUILD_ID"), "abc");
    expect(buildIsCurrent(dir)).toBe(false);
    writeFileSync(path.join(dir, BUILD_HASH_FILE), sourceHash(dir) + "\n");
    expect(buildIsCurrent(dir)).toBe(true);
    writeFileSync(path.join(dir, "app/page.tsx"), "changed");
    expect(buildIsCurrent(dir)).toBe(false);
  });
});
