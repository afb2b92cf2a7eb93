import { defineConfig } from "prisma/config";

// Prisma's CLI reads this file (generate; migrate where its engine is installed). The app itself
// connects through @prisma/adapter-pg in lib/db/client.ts, and migrations are applied by
// scripts/migrate.ts (lib/db/migrate.ts), which records them in _prisma_migrations exactly as
// `prisma migrate deploy` does.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5433/timebank" },
});
