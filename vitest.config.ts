import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // server-only throws outside Next's react-server build; in tests it is a no-op.
  "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/reliability/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/global-setup.ts"],
          // Each file gets its own fresh database; two files at a time keep the 2-core machine calm.
          // The reliability files open 16-34 connections each: on a server of DATABASE_URL's
          // (PostgreSQL's default max_connections is 100) run one file at a time; the embedded
          // server allows 200.
          maxWorkers: process.env.DATABASE_URL ? 1 : 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "security",
          include: ["tests/security/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/global-setup.ts"],
          // Server actions called directly: next-auth's session, next/headers and next/cache come
          // from the test (tests/security/setup.ts); everything else is the app's own code.
          setupFiles: ["tests/security/setup.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM loader refuses.
          server: { deps: { inline: ["next-auth"] } },
          maxWorkers: process.env.DATABASE_URL ? 1 : 2,
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
