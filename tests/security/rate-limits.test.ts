// The rate limits as a caller meets them: 50 identical requests at once through the server actions
// and the export route (tests/integration/rate-limits.test.ts tests the counter itself). Exactly the
// limit goes through, the rest are told when to try again, nothing else changes for them, and the
// hits are in the audit log.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../lib/rate-limit/limits";
import { callAction, callRoute, exchangeAt, form, member, offerBy, together, type ActionFn, type Outcome, type RouteFn } from "./harness";
import { recordSummary } from "./summary";
import { useWorld } from "./use-world";

const CONCURRENT = 50;
const world = await useWorld({ pool: CONCURRENT + 5 });
const limits: Record<string, string> = {};
const violations: string[] = [];
let checks = 0;

const load = async (file: string, name: string) => (await import(`../../${file}`))[name] as ActionFn;

/** Counts the outcomes: `allowed` got through, the rest must be rate_limited with "try again in N minute(s)". */
function judge(name: string, outcomes: Outcome[], allowed: number) {
  const through = outcomes.filter((o) => o.kind === "ok" || o.kind === "redirect").length;
  const limited = outcomes.filter((o) => o.kind === "rule" && o.code === "rate_limited");
  const worded = limited.filter((o) => "message" in o && /try again in \d+ minutes?\./i.test(o.message ?? "")).length;
  limits[name] = `${through} of ${outcomes.length} through (limit ${allowed}), ${limited.length} told to try again`;
  checks++;
  if (through !== allowed) violations.push(`${name}: ${through} got through, the limit is ${allowed}`);
  if (limited.length !== outcomes.length - allowed) violations.push(`${name}: ${limited.length} refused as rate limited, expected ${outcomes.length - allowed}`);
  if (worded !== limited.length) violations.push(`${name}: ${limited.length - worded} refusals did not say when to try again`);
  return { through, limited: limited.length };
}

async function hits(bucket: string): Promise<number> {
  return world.prisma.auditLog.count({ where: { action: "rate_limit.hit", details: { path: ["limit"], equals: bucket } } });
}

describe(`${CONCURRENT} requests at once against each rate limit`, () => {
  it("sign-in emails to one address", async () => {
    const request = await load("app/signin/actions.ts", "requestSignInLink");
    const email = `flood-${randomUUID().slice(0, 8)}@nhs.test`;
    const outcomes = await together(
      Array.from({ length: CONCURRENT }, (_, i) => () => callAction(request, null, form({ email }), { ip: `198.51.100.${i + 1}` })),
    );
    expect(judge("sign-in emails per address", outcomes, RATE_LIMITS.signInPerAddress.count)).toMatchObject({ through: RATE_LIMITS.signInPerAddress.count });
  });

  it("sign-in emails from one client address", async () => {
    const request = await load("app/signin/actions.ts", "requestSignInLink");
    const outcomes = await together(
      Array.from({ length: CONCURRENT }, () => () => callAction(request, null, form({ email: `someone-${randomUUID().slice(0, 8)}@nhs.test` }), { ip: "192.0.2.77" })),
    );
    expect(judge("sign-in emails per client", outcomes, RATE_LIMITS.signInPerClient.count)).toMatchObject({ through: RATE_LIMITS.signInPerClient.count });
  });

  it("messages from one member", async () => {
    const provider = await member(world);
    const payer = await member(world);
    const exchangeId = await exchangeAt(world, "proposed", provider, payer);
    const send = await load("app/exchanges/actions.ts", "sendMessageAction");
    const before = await world.prisma.message.count();
    const outcomes = await together(
      Array.from({ length: CONCURRENT }, (_, i) => () => callAction(send, payer.id, form({ exchangeId, body: `Message ${i}`, requestKey: randomUUID() }))),
    );
    judge("messages per member", outcomes, RATE_LIMITS.messages.count);
    expect(await world.prisma.message.count()).toBe(before + RATE_LIMITS.messages.count);
    expect(await hits("messages")).toBeGreaterThan(0);
  });

  it("proposals from one member", async () => {
    const proposer = await member(world, { balanceMinutes: 6000 });
    const owner = await member(world);
    const listings = await Promise.all(Array.from({ length: 5 }, () => offerBy(world, owner.id)));
    const propose = await load("app/exchanges/actions.ts", "proposeExchangeAction");
    const before = await world.prisma.exchange.count();
    const outcomes = await together(
      Array.from({ length: CONCURRENT }, (_, i) => () =>
        callAction(propose, proposer.id, form({ listingId: listings[i % listings.length]!.id, hours: "1", mins: "0", requestKey: randomUUID() })),
      ),
    );
    judge("proposals per member", outcomes, RATE_LIMITS.proposals.count);
    expect(await world.prisma.exchange.count()).toBe(before + RATE_LIMITS.proposals.count);
  });

  it("CSV exports by one admin", async () => {
    const admin = await member(world, { role: "admin" });
    const exportRoute = (await import("../../app/admin/ledger/export/route")).GET as unknown as RouteFn;
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENT }, () => callRoute(exportRoute, admin.id, "http://localhost:3000/admin/ledger/export")),
    );
    const through = outcomes.filter((o) => o.kind === "ok").length;
    const limited = outcomes.filter((o) => o.kind === "rule" && o.code === "rate_limited" && /try again in \d+ minutes?\./i.test(o.message)).length;
    limits["CSV exports per admin"] = `${through} of ${outcomes.length} through (limit ${RATE_LIMITS.adminExports.count}), ${limited} answered 429 with when to try again`;
    checks++;
    if (through !== RATE_LIMITS.adminExports.count || limited !== CONCURRENT - through) violations.push(`CSV exports: ${through} through, ${limited} limited`);
    expect(through).toBe(RATE_LIMITS.adminExports.count);
    expect(limited).toBe(CONCURRENT - through);
  });
});

afterAll(() => {
  recordSummary("rate-limits", { concurrent: CONCURRENT, checks, limits, violations });
});
