// Method pages for skills that have none, from the library's written content
// (lib/seed/method-content.ts) where a skill's slug has some. The demo bank, the large bank and
// every start of the app (scripts/start.ts) run this, so a bank whose skills were added by hand
// gets the pages too. A page that exists (an admin's, or an earlier run's) is never replaced.
import { METHOD_CONTENT } from "../seed/method-content";

/** $1-$4: slugs and the three parts as parallel text arrays; $5: when the pages are made. */
export const ADD_MISSING_METHOD_PAGES_SQL = `
  INSERT INTO method_pages (skill_id, what_it_is, when_to_use, good_exchange, created_at, updated_at)
  SELECT s.id, c.what_it_is, c.when_to_use, c.good_exchange, $5::timestamptz, $5::timestamptz
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(slug, what_it_is, when_to_use, good_exchange)
    JOIN skills s ON s.slug = c.slug
  ON CONFLICT (skill_id) DO NOTHING`;

export function addMissingMethodPagesParams(at: Date): [string[], string[], string[], string[], string] {
  const entries = Object.entries(METHOD_CONTENT);
  return [entries.map(([slug]) => slug), entries.map(([, c]) => c.whatItIs), entries.map(([, c]) => c.whenToUse), entries.map(([, c]) => c.goodExchange), at.toISOString()];
}

/** Adds the missing pages through Prisma (a client or a transaction); returns how many it added. */
export async function addMissingMethodPages(database: { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> }, at: Date = new Date()): Promise<number> {
  return database.$executeRawUnsafe(ADD_MISSING_METHOD_PAGES_SQL, ...addMissingMethodPagesParams(at));
}
