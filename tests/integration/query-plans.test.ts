// The query plans of the pages that grow with the bank: search, a member's dashboard and
// exchanges, an offer, a public profile, the admin ledger with its filters and statements deep in
// a long history, and the ledger's CSV exports batch by batch. Each page's data functions run
// against a scaled-down large bank (lib/seed/large.ts, after ANALYZE), every SQL statement they
// send is recorded, and PostgreSQL's plan for it must not scan a ledger or listing table from end
// to end. The statements and the ledger page by keyset: their SQL has no OFFSET. (npm run
// bench:web times the same pages on the full-size bank.)
//
// What is not held to it, by the planner's choice and rightly: a search for a word in a large
// share of all listings (every match is ranked, so reading them in order is the cheaper way),
// and the profile of the one member with a share of all history that no real member would have.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { listMyExchanges, exchangesNeedingAction, countWaitingOnMe } from "../../lib/exchanges/queries";
import { statementCsv, transfersCsv } from "../../lib/ledger-admin/csv";
import { accountStatement, listTransfers } from "../../lib/ledger-admin/queries";
import { anyPublicListings, getListingForViewer, searchListings } from "../../lib/listings/queries";
import { getAccountFigures, getMyProfile, getPublicProfile, getStatement } from "../../lib/members/queries";
import { seedLargeBank, type LargeBankSummary } from "../../lib/seed/large";
import { useTestDatabase } from "../helpers/db";

const database = await useTestDatabase();
const prisma = database.prisma();
let client: pg.Client;
let bank: LargeBankSummary;

/** Tables that grow with members and history: none may be read from end to end. */
const GROWING = new Set([
  "members", "member_skills", "listings", "exchanges", "exchange_events", "messages", "notifications",
  "ledger_accounts", "ledger_transfers", "ledger_entries", "ledger_holds", "ledger_hold_resolutions", "audit_log",
]);

interface Recorded {
  text: string;
  values: unknown[];
}

