// Rate limits kept in PostgreSQL (GCRA, one statement per decision): a burst of N is allowed and
// the next use is refused with the wait until one more is; 50 concurrent uses on separate
// connections count exactly N; messages, proposals, sign-in emails and admin exports are limited
// where they happen, and a refusal changes nothing; refusals reach the audit log, which is itself
// throttled per client; expired rows are cleaned up.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { withRequestContext } from "../../lib/audit/context";
import { recordRateLimitHit, recordRefusal } from "../../lib/audit/write";
import { db } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { sendMessage } from "../../lib/messages/send-message";
import { limitAdminExport } from "../../lib/rate-limit/admin-exports";
import { deleteExpiredRateLimits } from "../../lib/rate-limit/cleanup";
import { consumeRate, RateLimitedError, rateLimitKey } from "../../lib/rate-limit/consume";
import { rateOf } from "../../lib/rate-limit/limits";
import { limitSignInEmail } from "../../lib/rate-limit/sign-in";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, snapshotCounts } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

// The audit writers (recordRefusal, recordRateLimitHit) use the app's shared client, db().
const database = await useTestDatabase();
process.env.DATABASE_URL = database.url;
const prisma = database.prisma();
/** 25 connections: enough for the 50 concurrent calls below to really overlap. */
const racers = database.prisma({ max: 25 });
afterAll(() => db().$disconnect());
afterEach(() => vi.restoreAllMocks());

const skill = await createSkill(prisma);
const HOUR = 3600;

async function tatOf(bucket: string, key: string): Promise<Date | null> {
  const row = await prisma.rateLimit.findUnique({ where: { bucket_key: { bucket, key } } });
  return row?.tat ?? null;
}

function rejections(results: PromiseSettledResult<unknown>[]): unknown[] {
  return results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
}

describe("GCRA in one statement", () => {
  it("allows N in a burst, refuses the next with the wait until one more is allowed, and allows it once that much time has passed", async () => {
    const rate = { count: 3, periodSeconds: HOUR }; // one every 20 minutes, 3 at once
    const key = randomUUID();
    for (let i = 0; i < 3; i++) expect(await consumeRate(prisma, "test-burst", rate, key)).toEqual({ allowed: true });
    const tat = await tatOf("test-burst", key);

    const refused = await consumeRate(prisma, "test-burst", rate, key);
    expect(refused.allowed).toBe(false);
    const retryAfterMs = refused.allowed ? 0 : refused.retryAfterMs;
    // The wait is one interval (20 minutes) less the moments the three uses took.
    expect(retryAfterMs).toBeLessThanOrEqual(20 * 60 * 1000);
    expect(retryAfterMs).toBeGreaterThan(19 * 60 * 1000);
    expect(await tatOf("test-burst", key), "a refusal moves nothing").toEqual(tat);

    // Twenty minutes later (the row's time moved back by one interval): one more, and only one.
    await prisma.$executeRaw`UPDATE rate_limits SET tat = tat - interval '20 minutes' WHERE bucket = 'test-burst' AND key = ${key}`;
    expect(await consumeRate(prisma, "test-burst", rate, key)).toEqual({ allowed: true });
    expect((await consumeRate(prisma, "test-burst", rate, key)).allowed).toBe(false);
  });

  it("allows a use again after really waiting for the time it said", async () => {
    const rate = { count: 2, periodSeconds: 2 }; // one a second, 2 at once
    const key = randomUUID();
    let refused: { allowed: false; retryAfterMs: number } | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const d = await consumeRate(prisma, "test-wait", rate, key);
      if (!d.allowed) refused = d;
    }
    expect(refused, "a burst past the limit is refused").toBeDefined();
    expect(refused!.retryAfterMs).toBeLessThanOrEqual(1000);
    await new Promise((r) => setTimeout(r, refused!.retryAfterMs + 20));
    expect(await consumeRate(prisma, "test-wait", rate, key)).toEqual({ allowed: true });
  });

  it("keeps buckets and keys apart", async () => {
    const rate = { count: 1, periodSeconds: HOUR };
    const key = randomUUID();
    expect((await consumeRate(prisma, "test-a", rate, key)).allowed).toBe(true);
    expect((await consumeRate(prisma, "test-a", rate, key)).allowed).toBe(false);
    expect((await consumeRate(prisma, "test-b", rate, key)).allowed).toBe(true);
    expect((await consumeRate(prisma, "test-a", rate, randomUUID())).allowed).toBe(true);
  });

  it("stores a key longer than 200 characters as its SHA-256, so a huge address cannot bloat the table", async () => {
    const huge = `${"x".repeat(5000)}@example.org`;
    expect((await consumeRate(prisma, "test-long", { count: 1, periodSeconds: HOUR }, huge)).allowed).toBe(true);
    const rows = await prisma.rateLimit.findMany({ where: { bucket: "test-long" } });
    expect(rows.map((r) => r.key)).toEqual([rateLimitKey(huge)]);
    expect(rows[0]!.key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await consumeRate(prisma, "test-long", { count: 1, periodSeconds: HOUR }, huge)).allowed, "the same huge key is the same bucket").toBe(false);
    const exactly200 = "y".repeat(200);
    expect(rateLimitKey(exactly200)).toBe(exactly200);
  });

  it("judges a use in a long transaction by the time of the use, not of the transaction's start", async () => {
    // With now() (the transaction's start) the third use below would be judged 20 ms in the past,
    // behind the two uses made meanwhile, and refused although it is within the limit.
    const rate = { count: 3, periodSeconds: HOUR };
    const key = randomUUID();
    const decisions = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await new Promise((r) => setTimeout(r, 20));
      const outside = [await consumeRate(prisma, "test-late", rate, key), await consumeRate(prisma, "test-late", rate, key)];
      return [...outside, await consumeRate(tx, "test-late", rate, key), await consumeRate(tx, "test-late", rate, key)];
    });
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
  });

  it("counts exactly N of 50 concurrent uses of one key on separate connections", async () => {
    const rate = { count: 7, periodSeconds: HOUR };
    const key = randomUUID();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => consumeRate(racers, "test-race", rate, key)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    for (const d of decisions) if (!d.allowed) expect(d.retryAfterMs).toBeGreaterThan(0);
  });
});

