// A national-scale bank for benchmarks and query plans (npm run seed:large): by default 100,000
// members in 320 organisations, 300,000 offers and requests, and 1,000,000 posted transfers over
// three years (welcome grants, exchanges posted from holds as confirming does, donations, admin
// adjustments and reversals), plus exchanges still proposed, declined or cancelled.
//
// Members, skills and listings are copied with their triggers and foreign keys on (the listings'
// search vectors are made by their trigger). The ledger and the exchanges it posts are copied by
// lib/ledger/bulk-load.ts, which applies the ledger's rules as it goes and, before the one
// transaction commits, has PostgreSQL reconcile every balance, verify every hash chain and check
// every foreign key of the copied tables. Drawn from a seeded generator: the same options give
// the same bank.
import type pg from "pg";
import { LedgerBulkLoad, foreignKeyCheckSql } from "../ledger/bulk-load";
import { copyLines, text } from "../db/copy";
import { ADD_MISSING_METHOD_PAGES_SQL, addMissingMethodPagesParams } from "../methods/seed-pages";
import { AVAILABILITY, OFFERS, ORG_KINDS, PROFESSION_GROUP, PROFESSION_SKILLS, REGIONS, REQUESTS, SKILLS, THANKS, type ListingText } from "./demo-content";
import { createRandom, type Random } from "./random";

export interface LargeBankOptions {
  members?: number;
  listings?: number;
  transfers?: number;
  seed?: number;
  /** The bank's history ends here (default: now). */
  until?: Date;
  log?: (line: string) => void;
}

export interface LargeBankSummary {
  members: number;
  activeMembers: number;
  organisations: number;
  listings: number;
  exchanges: number;
  transfers: number;
  entries: number;
  /** The admin's id and email, the member with the longest history, and a typical member. */
  adminEmail: string;
  busiestMemberId: string;
  typicalMemberId: string;
  ms: { members: number; listings: number; ledger: number; checks: number; total: number };
}

export const LARGE_EMAIL_DOMAIN = "large.timebank.local";
export const LARGE_ADMIN_EMAIL = `admin@${LARGE_EMAIL_DOMAIN}`;
/**
 * The embedded server's settings for the large bank: the bank is about 2.2 GB on disk, and the
 * default 128 MB of shared buffers would hold less than its listings table. A PostgreSQL for a
 * real bank of this size is given a quarter of its machine's memory (docs/SCALING.md).
 */
/** Where `npm run seed:large` and `npm run bench:web` keep the large bank's embedded PostgreSQL, apart from the demo bank's. */
export const LARGE_DATA_DIR = ".data-large";
export const LARGE_EMBEDDED_PORT = "54331";

export const LARGE_BANK_PG_SETTINGS = { shared_buffers: "1GB", effective_cache_size: "4GB" } as const;

export const LARGE_DEFAULTS = { members: 100_000, listings: 300_000, transfers: 1_000_000, seed: 20261203 } as const;

const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;
const FLOOR_MINUTES = -600;
const WELCOME_MINUTES = 120;

