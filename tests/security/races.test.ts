// The race-condition tests (OWASP's "limit overrun"): 50 identical requests released together,
// each a server action called as the member would call it, on its own database connection.
// Exactly one may succeed where only one may; the ledger reconciles afterwards.
import { randomUUID } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { donateToCampaign } from "../../lib/campaigns/donate-to-campaign";
import { reconcile } from "../../lib/ledger";
import { balanceOf } from "../helpers/members";
import { callAction, exchangeAt, form, member, together, type ActionFn, type Outcome } from "./harness";
import { recordSummary } from "./summary";
import { useWorld } from "./use-world";

const CONCURRENT = 50;
// One payer proposes fifty exchanges below, which the proposals limit (20 an hour) would stop
// first: it is raised for this file, as a bank could (docs/RATE-LIMITS.md).
process.env.TIMEBANK_RATE_LIMIT_PROPOSALS = "1000/60m";
const world = await useWorld({ pool: CONCURRENT + 5 });
const races: { name: string; requests: number; succeeded: number; repeats: number; refused: number; other: number }[] = [];
const violations: string[] = [];

/**
 * Identical steps by the same member are idempotent (a double click never doubles): after the one
 * that took effect, the others are answered as repeats of it ({ replayed: true }) and change
 * nothing. "succeeded" counts only the calls that took effect.
 */
const isRepeat = (o: Outcome) => o.kind === "ok" && (o.data as { replayed?: boolean } | null)?.replayed === true;

function tally(name: string, outcomes: Outcome[], mayWin: number) {
  const repeats = outcomes.filter(isRepeat).length;
  const succeeded = outcomes.filter((o) => (o.kind === "ok" || o.kind === "redirect") && !isRepeat(o)).length;
  const refused = outcomes.filter((o) => o.kind === "rule" || o.kind === "refused").length;
  const other = outcomes.length - succeeded - repeats - refused;
  races.push({ name, requests: outcomes.length, succeeded, repeats, refused, other });
  if (succeeded !== mayWin) violations.push(`${name}: ${succeeded} succeeded, ${mayWin} may`);
  if (other > 0) violations.push(`${name}: ${other} answers were neither a success nor a refusal: ${JSON.stringify(outcomes.find((o) => !["ok", "redirect", "rule", "refused"].includes(o.kind)))}`);
  return { succeeded, repeats, refused, other };
}

const load = async (file: string, name: string) => (await import(`../../${file}`))[name] as ActionFn;