async function openExchange() {
  const payer = await createMember(prisma, { name: "Pat Payer", balanceMinutes: 120 });
  const provider = await createMember(prisma, { name: "Priya Provider" });
  const offer = await prisma.listing.create({
    data: { kind: "offer", ownerId: provider.id, title: "Run charts", description: "An hour", skillId: skill.id, estimatedMinutes: 60 },
  });
  return { payer, provider, offer };
}

describe("messages", () => {
  it("stores exactly the limit of 50 concurrent messages by one member, refuses the rest with a wait in minutes, and changes nothing else", async () => {
    const limit = rateOf("messages").count;
    const { payer, offer } = await openExchange();
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
    const before = await snapshotCounts(prisma);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => sendMessage(payer.id, { exchangeId: id, body: `Message ${i}`, requestKey: randomUUID() }, racers)),
    );
    const refused = rejections(results);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(limit);
    expect(refused).toHaveLength(50 - limit);
    for (const err of refused) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "rate_limited", message: "You have sent a lot of messages in a short time. Please try again in 1 minute." });
    }
    expect(await prisma.message.count({ where: { exchangeId: id } })).toBe(limit);
    expect(await snapshotCounts(prisma)).toEqual({ ...before, messages: before.messages + limit, notifications: before.notifications + limit });

    // Refused now, and nothing changes (not even the limit's own row).
    const err = await expectRefusal(prisma, () => sendMessage(payer.id, { exchangeId: id, body: "One more", requestKey: randomUUID() }, prisma), {
      code: "rate_limited",
      message: /^You have sent a lot of messages in a short time\. Please try again in \d+ minutes?\.$/,
      unchanged: () => prisma.rateLimit.findMany({ orderBy: [{ bucket: "asc" }, { key: "asc" }] }),
    });
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ limit: "messages", key: payer.id });
  });

  it("returns a resent message even at the limit: a replay is not counted", async () => {
    const { payer, offer } = await openExchange();
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
    const firstKey = randomUUID();
    const first = await sendMessage(payer.id, { exchangeId: id, body: "First", requestKey: firstKey }, prisma);
    for (let i = 1; i < rateOf("messages").count; i++) await sendMessage(payer.id, { exchangeId: id, body: `More ${i}`, requestKey: randomUUID() }, prisma);
    const tat = await tatOf("messages", payer.id);
    expect(await sendMessage(payer.id, { exchangeId: id, body: "First", requestKey: firstKey }, prisma)).toMatchObject({ id: first.id, replayed: true });
    expect(await tatOf("messages", payer.id)).toEqual(tat);
  });
});

