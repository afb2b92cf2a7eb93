// Campaigns in the browser, on the demo bank: an admin starts a campaign for the North hub; two
// members join it and exchange under it (a request tagged to it, proposed, accepted, delivered,
// confirmed), and its progress moves by exactly the confirmed minutes; a member gives hours to its
// pool and an organiser pays from the pool for one of its requests, with the ledger balanced after
// (checked in SQL); a coordinator of another hub cannot start a campaign for the North hub, not
// even by calling the action directly.
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "../../lib/db/client";
import { outcomeOfResponse, postAction, sessionCookie } from "./http-actions";
import { E2E_DATABASE_URL, expectAccessible, expectState, pickTwoMembers, propose, screenshots, signInByEmail, withDb } from "./support";

const ADMIN = "admin@demo.timebank.local";
const NORTH = "North of England QI Partnership";
const MIDLANDS = "Midlands and East Improvement Hub";

test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const TITLE = `Safer nights ${stamp}`;
let campaignId = "";
let requestId = "";

/** Hours exchanged for the campaign by the ledger rule: confirmed transfers under its listings, reversed ones not counted. */
async function ledgerMinutes(id: string): Promise<number> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ m: string }>(
      `SELECT coalesce(sum(t.amount_minutes), 0) AS m FROM listings l JOIN exchanges e ON e.listing_id = l.id
         JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
        WHERE l.campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)`,
      [id],
    );
    return Number(rows[0]!.m);
  });
}

async function ledgerBalanced(): Promise<{ problems: number; broken: number; total: number }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ problems: string; broken: string; total: string }>(
      `SELECT (SELECT count(*) FROM ledger_reconcile()) AS problems, (SELECT count(*) FROM ledger_verify_chain()) AS broken,
              (SELECT coalesce(sum(balance_minutes), 0) FROM ledger_accounts) AS total`,
    );
    return { problems: Number(rows[0]!.problems), broken: Number(rows[0]!.broken), total: Number(rows[0]!.total) };
  });
}

/** An active member of the hub with hours to give, who neither coordinates it nor is one of `not`. */
async function memberOfHub(hub: string, not: string[] = []): Promise<{ id: string; email: string; name: string }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ id: string; email: string; name: string }>(
      `SELECT m.id, m.email, m.name FROM members m JOIN organisations o ON o.id = m.organisation_id JOIN hubs h ON h.id = o.hub_id
         JOIN ledger_accounts a ON a.member_id = m.id
        WHERE h.name = $1 AND m.status = 'active' AND m.role = 'member' AND a.balance_minutes - a.held_minutes >= 120
          AND NOT EXISTS (SELECT 1 FROM hub_coordinators hc WHERE hc.member_id = m.id) AND NOT (m.id = ANY($2::uuid[]))
        ORDER BY m.email LIMIT 1`,
      [hub, not],
    );
    return rows[0]!;
  });
}

async function coordinatorOf(hub: string): Promise<{ id: string; email: string }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ id: string; email: string }>(
      `SELECT m.id, m.email FROM hub_coordinators hc JOIN hubs h ON h.id = hc.hub_id JOIN members m ON m.id = hc.member_id WHERE h.name = $1 ORDER BY m.name LIMIT 1`,
      [hub],
    );
    return rows[0]!;
  });
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function signedIn(browserPage: Page, email: string, path: string) {
  await signInByEmail(browserPage, email, path);
  await expect(browserPage).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
}

test("an admin starts a campaign for a hub", async ({ page }, testInfo) => {
  const organiser = await memberOfHub(NORTH);
  await signedIn(page, ADMIN, "/campaigns/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Start a campaign");
  await expectAccessible(page, "start a campaign");
  await screenshots(page, "campaign-new", testInfo);

  await page.getByLabel("Who runs it").selectOption({ label: NORTH });
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Aim").fill("No patient on our wards waits past ten at night for a bed move or a discharge.");
  await page.getByLabel("Why it matters").fill("Moves at night confuse older patients and raise their risk of falls and delirium.");
  await page.getByLabel("Starts on").fill(isoDay(-1));
  await page.getByLabel("Ends on").fill(isoDay(60));
  await page.getByLabel("Target in hours").fill("10");
  await page.getByLabel("Organisers").fill(organiser.email);
  // A campaign needs skills: refused, with what was typed kept.
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page.getByTestId("error-skillIds")).toContainText("Choose at least one skill");
  await expect(page.getByLabel("Title")).toHaveValue(TITLE);
  await expect(page.getByLabel("Who runs it")).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("Process mapping").check();
  await page.getByLabel("Run charts").check();
  await page.getByRole("button", { name: "Start the campaign" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText("The campaign has started.")).toBeVisible();
  await expect(page.getByText(`Run by ${NORTH}`)).toBeVisible();
  campaignId = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByTestId("campaign-hours")).toHaveText("0 h");
  await expect(page.getByTestId("campaign-organisers")).toContainText(organiser.name.split(" ")[0]!);
  const audited = await withDb(async (c) => (await c.query("SELECT 1 FROM audit_log WHERE action = 'campaign.create' AND target_id = $1", [campaignId])).rowCount);
  expect(audited).toBe(1);

  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "Running now" })).toBeVisible();
  await expect(page.getByTestId("campaign-card").filter({ hasText: TITLE })).toBeVisible();
  await expect(page.getByTestId("campaign-card").filter({ hasText: "Greener theatres" })).toContainText("Finished");
  await expectAccessible(page, "campaigns");
  await screenshots(page, "campaigns", testInfo);
});