/** Runs `fn`, recording every statement any pg client sends meanwhile (Prisma's adapter included). */
async function recording(fn: () => Promise<unknown>): Promise<Recorded[]> {
  const seen: Recorded[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === "string" ? config : config?.text;
    if (typeof text === "string" && /^\s*(SELECT|WITH)\b/i.test(text)) {
      seen.push({ text, values: (typeof config === "object" ? config.values : undefined) ?? (Array.isArray(values) ? values : []) });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function fullScans(node: PlanNode, out: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"] && GROWING.has(node["Relation Name"])) out.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) fullScans(child, out);
  return out;
}

async function planProblems(statements: Recorded[]): Promise<string[]> {
  const problems: string[] = [];
  for (const s of statements) {
    const { rows } = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
    const scans = fullScans(rows[0]!["QUERY PLAN"][0]!.Plan);
    if (scans.length > 0) {
      const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${s.text}`, s.values)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      problems.push(`reads ${[...new Set(scans)].join(", ")} end to end:\n${s.text.slice(0, 600)}\n${plan}`);
    }
  }
  return problems;
}

let typicalAccount: number;
let busiestAccount: number;
let busiestEntries: number;
let offerId: string;
let skillId: string;
let organisationName: string;
let middleTransfer: bigint;

beforeAll(async () => {
  client = await database.pgClient();
  bank = await seedLargeBank(client, { members: 20_000, listings: 40_000, transfers: 80_000, seed: 11 });
  const accounts = await prisma.ledgerAccount.findMany({ where: { memberId: { in: [bank.typicalMemberId, bank.busiestMemberId] } } });
  typicalAccount = accounts.find((a) => a.memberId === bank.typicalMemberId)!.id;
  const busiest = accounts.find((a) => a.memberId === bank.busiestMemberId)!;
  busiestAccount = busiest.id;
  busiestEntries = busiest.entryCount;
  offerId = (await prisma.listing.findFirstOrThrow({ where: { kind: "offer", status: "open", ownerId: { not: bank.typicalMemberId } }, orderBy: { createdAt: "desc" } })).id;
  skillId = (await prisma.skill.findFirstOrThrow({ where: { slug: "process-mapping" } })).id;
  // One organisation's whole name: a part shared by a large share of this small bank's members
  // ("Trust") is rightly read end to end.
  organisationName = (await prisma.user.findUniqueOrThrow({ where: { id: bank.typicalMemberId }, select: { organisation: { select: { name: true } } } })).organisation!.name;
  middleTransfer = (await prisma.ledgerTransfer.aggregate({ _max: { id: true } }))._max.id! / 2n;
}, 300_000);

/** The header and the first two batches of an export (each batch is one query). */
async function firstBatches(csv: AsyncGenerator<string>): Promise<void> {
  for (let i = 0; i < 3; i++) if ((await csv.next()).done) return;
  await csv.return(undefined);
}

const pages: [string, () => Promise<unknown>][] = [
  ["search with text and filters", () => searchListings({ q: "process mapping", kind: "offer", skillId, organisationId: null, organisationName: "", regionId: null, page: 1 }, prisma)],
  ["search, a later page", () => searchListings({ q: "driver diagram", kind: null, skillId: null, organisationId: null, organisationName: "", regionId: null, page: 2 }, prisma)],
  ["search with text in any kind", () => searchListings({ q: "run chart", kind: null, skillId: null, organisationId: null, organisationName: "", regionId: null, page: 1 }, prisma)],
  ["a search that matches nothing, then whether anything is open at all", async () => {
    await searchListings({ q: "zzqqxx", kind: "offer", skillId: null, organisationId: null, organisationName: "", regionId: null, page: 1 }, prisma);
    return anyPublicListings(prisma);
  }],
  ["browse by part of an organisation's name", () => searchListings({ q: "", kind: null, skillId: null, organisationId: null, organisationName, regionId: null, page: 1 }, prisma)],
  [
    "a member's dashboard",
    () =>
      Promise.all([
        getMyProfile(bank.typicalMemberId, prisma),
        getAccountFigures(bank.typicalMemberId, prisma),
        getStatement(bank.typicalMemberId, {}, prisma),
        exchangesNeedingAction(bank.typicalMemberId, 5, prisma),
        countWaitingOnMe(bank.typicalMemberId, prisma),
      ]),
  ],
  ["the busiest member's statement, an older page", () => getStatement(bank.busiestMemberId, { before: String(Math.floor(busiestEntries / 3)) }, prisma)],
  ["a member's exchanges", () => listMyExchanges(bank.busiestMemberId, { page: 2 }, prisma)],
  ["an offer", () => getListingForViewer(offerId, bank.typicalMemberId, prisma)],
  ["a member's profile", () => getPublicProfile(bank.busiestMemberId, bank.typicalMemberId, prisma)],
  ["the admin ledger, first page", () => listTransfers({}, {}, prisma)],
  ["the admin ledger, kind and amount", () => listTransfers({ kind: "exchange", minMinutes: 180 }, {}, prisma)],
  ["the admin ledger, one member", () => listTransfers({ memberId: bank.busiestMemberId }, {}, prisma)],
  ["the admin ledger, reversed transfers", () => listTransfers({ state: "reversed" }, {}, prisma)],
  ["the admin ledger, a page in the middle", () => listTransfers({}, { before: String(middleTransfer) }, prisma)],
  ["an admin statement deep in a long history", () => accountStatement(busiestAccount, { before: String(Math.max(2, Math.floor(busiestEntries / 10))) }, prisma)],
  ["a typical member's statement (admin)", () => accountStatement(typicalAccount, {}, prisma)],
  ["the admin ledger's CSV export, batch by batch", () => firstBatches(transfersCsv({}, {}, prisma))],
  ["the admin ledger's CSV export, one member", () => firstBatches(transfersCsv({ memberId: bank.busiestMemberId }, {}, prisma))],
  ["an account statement's CSV export", () => firstBatches(statementCsv(busiestAccount, {}, prisma))],
];

describe("query plans on a scaled-down large bank", () => {
  it.each(pages)("%s: no growing table read end to end", async (_name, load) => {
    const statements = await recording(load);
    expect(statements.length).toBeGreaterThan(0);
    expect(await planProblems(statements)).toEqual([]);
  });

  it("pages statements and the ledger by keyset, never OFFSET", async () => {
    const statements = await recording(() =>
      Promise.all([
        getStatement(bank.busiestMemberId, { before: String(Math.floor(busiestEntries / 3)) }, prisma),
        listTransfers({}, { before: String(middleTransfer) }, prisma),
        listTransfers({ memberId: bank.busiestMemberId }, { before: String(middleTransfer) }, prisma),
        accountStatement(busiestAccount, { before: String(Math.floor(busiestEntries / 10)) }, prisma),
      ]),
    );
    expect(statements.length).toBeGreaterThanOrEqual(4);
    // Prisma writes OFFSET into a findFirst as a parameter set to 0: only a real skip counts.
    const skips = statements.flatMap((s) => {
      const m = /\bOFFSET\s+(?:\$(\d+)|(\d+))/i.exec(s.text);
      const skip = m ? Number(m[1] ? s.values[Number(m[1]) - 1] : m[2]) : 0;
      return skip > 0 ? [`OFFSET ${skip}: ${s.text}`] : [];
    });
    expect(skips).toEqual([]);
  });

  it("reads related rows in the same statement (relationJoins): an exchange with both parties and their organisations, a listing with its owner", async () => {
    const exchanges = await recording(() => exchangesNeedingAction(bank.busiestMemberId, 5, prisma));
    expect(exchanges.map((s) => s.text)).toHaveLength(1);
    expect(exchanges[0]!.text).toMatch(/LATERAL/i);
    const offer = await recording(() => getListingForViewer(offerId, bank.typicalMemberId, prisma));
    // The listing with its owner, skill, organisation, region and campaign at once; then the
    // viewer's own facts. Each statement's main table is its "t0".
    expect(offer.filter((s) => /FROM "public"\."listings" AS "t0"/.test(s.text))).toHaveLength(1);
    expect(offer.filter((s) => /FROM "public"\."(organisations|regions|skills|campaigns)" AS "t0"/.test(s.text)).map((s) => s.text)).toEqual([]);
  });

  it("catches a full scan when there is one (the check can fail)", async () => {
    const problems = await planProblems([{ text: `SELECT count(*) FROM ledger_entries WHERE amount_minutes = $1`, values: [60] }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/reads ledger_entries end to end/);
  });
});
