#!/usr/bin/env bash
# Prints the SQL that takes the database from one schema.prisma to another, for writing a new
# migration: scripts/schema-diff.sh [git-rev]   (default: HEAD; "empty" for the whole schema)
# Prisma 7's diff needs its native schema engine, which cannot be downloaded here, so this uses
# Prisma 6.19's WebAssembly engine (from the npm registry, into a cache folder). That engine
# opens a connection to some PostgreSQL even for a diff between two files (it writes nothing):
# SCHEMA_DIFF_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-HEAD}
work=${TIMEBANK_PRISMA6_DIR:-$root/.data/prisma6}
mkdir -p "$work"
if [ ! -d "$work/node_modules/prisma" ]; then
  (cd "$work" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --silent prisma@6.19 @prisma/adapter-pg@6.19 >/dev/null)
fi
to_v6() { sed -e 's/provider *= *"postgresql"/provider = "postgresql"\n  url = env("DATABASE_URL")/' -e '/moduleFormat/d' -e 's/"prisma-client"/"prisma-client-js"/'; }
to_v6 < "$root/prisma/schema.prisma" > "$work/to.prisma"
cat > "$work/prisma.config.ts" <<'CFG'
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "to.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
} as never);
CFG
cd "$work"
export DATABASE_URL=${SCHEMA_DIFF_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres} PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_SCHEMA_ENGINE_BINARY=/bin/true
if [ "$rev" = "empty" ]; then
  npx prisma migrate diff --from-empty --to-schema-datamodel to.prisma --script
else
  git -C "$root" show "$rev:prisma/schema.prisma" | to_v6 > from.prisma
  npx prisma migrate diff --from-schema-datamodel from.prisma --to-schema-datamodel to.prisma --script
fi