test("two members join and exchange under it, and the progress moves by exactly the confirmed minutes", async ({ browser }, testInfo) => {
  const { provider: helper, payer: asker } = await pickTwoMembers(3);
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();

  await signedIn(a, asker.email, `/campaigns/${campaignId}`);
  await a.getByRole("button", { name: "Join the campaign" }).click();
  await expect(a.getByRole("button", { name: "Leave the campaign" })).toBeVisible();
  await signedIn(b, helper.email, `/campaigns/${campaignId}`);
  await b.getByRole("button", { name: "Join the campaign" }).click();
  await expect(b.getByRole("button", { name: "Leave the campaign" })).toBeVisible();
  const before = await ledgerMinutes(campaignId);
  expect(before).toBe(0);

  // The asker asks for help for the campaign: the form comes with it chosen.
  await a.getByRole("link", { name: "Ask for help for it" }).click();
  await expect(a.getByLabel("Part of a campaign")).toHaveValue(campaignId);
  await a.getByLabel("Title").fill(`Night bed moves audit ${stamp}`);
  await a.getByLabel("Description").fill("Help us count the bed moves after ten at night for two weeks, ward by ward.");
  await a.getByLabel("Skill").selectOption({ label: "Run charts" });
  await a.getByLabel("Hours").fill("2");
  await a.getByLabel("Minutes").fill("0");
  await a.getByRole("button", { name: "Post request" }).click();
  await expect(a).toHaveURL(/\/listings\/[0-9a-f-]{36}/);
  requestId = new URL(a.url()).pathname.split("/")[2]!;
  await expect(a.getByTestId("listing-campaign")).toContainText(TITLE);

  const exchangeId = await propose(b, requestId, 1, 30, "I can help with the counts next week.");
  await a.goto(`/exchanges/${exchangeId}`);
  await a.getByTestId("step-accept").getByRole("button").click();
  await expectState(a, exchangeId, "accepted");
  await b.goto(`/exchanges/${exchangeId}`);
  await b.getByTestId("step-deliver").getByLabel("Hours").fill("1");
  await b.getByTestId("step-deliver").getByLabel("Minutes").fill("30");
  await b.getByRole("button", { name: "Record help given" }).click();
  await expectState(b, exchangeId, "delivered");
  await a.goto(`/exchanges/${exchangeId}`);
  await a.getByRole("button", { name: "Confirm 1 h 30 min" }).click();
  await expectState(a, exchangeId, "confirmed");
  await a.getByLabel("Your thanks").fill("Thank you: the counts showed where the night moves come from.");
  await a.getByRole("button", { name: "Send thanks" }).click();
  await expect(a.getByRole("main")).toContainText("the counts showed where the night moves come from");

  expect(await ledgerMinutes(campaignId)).toBe(before + 90);
  await a.goto(`/campaigns/${campaignId}`);
  await expect(a.getByTestId("campaign-hours")).toHaveText("1 h 30 min");
  await expect(a.getByTestId("campaign-exchanges")).toHaveText("1");
  await expect(a.getByTestId("campaign-participants")).toHaveText("3");
  await expect(a.getByTestId("campaign-progress-text").first()).toContainText("15%");
  await expect(a.getByTestId("campaign-notes")).toContainText("the counts showed where the night moves come from");
  await expect(a.getByRole("img", { name: "Hours exchanged each week" })).toBeVisible();
  await expectAccessible(a, "campaign page");
  await screenshots(a, "campaign", testInfo);
  await a.context().close();
  await b.context().close();
});