const FIRST_NAMES = [
  "Aisha", "Ben", "Chloe", "Daniel", "Eleanor", "Farah", "Gareth", "Hannah", "Imran", "Jade", "Kofi", "Laura", "Mohammed", "Niamh",
  "Oliver", "Priya", "Rachel", "Samuel", "Tom", "Uma", "Victoria", "Wei", "Yasmin", "Zoe", "Amir", "Bethan", "Callum", "Deborah",
  "Emeka", "Fiona", "Grace", "Harpreet", "Isaac", "Joanna", "Kieran", "Leah", "Marcus", "Nadia", "Owen", "Paula", "Ruth", "Sanjay",
];
const LAST_NAMES = [
  "Rahman", "Whitaker", "Davies", "Okafor", "Hughes", "Siddiqui", "Llewellyn", "Brooks", "Patel", "Thompson", "Mensah", "McKenzie",
  "Hussain", "O'Connor", "Grant", "Nair", "Goldberg", "Adeyemi", "Fletcher", "Krishnan", "Lewis", "Chen", "Ali", "Carter", "Haddad",
  "Rees", "Fraser", "Clarke", "Obi", "Campbell", "Liu", "Kaur", "Bennett", "Nowak", "Walsh", "Simmons", "Johnson", "Begum", "Price",
];
const PLACES = [
  "Ashbrook", "Bramley", "Calder", "Dunmore", "Elmstead", "Fenwick", "Glenfield", "Harwood", "Ilsley", "Kingsmere", "Langdale",
  "Marlow Vale", "Northcote", "Oakridge", "Penmoor", "Queensbury", "Redwater", "Stanhope", "Thornbury", "Upton Cross", "Westmarsh",
  "Yarrow", "Ambleside", "Birchfield", "Coldharbour", "Deepdale", "Easterby", "Foxhill", "Greyfriars", "Holmewood", "Ivybridge",
  "Juniper Hill", "Kestrel Bay", "Longford", "Millbrook", "Netherton", "Orchard Lea", "Priory Vale", "Riverside", "Saltmarsh",
];
const PROFESSIONS = Object.keys(PROFESSION_SKILLS);

interface Member {
  id: string;
  joinedAt: number;
  active: boolean;
  accountId: number;
  /** One of their offers and one of their requests (id and title), for exchanges to be about. */
  offer?: { id: string; title: string };
  request?: { id: string; title: string };
}