describe(`${CONCURRENT} identical requests at once`, () => {
  it("confirming one exchange posts its hours exactly once", async () => {
    const provider = await member(world, { balanceMinutes: 0 });
    const payer = await member(world, { balanceMinutes: 600 });
    const id = await exchangeAt(world, "delivered", provider, payer);
    const confirm = await load("app/exchanges/actions.ts", "confirmExchangeAction");
    const outcomes = await together(Array.from({ length: CONCURRENT }, () => () => callAction(confirm, payer.id, form({ exchangeId: id }))));
    expect(tally("confirm one exchange", outcomes, 1)).toMatchObject({ succeeded: 1, repeats: CONCURRENT - 1, other: 0 });
    expect(await world.prisma.ledgerTransfer.count({ where: { kind: "exchange", creditAccountId: provider.accountId } })).toBe(1);
    expect(await balanceOf(world.prisma, provider.id)).toMatchObject({ balanceMinutes: 60 });
    expect(await balanceOf(world.prisma, payer.id)).toMatchObject({ balanceMinutes: 540, heldMinutes: 0 });
    expect(await reconcile(world.prisma)).toEqual([]);
  });

  it("accepting one exchange holds the hours exactly once", async () => {
    const provider = await member(world, { balanceMinutes: 0 });
    const payer = await member(world, { balanceMinutes: 600 });
    const id = await exchangeAt(world, "proposed", provider, payer);
    const accept = await load("app/exchanges/actions.ts", "acceptExchangeAction");
    const outcomes = await together(Array.from({ length: CONCURRENT }, () => () => callAction(accept, provider.id, form({ exchangeId: id }))));
    expect(tally("accept one exchange", outcomes, 1)).toMatchObject({ succeeded: 1, repeats: CONCURRENT - 1, other: 0 });
    expect(await world.prisma.ledgerHold.count({ where: { debitAccountId: payer.accountId } })).toBe(1);
    expect(await balanceOf(world.prisma, payer.id)).toMatchObject({ balanceMinutes: 600, heldMinutes: 60 });
    expect(await world.prisma.exchange.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "accepted" });
  });

  it("spending one balance: fifty donations of the whole of it, each with its own form, move it once", async () => {
    const giver = await member(world, { balanceMinutes: 60, floorMinutes: 0 });
    const takers = await Promise.all(Array.from({ length: 5 }, () => member(world, { balanceMinutes: 0 })));
    const donate = await load("app/dashboard/donate/actions.ts", "donateAction");
    const outcomes = await together(
      Array.from({ length: CONCURRENT }, (_, i) => () =>
        callAction(donate, giver.id, form({ to: takers[i % takers.length]!.id, hours: "1", mins: "0", requestKey: randomUUID() })),
      ),
    );
    expect(tally("spend one balance (donations)", outcomes, 1)).toMatchObject({ succeeded: 1 });
    expect(await balanceOf(world.prisma, giver.id)).toMatchObject({ balanceMinutes: 0, heldMinutes: 0 });
    const received = await Promise.all(takers.map((t) => balanceOf(world.prisma, t.id)));
    expect(received.reduce((sum, b) => sum + b.balanceMinutes, 0)).toBe(60);
    expect(await reconcile(world.prisma)).toEqual([]);
  });

  it("spending one balance: fifty providers accepting fifty proposals of one payer who can afford one", async () => {
    const payer = await member(world, { balanceMinutes: 60, floorMinutes: 0 });
    const providers = await Promise.all(Array.from({ length: CONCURRENT }, () => member(world, { balanceMinutes: 0 })));
    const ids = await Promise.all(providers.map((p) => exchangeAt(world, "proposed", p, payer)));
    const accept = await load("app/exchanges/actions.ts", "acceptExchangeAction");
    const outcomes = await together(providers.map((p, i) => () => callAction(accept, p.id, form({ exchangeId: ids[i]! }))));
    expect(tally("spend one balance (holds)", outcomes, 1)).toMatchObject({ succeeded: 1 });
    expect(outcomes.filter((o) => o.kind === "rule" && o.code === "below_floor")).toHaveLength(CONCURRENT - 1);
    expect(await balanceOf(world.prisma, payer.id)).toMatchObject({ balanceMinutes: 60, heldMinutes: 60 });
    expect(await reconcile(world.prisma)).toEqual([]);
  });

  it("spending one campaign pool: fifty payments of the whole of it, each with its own form, pay it once", async () => {
    const admin = await member(world, { role: "admin" });
    const organiser = await member(world);
    const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const { id: campaignId } = await createCampaign(
      admin.id,
      { title: "Race for the pool", aim: "One pool, spent once.", whyItMatters: "A pool never goes below zero.", startsOn: today, endsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), targetHours: "10", skillIds: [world.skillId], organiserEmails: organiser.email, hubId: "" },
      world.prisma,
    );
    await donateToCampaign(admin.id, { campaignId, minutes: 60, requestKey: randomUUID() }, world.prisma);
    const askers = await Promise.all(Array.from({ length: 5 }, () => member(world, { balanceMinutes: 0 })));
    const requests = await Promise.all(
      askers.map((a) =>
        world.prisma.listing.create({ data: { kind: "request", ownerId: a.id, title: "Help with the counts", description: "A week of counts.", skillId: world.skillId, estimatedMinutes: 60, campaignId } }),
      ),
    );
    const spend = await load("app/campaigns/actions.ts", "spendCampaignPoolAction");
    const outcomes = await together(
      Array.from({ length: CONCURRENT }, (_, i) => () =>
        callAction(spend, organiser.id, form({ campaignId, listingId: requests[i % requests.length]!.id, hours: "1", mins: "0", requestKey: randomUUID() })),
      ),
    );
    expect(tally("spend one campaign pool", outcomes, 1)).toMatchObject({ succeeded: 1 });
    const pool = await world.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { poolAccount: { select: { balanceMinutes: true } } } });
    expect(pool.poolAccount.balanceMinutes).toBe(0);
    const received = await Promise.all(askers.map((a) => balanceOf(world.prisma, a.id)));
    expect(received.reduce((sum, b) => sum + b.balanceMinutes, 0)).toBe(60);
    expect(await world.prisma.campaignSpend.count({ where: { campaignId } })).toBe(1);
    expect(await reconcile(world.prisma)).toEqual([]);
  });

  it("redeeming one sign-in link: the token next-auth checks is used once", async () => {
    // The adapter call next-auth's callback makes for an emailed link (also raced over HTTP in
    // tests/e2e/security-http.spec.ts, through next-auth itself).
    const adapter = PrismaAdapter(world.prisma);
    const identifier = `link-${randomUUID().slice(0, 8)}@nhs.test`;
    const token = randomUUID();
    await adapter.createVerificationToken!({ identifier, token, expires: new Date(Date.now() + 600_000) });
    const results = await together(
      Array.from({ length: CONCURRENT }, () => async (): Promise<Outcome> => {
        const used = await adapter.useVerificationToken!({ identifier, token });
        return used ? { kind: "ok", data: used } : { kind: "rule", code: "used", message: "already used" };
      }),
    );
    expect(tally("redeem one sign-in link (adapter)", results, 1)).toMatchObject({ succeeded: 1 });
    expect(await world.prisma.verificationToken.count({ where: { identifier } })).toBe(0);
  });
});

afterAll(() => {
  recordSummary("races", { concurrent: CONCURRENT, races, violations });
});