test("a member gives hours to the pool and an organiser pays from it, and the ledger stays balanced", async ({ browser }, testInfo) => {
  const organiser = await memberOfHub(NORTH);
  const donor = await memberOfHub(MIDLANDS);
  const d = await (await browser.newContext()).newPage();
  await signedIn(d, donor.email, `/campaigns/${campaignId}`);
  const donate = d.getByTestId("pool-donate");
  await donate.getByLabel("Hours").fill("1");
  await donate.getByLabel("Minutes").fill("0");
  await donate.getByLabel("A note").fill("From the Midlands, with thanks");
  await donate.getByRole("button", { name: "Give hours to the pool" }).click();
  await expect(d.getByText("Thank you: your hours are in the campaign’s pool.")).toBeVisible();
  await expect(d.getByTestId("campaign-pool")).toHaveText("1 h");
  await d.context().close();

  const o = await (await browser.newContext()).newPage();
  await signedIn(o, organiser.email, `/campaigns/${campaignId}`);
  const spend = o.getByTestId("pool-spend");
  await spend.getByLabel("For the request").selectOption(requestId);
  // More than the pool holds: refused, nothing paid.
  await spend.getByLabel("Hours").fill("2");
  await spend.getByLabel("Minutes").fill("0");
  await spend.getByRole("button", { name: "Pay from the pool" }).click();
  await expect(o.getByText("The pool holds 1 h: pay at most that. Nothing was paid.")).toBeVisible();
  await spend.getByLabel("Hours").fill("0");
  await spend.getByLabel("Minutes").fill("30");
  await spend.getByRole("button", { name: "Pay from the pool" }).click();
  await expect(o.getByText("Paid from the pool. The member has been told.")).toBeVisible();
  await expect(o.getByTestId("campaign-pool")).toHaveText("30 min");
  await expect(o.getByTestId("campaign-pool-movements")).toContainText("Paid to");
  await expectAccessible(o, "campaign page, organiser");
  await screenshots(o, "campaign-organiser", testInfo);

  const pool = await withDb(async (c) => (await c.query<{ b: number }>("SELECT a.balance_minutes AS b FROM campaigns c JOIN ledger_accounts a ON a.id = c.pool_account_id WHERE c.id = $1", [campaignId])).rows[0]!.b);
  expect(pool).toBe(30);
  expect(await ledgerBalanced()).toEqual({ problems: 0, broken: 0, total: 0 });
  const spent = await withDb(async (c) => (await c.query("SELECT 1 FROM audit_log WHERE action = 'campaign.spend' AND target_id = $1 AND actor_id = $2", [campaignId, organiser.id])).rowCount);
  expect(spent).toBe(1);
  await o.context().close();
});

test("a coordinator of another hub cannot start a campaign for this hub", async ({ page }, testInfo) => {
  const coordinator = await coordinatorOf(MIDLANDS);
  await signedIn(page, coordinator.email, "/campaigns/new");
  // The form offers their own hub only.
  await expect(page.getByLabel("Who runs it").locator("option")).toHaveText([MIDLANDS]);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshots(page, "campaign-new-coordinator", testInfo);

  // Called directly for the North hub, as a hand-made request would: refused, nothing made, audited.
  const prisma = createPrismaClient(E2E_DATABASE_URL, { max: 2 });
  try {
    const north = (await prisma.hub.findUniqueOrThrow({ where: { name: NORTH } })).id;
    const skill = (await prisma.skill.findFirstOrThrow({ orderBy: { name: "asc" } })).id;
    const organiser = await memberOfHub(NORTH);
    const campaigns = await prisma.campaign.count();
    const refusals = await prisma.auditLog.count({ where: { actorId: coordinator.id, action: "auth.refused" } });
    const form = new FormData();
    for (const [k, v] of Object.entries({ hubId: north, title: "Not theirs to start", aim: "An aim of ten characters.", whyItMatters: "A reason of ten characters.", startsOn: isoDay(0), endsOn: isoDay(30), targetHours: "5", skillIds: skill, organiserEmails: organiser.email })) form.set(k, v);
    const outcome = await outcomeOfResponse(await postAction("app/campaigns/actions.ts#createCampaignAction", form, { cookie: await sessionCookie(prisma, coordinator.id) }));
    expect(outcome).toMatchObject({ kind: "refused" });
    expect(await prisma.campaign.count()).toBe(campaigns);
    await expect.poll(() => prisma.auditLog.count({ where: { actorId: coordinator.id, action: "auth.refused" } })).toBeGreaterThan(refusals);
  } finally {
    await prisma.$disconnect();
  }
});