describe("proposals", () => {
  it("makes exactly the limit of 50 concurrent proposals by one member, and refuses the rest", async () => {
    const limit = rateOf("proposals").count;
    const { payer, provider, offer } = await openExchange();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => proposeExchange(payer.id, { listingId: offer.id, minutes: 30, requestKey: randomUUID() }, racers)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(limit);
    for (const err of rejections(results)) {
      expect(err).toMatchObject({ code: "rate_limited", limit: "proposals" });
      expect((err as Error).message).toMatch(/^You have proposed a lot of exchanges in a short time\. Please try again in \d+ minutes?\.$/);
    }
    expect(await prisma.exchange.count({ where: { proposedById: payer.id } })).toBe(limit);
    expect(await prisma.notification.count({ where: { memberId: provider.id, kind: "exchange.proposed" } })).toBe(limit);
  });

  it("returns a replayed proposal without counting it again, even at the limit", async () => {
    const { payer, offer } = await openExchange();
    const requestKey = randomUUID();
    const first = await proposeExchange(payer.id, { listingId: offer.id, minutes: 30, requestKey }, prisma);
    const tat = await tatOf("proposals", payer.id);
    expect(await proposeExchange(payer.id, { listingId: offer.id, minutes: 30, requestKey }, prisma)).toEqual({ id: first.id, replayed: true });
    expect(await tatOf("proposals", payer.id), "a replay is not counted").toEqual(tat);

    for (let i = 1; i < rateOf("proposals").count; i++) await proposeExchange(payer.id, { listingId: offer.id, minutes: 30, requestKey: randomUUID() }, prisma);
    await expectRefusal(prisma, () => proposeExchange(payer.id, { listingId: offer.id, minutes: 30, requestKey: randomUUID() }, prisma), {
      code: "rate_limited",
      memberIds: [payer.id],
      unchanged: () => prisma.rateLimit.findMany({ orderBy: [{ bucket: "asc" }, { key: "asc" }] }),
    });
    expect(await proposeExchange(payer.id, { listingId: offer.id, minutes: 30, requestKey }, prisma)).toEqual({ id: first.id, replayed: true });
  });
});

describe("sign-in emails", () => {
  const asClient = <T>(ip: string, work: () => Promise<T>) => withRequestContext({ ip, userAgent: null, path: "/signin" }, work);

  it("sends at most the per-address limit of 50 concurrent requests for one address, from many clients", async () => {
    const address = `ann-${randomUUID()}@example.org`;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => asClient(`198.51.100.${i + 1}`, () => limitSignInEmail(address, `198.51.100.${i + 1}`, racers))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(rateOf("signInPerAddress").count);
    for (const err of rejections(results)) {
      expect(err).toMatchObject({ code: "rate_limited", limit: "signInPerAddress" });
      expect((err as Error).message).toMatch(/^We have sent a lot of sign-in links to this address in a short time\. Please try again in \d+ minutes?\.$/);
    }
  });

  it("counts one spelling of an address", async () => {
    const id = randomUUID();
    for (let i = 0; i < rateOf("signInPerAddress").count; i++) await limitSignInEmail(`bob-${id}@example.org`, `203.0.113.${i + 1}`, prisma);
    await expect(limitSignInEmail(`  BOB-${id}@Example.ORG `, "203.0.113.99", prisma)).rejects.toMatchObject({ limit: "signInPerAddress" });
  });

  it("sends at most the per-client limit to different addresses from one client, and then counts nothing for the address", async () => {
    const ip = "192.0.2.10";
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => asClient(ip, () => limitSignInEmail(`someone-${randomUUID()}@example.org`, ip, racers))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(rateOf("signInPerClient").count);
    for (const err of rejections(results)) expect(err).toMatchObject({ code: "rate_limited", limit: "signInPerClient" });

    // Refused by the client's limit: the address's own budget is untouched (no row at all).
    const address = `carol-${randomUUID()}@example.org`;
    await expect(asClient(ip, () => limitSignInEmail(address, ip, prisma))).rejects.toMatchObject({ limit: "signInPerClient" });
    expect(await tatOf("signInPerAddress", address)).toBeNull();
    for (let i = 0; i < rateOf("signInPerAddress").count; i++) await limitSignInEmail(address, `192.0.2.${100 + i}`, prisma);
  });

  it("counts clients with no known address together, as \"unknown\"", async () => {
    await limitSignInEmail(`dan-${randomUUID()}@example.org`, null, prisma);
    expect(await tatOf("signInPerClient", "unknown")).not.toBeNull();
  });
});

describe("admin exports", () => {
  it("allows exactly the limit of 50 concurrent downloads by one admin, with the wait for the Retry-After header", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => limitAdminExport(admin.id, racers)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(rateOf("adminExports").count);
    const refused = rejections(results);
    expect(refused).toHaveLength(50 - rateOf("adminExports").count);
    for (const err of refused) {
      expect(err).toBeInstanceOf(RateLimitedError);
      const e = err as RateLimitedError;
      expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(e.retryAfterSeconds).toBeLessThanOrEqual((rateOf("adminExports").periodSeconds / rateOf("adminExports").count));
      expect(e.message).toMatch(/^You have downloaded a lot of exports in a short time\. Please try again in \d+ minutes?\.$/);
    }
    // Another admin has their own budget.
    await limitAdminExport((await createMember(prisma, { role: "admin" })).id, prisma);
  });
});