/** Seeds an empty bank on `client` in one transaction (committed here; rolled back on any error). */
export async function seedLargeBank(client: pg.ClientBase, options: LargeBankOptions = {}): Promise<LargeBankSummary> {
  const memberCount = options.members ?? LARGE_DEFAULTS.members;
  const listingCount = options.listings ?? LARGE_DEFAULTS.listings;
  const transferCount = options.transfers ?? LARGE_DEFAULTS.transfers;
  const rng = createRandom(options.seed ?? LARGE_DEFAULTS.seed);
  const log = options.log ?? (() => {});
  const until = (options.until ?? new Date()).getTime();
  const start = until - SPAN_DAYS * DAY;
  const t0 = performance.now();
  const ms = { members: 0, listings: 0, ledger: 0, checks: 0, total: 0 };

  await client.query("BEGIN");
  try {
    const { rows: existing } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM members`);
    if (existing[0]!.n !== "0") throw new Error("seed:large needs an empty bank; this one has members.");

    // Regions, organisations, skills.
    const regionIds = await insertReturning(client, `INSERT INTO regions (name) SELECT unnest($1::text[]) RETURNING id`, [[...REGIONS]]);
    const orgs = PLACES.flatMap((place, p) => ORG_KINDS.map((kind, k) => ({ name: `${place} ${kind}`, kind, regionId: regionIds[(p + k) % regionIds.length]! })));
    const orgIds = await insertReturning(client, `INSERT INTO organisations (name, kind, region_id) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) RETURNING id`, [
      orgs.map((o) => o.name),
      orgs.map((o) => o.kind),
      orgs.map((o) => o.regionId),
    ]);
    const skillIds = new Map<string, string>();
    const skillRows = await client.query<{ id: string; slug: string }>(
      `INSERT INTO skills (slug, name, category, description) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) RETURNING id, slug`,
      [SKILLS.map((s) => s.slug), SKILLS.map((s) => s.name), SKILLS.map((s) => s.category), SKILLS.map((s) => s.description)],
    );
    for (const r of skillRows.rows) skillIds.set(r.slug, r.id);
    await client.query(ADD_MISSING_METHOD_PAGES_SQL, addMissingMethodPagesParams(new Date(start)));

    // Members: joined evenly over the three years; 1% still pending (no account), 0.5% suspended.
    const members: Member[] = [];
    const memberLines: string[] = [];
    const memberSkillLines: string[] = [];
    const adminId = rng.uuid();
    memberLines.push(
      memberLine({ id: adminId, email: LARGE_ADMIN_EMAIL, name: "Sam Okoro", status: "active", role: "admin", profession: "Time bank coordinator", org: orgIds[0]!, region: regionIds[0]!, at: start, rng }),
    );
    for (let i = 0; i < memberCount - 1; i++) {
      const id = rng.uuid();
      const joinedAt = start + Math.floor(((i + rng.next()) / memberCount) * (SPAN_DAYS - 30) * DAY);
      const roll = rng.next();
      const status = roll < 0.01 ? "pending" : roll < 0.015 ? "suspended" : "active";
      const orgIndex = rng.int(0, orgIds.length - 1);
      const profession = rng.pick(PROFESSIONS);
      const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      memberLines.push(
        memberLine({ id, email: `member${i + 1}@${LARGE_EMAIL_DOMAIN}`, name, status, role: "member", profession: PROFESSION_GROUP[profession] ?? "Other", org: orgIds[orgIndex]!, region: orgs[orgIndex]!.regionId, at: joinedAt, rng }),
      );
      for (const slug of rng.sample(PROFESSION_SKILLS[profession] ?? [], 2)) memberSkillLines.push(`${id}\t${skillIds.get(slug)}\t${new Date(joinedAt).toISOString()}\n`);
      members.push({ id, joinedAt, active: status !== "pending", accountId: 0 });
    }
    await copyLines(client, "members", MEMBER_COLUMNS, memberLines);
    await copyLines(client, "member_skills", ["member_id", "skill_id", "created_at"], memberSkillLines);
    // Accounts through the ledger's own function (accounts open at zero), in joining order.
    await client.query(`SELECT ledger_open_account('member', id, NULL, 'Member account', $1::int) FROM members WHERE status <> 'pending' ORDER BY created_at, id`, [FLOOR_MINUTES]);
    const accountOf = new Map<string, number>();
    for (const r of (await client.query<{ member_id: string; id: number }>(`SELECT member_id, id FROM ledger_accounts WHERE kind = 'member'`)).rows) accountOf.set(r.member_id, r.id);
    for (const m of members) m.accountId = accountOf.get(m.id) ?? 0;
    const active = members.filter((m) => m.active);
    ms.members = performance.now() - t0;
    log(`${memberCount.toLocaleString("en-GB")} members, ${orgIds.length} organisations (${(ms.members / 1000).toFixed(1)} s)`);

    // Listings: two offers and a request for each active member in turn, posted after they joined.
    const tListings = performance.now();
    const listingLines: string[] = [];
    for (let j = 0; j < listingCount; j++) {
      const owner = active[j % active.length]!;
      const kind = j % 3 === 2 ? "request" : "offer";
      const text0 = rng.pick(kind === "offer" ? OFFERS : REQUESTS);
      const id = rng.uuid();
      if (kind === "offer") owner.offer ??= { id, title: text0.title };
      else owner.request ??= { id, title: text0.title };
      const at = owner.joinedAt + rng.int(1, 20) * 3_600_000;
      const status = rng.chance(0.8) ? "open" : rng.chance(0.5) ? "paused" : "closed";
      listingLines.push(listingLine(id, kind, owner.id, text0, skillIds.get(text0.skill)!, status, at, rng));
    }
    await copyLines(client, "listings", LISTING_COLUMNS, listingLines);
    ms.listings = performance.now() - tListings;
    log(`${listingCount.toLocaleString("en-GB")} offers and requests (${(ms.listings / 1000).toFixed(1)} s)`);

    // The ledger, in time order: each member's welcome grant when they join, then exchanges,
    // donations, adjustments and reversals between the members who have joined by then.
    const tLedger = performance.now();
    const load = await LedgerBulkLoad.begin(client);
    const { rows: sys } = await client.query<{ code: string; id: number }>(`SELECT code, id FROM ledger_accounts WHERE code IS NOT NULL`);
    const issuance = sys.find((s) => s.code === "issuance")!.id;
    const adjustment = sys.find((s) => s.code === "adjustment")!.id;
    const exchangeLines: string[] = [];
    if (transferCount < active.length) throw new Error(`${transferCount} transfers cannot include a welcome grant for each of ${active.length} active members.`);
    const exchangeTransfers: { id: bigint; provider: Member; payer: Member; amount: number }[] = [];
    let joined = 0;
    let made = 0;
    let misses = 0;
    const first = active[0]!.joinedAt;
    const span = until - DAY - first;
    const welcome = async (m: Member) => {
      await load.add({ kind: "grant", debitAccountId: issuance, creditAccountId: m.accountId, amountMinutes: WELCOME_MINUTES, idempotencyKey: `welcome:${m.id}`, actorId: null, memo: "Welcome hours", createdAt: new Date(m.joinedAt + 60_000) });
      made++;
    };
    /** A member who had joined by then: half the time anyone, otherwise skewed to the early (and so busiest) members. */
    const anyone = () => active[rng.chance(0.5) ? rng.int(0, joined - 1) : Math.floor(joined * rng.next() ** 3)]!;
    while (made < transferCount) {
      const at = first + Math.floor(((made + 1) / (transferCount + 1)) * span);
      while (joined < active.length && active[joined]!.joinedAt <= at) await welcome(active[joined++]!);
      if (made >= transferCount) continue;
      if (joined < 2) {
        // Nobody to exchange with yet: the next member joins.
        await welcome(active[joined++]!);
        continue;
      }
      if (misses > 1_000) throw new Error("The generated members ran out of hours to exchange.");
      const roll = rng.next();
      const createdAt = new Date(at);
      if (roll < 0.002 && exchangeTransfers.length > 0) {
        // An admin reverses an exchange posted by mistake (the provider must have the minutes).
        const original = exchangeTransfers[rng.int(0, exchangeTransfers.length - 1)]!;
        if (original.amount > 0 && load.available(original.provider.accountId) >= original.amount) {
          await load.add({ kind: "reversal", debitAccountId: original.provider.accountId, creditAccountId: original.payer.accountId, amountMinutes: original.amount, idempotencyKey: `reverse:${original.id}`, reversesTransferId: original.id, actorId: adminId, memo: "Posted to the wrong exchange", createdAt });
          original.amount = 0;
          made++;
          continue;
        }
      }
      if (roll < 0.005) {
        const m = anyone();
        const give = rng.chance(0.7) || load.available(m.accountId) < 60;
        await load.add({ kind: "adjustment", debitAccountId: give ? adjustment : m.accountId, creditAccountId: give ? m.accountId : adjustment, amountMinutes: rng.pick([15, 30, 60]), idempotencyKey: `adjust:${rng.uuid()}`, actorId: adminId, memo: give ? "Hours given that were not recorded" : "Hours recorded twice", createdAt });
        made++;
        continue;
      }
      // An exchange or a donation between two members; the payer must have the minutes.
      let provider = anyone();
      let payer = anyone();
      const amount = roll < 0.025 ? rng.pick([30, 60, 120]) : rng.pick([30, 45, 60, 60, 90, 120, 180, 240]);
      if (load.available(payer.accountId) < amount) [provider, payer] = [payer, provider];
      if (provider === payer || load.available(payer.accountId) < amount) {
        misses++;
        continue;
      }
      misses = 0;
      if (roll < 0.025) {
        await load.add({ kind: "donation", debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: amount, idempotencyKey: `donation:${rng.uuid()}`, actorId: payer.id, memo: "A gift of hours", createdAt });
        made++;
        continue;
      }
      const byOffer = provider.offer !== undefined && (payer.request === undefined || rng.chance(0.7));
      const listing = byOffer ? provider.offer! : payer.request!;
      const exchangeId = rng.uuid();
      const proposedAt = at - rng.int(3, 20) * DAY;
      const acceptedAt = proposedAt + rng.int(1, 2) * DAY;
      const deliveredAt = at - rng.int(1, 2) * 3_600_000;
      const memo = `Exchange: ${listing.title}`.slice(0, 200);
      const { transferId: id, holdId } = await load.add({ kind: "exchange", debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: amount, idempotencyKey: `exchange:${exchangeId}:post`, holdKey: `exchange:${exchangeId}:hold`, heldAt: new Date(acceptedAt), exchangeId, actorId: payer.id, memo, createdAt });
      exchangeTransfers.push({ id, provider, payer, amount });
      exchangeLines.push(
        exchangeLine({ id: exchangeId, listingId: listing.id, provider: provider.id, payer: payer.id, proposedBy: byOffer ? payer.id : provider.id, state: "confirmed", title: listing.title, minutes: amount, holdId: holdId!, transferId: id, proposedAt, acceptedAt, deliveredAt, confirmedAt: at, thanks: rng.chance(0.4) ? rng.pick(THANKS) : null }),
      );
      made++;
    }
    while (joined < active.length) await welcome(active[joined++]!);
    // Exchanges that never reached the ledger: proposed in the last weeks, declined or cancelled.
    for (let i = 0; i < Math.floor(exchangeTransfers.length / 50); i++) {
      const provider = anyone();
      const payer = anyone();
      if (provider === payer || provider.offer === undefined) continue;
      const proposedAt = until - rng.int(1, 40) * DAY;
      const state = proposedAt > until - 14 * DAY ? "proposed" : rng.chance(0.5) ? "declined" : "cancelled";
      exchangeLines.push(exchangeLine({ id: rng.uuid(), listingId: provider.offer.id, provider: provider.id, payer: payer.id, proposedBy: payer.id, state, title: provider.offer.title, minutes: 60, proposedAt }));
    }
    // The exchanges name their holds and transfers: copied in the same triggerless stretch, and
    // their foreign keys checked with the ledger's.
    await copyLines(client, "exchanges", EXCHANGE_COLUMNS, exchangeLines);
    const result = await load.finish();
    const tChecks = performance.now();
    const { rows: badExchanges } = await client.query<{ problem: string }>(foreignKeyCheckSql(["exchanges"]));
    if (badExchanges.length > 0) throw new Error(badExchanges.map((r) => r.problem).join("\n"));
    await client.query(`ANALYZE`);
    const checksMs = result.checkMs.reconcile + result.checkMs.verifyChain + result.checkMs.foreignKeys + (performance.now() - tChecks);
    ms.ledger = performance.now() - tLedger - checksMs;
    ms.checks = checksMs;
    log(
      `${made.toLocaleString("en-GB")} transfers (${result.entries.toLocaleString("en-GB")} entries) and ${exchangeLines.length.toLocaleString("en-GB")} exchanges (${(ms.ledger / 1000).toFixed(1)} s); ` +
        `reconciled in ${(result.checkMs.reconcile / 1000).toFixed(1)} s, chain verified in ${(result.checkMs.verifyChain / 1000).toFixed(1)} s, foreign keys in ${(result.checkMs.foreignKeys / 1000).toFixed(1)} s`,
    );

    const { rows: busiest } = await client.query<{ member_id: string }>(`SELECT member_id FROM ledger_accounts WHERE kind = 'member' ORDER BY entry_count DESC, id LIMIT 1`);
    const { rows: typical } = await client.query<{ member_id: string }>(
      `SELECT member_id FROM ledger_accounts WHERE kind = 'member' AND entry_count > 0 ORDER BY entry_count, id OFFSET (SELECT count(*) / 2 FROM ledger_accounts WHERE kind = 'member' AND entry_count > 0) LIMIT 1`,
    );
    await client.query("COMMIT");
    ms.total = performance.now() - t0;
    return {
      members: memberCount,
      activeMembers: active.length,
      organisations: orgIds.length,
      listings: listingCount,
      exchanges: exchangeLines.length,
      transfers: result.transfers,
      entries: result.entries,
      adminEmail: LARGE_ADMIN_EMAIL,
      busiestMemberId: busiest[0]!.member_id,
      typicalMemberId: typical[0]!.member_id,
      ms,
    };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

async function insertReturning(client: pg.ClientBase, sql: string, params: unknown[]): Promise<string[]> {
  return (await client.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
}

const MEMBER_COLUMNS = ["id", "email", "name", "email_verified", "status", "role", "profession", "organisation_id", "region_id", "bio", "availability", "tags", "profile_done_at", "approved_at", "created_at", "updated_at"];

function memberLine(m: { id: string; email: string; name: string; status: string; role: string; profession: string; org: string; region: string; at: number; rng: Random }): string {
  const at = new Date(m.at).toISOString();
  const bio = `${m.profession} with an interest in ${m.rng.pick(SKILLS).name.toLowerCase()}.`;
  return [
    m.id,
    text(m.email),
    text(m.name),
    at,
    m.status,
    m.role,
    text(m.profession),
    m.org,
    m.region,
    text(bio),
    text(m.rng.pick(AVAILABILITY)),
    "{}",
    at,
    m.status === "pending" ? "\\N" : at,
    at,
    at,
  ].join("\t") + "\n";
}

const LISTING_COLUMNS = ["id", "kind", "owner_id", "title", "description", "skill_id", "tags", "estimated_minutes", "status", "wanted_by", "created_at", "updated_at"];

function listingLine(id: string, kind: string, ownerId: string, t: ListingText, skillId: string, status: string, at: number, rng: Random): string {
  const when = new Date(at).toISOString();
  const tags = `{${t.tags.map((x) => `"${x.replace(/["\\]/g, "")}"`).join(",")}}`;
  const wantedBy = kind === "request" && rng.chance(0.5) ? new Date(at + rng.int(14, 90) * DAY).toISOString().slice(0, 10) : "\\N";
  return [id, kind, ownerId, text(t.title), text(t.description), skillId, text(tags), t.minutes, status, wantedBy, when, when].join("\t") + "\n";
}

const EXCHANGE_COLUMNS = [
  "id", "listing_id", "provider_id", "payer_id", "proposed_by_id", "state", "title", "agreed_minutes", "delivered_minutes", "hold_id", "transfer_id",
  "thanks_note", "thanked_at", "accepted_at", "delivered_at", "confirmed_at", "closed_at", "created_at", "updated_at",
];

function exchangeLine(e: {
  id: string;
  listingId: string;
  provider: string;
  payer: string;
  proposedBy: string;
  state: string;
  title: string;
  minutes: number;
  holdId?: bigint;
  transferId?: bigint;
  proposedAt: number;
  acceptedAt?: number;
  deliveredAt?: number;
  confirmedAt?: number;
  thanks?: string | null;
}): string {
  const iso = (t: number | undefined) => (t === undefined ? "\\N" : new Date(t).toISOString());
  const closed = e.state === "confirmed" ? e.confirmedAt : e.state === "proposed" ? undefined : e.proposedAt + DAY;
  const last = e.confirmedAt ?? closed ?? e.proposedAt;
  return [
    e.id,
    e.listingId,
    e.provider,
    e.payer,
    e.proposedBy,
    e.state,
    text(e.title),
    e.minutes,
    e.deliveredAt === undefined ? "\\N" : e.minutes,
    text(e.holdId),
    text(e.transferId),
    text(e.thanks ?? null),
    e.thanks ? iso(last) : "\\N",
    iso(e.acceptedAt),
    iso(e.deliveredAt),
    iso(e.confirmedAt),
    iso(closed),
    iso(e.proposedAt),
    iso(last),
  ].join("\t") + "\n";
}