describe("the audit log", () => {
  it("records a refused message (as runAction does) as one rate_limit.hit row: who, which limit, the key and the wait", async () => {
    const { payer, offer } = await openExchange();
    const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
    await prisma.rateLimit.upsert({
      where: { bucket_key: { bucket: "messages", key: payer.id } },
      create: { bucket: "messages", key: payer.id, tat: new Date(Date.now() + 3 * HOUR * 1000) },
      update: { tat: new Date(Date.now() + 3 * HOUR * 1000) },
    });
    await withRequestContext({ ip: "203.0.113.50", userAgent: "Firefox", path: `/exchanges/${id}` }, async () => {
      const err = await sendMessage(payer.id, { exchangeId: id, body: "Hello?", requestKey: randomUUID() }, prisma).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitedError);
      await recordRateLimitHit(err as RateLimitedError, payer.id);
    });
    const rows = await prisma.auditLog.findMany({ where: { action: "rate_limit.hit", actorId: payer.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: "203.0.113.50", targetType: "page", targetId: `/exchanges/${id}`, details: { limit: "messages", key: payer.id } });
    const wait = (rows[0]!.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(2 * HOUR);
    expect(wait).toBeLessThanOrEqual(3 * HOUR);
  });

  it("records a refused sign-in email with the address only as a hash", async () => {
    const address = `erin-${randomUUID()}@example.org`;
    const ip = "203.0.113.60";
    await withRequestContext({ ip, userAgent: null, path: "/signin" }, async () => {
      for (let i = 0; i < rateOf("signInPerAddress").count; i++) await limitSignInEmail(address, `203.0.113.${70 + i}`, prisma);
      await expect(limitSignInEmail(address, ip, prisma)).rejects.toBeInstanceOf(RateLimitedError);
    });
    const rows = await prisma.auditLog.findMany({ where: { action: "rate_limit.hit", ip } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: null, details: { limit: "signInPerAddress" } });
    expect((rows[0]!.details as { key: string }).key).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(JSON.stringify(rows[0]!.details)).not.toContain(address);
  });

  it("writes at most the auditRefusals limit of 100 refusals from one client, says so in the server log for each left out, and still records other clients", async () => {
    const limit = rateOf("auditRefusals").count;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ip = "192.0.2.77";
    await withRequestContext({ ip, userAgent: "curl/8.5.0", path: "/admin" }, () =>
      Promise.all(Array.from({ length: 100 }, (_, i) => recordRefusal(null, `not signed in ${i}`, { code: "unauthenticated" }))),
    );
    expect(await prisma.auditLog.count({ where: { ip } })).toBe(limit);
    const suppressed = warn.mock.calls.filter(([line]) => String(line).startsWith("[audit] auth.refused not recorded: 192.0.2.77"));
    expect(suppressed).toHaveLength(100 - limit);

    // A rate limit hit from the same client passes through the same limit: not written either.
    await withRequestContext({ ip, userAgent: null }, () => recordRateLimitHit(new RateLimitedError("messages", randomUUID(), 60), null));
    expect(await prisma.auditLog.count({ where: { ip } })).toBe(limit);

    // Another client is recorded as before.
    await withRequestContext({ ip: "192.0.2.78", userAgent: null }, () => recordRefusal(null, "not signed in"));
    expect(await prisma.auditLog.count({ where: { ip: "192.0.2.78", action: "auth.refused" } })).toBe(1);
  });

  it("throttles refusals without an address per member", async () => {
    const member = await createMember(prisma);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < rateOf("auditRefusals").count + 5; i++) await recordRefusal(member.id, "not an admin", { code: "forbidden" });
    expect(await prisma.auditLog.count({ where: { actorId: member.id, action: "auth.refused" } })).toBe(rateOf("auditRefusals").count);
    expect(await tatOf("auditRefusals", `member:${member.id}`)).not.toBeNull();
  });
});

describe("the daily clean-up", () => {
  it("deletes the rows whose time has passed and keeps the others", async () => {
    const stale = randomUUID();
    const live = randomUUID();
    await prisma.$executeRaw`INSERT INTO rate_limits (bucket, key, tat) VALUES ('test-clean', ${stale}, now() - interval '1 minute'), ('test-clean', ${live}, now() + interval '1 hour')`;
    expect(await deleteExpiredRateLimits(prisma)).toBeGreaterThanOrEqual(1);
    expect(await tatOf("test-clean", stale)).toBeNull();
    expect(await tatOf("test-clean", live)).not.toBeNull();
  });
});
