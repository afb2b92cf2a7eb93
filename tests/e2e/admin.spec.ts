// The admin area as an admin of the demo bank uses it: the overview, members (suspend and
// reactivate), the ledger (run a check, reverse a transfer and see both balances restored, export
// CSV that parses to the bank's totals), a dispute resolved for a different amount, the audit log,
// reports and settings. Every admin page is screenshotted and checked with axe. A plain member is
// refused every admin page and export.
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../helpers/csv";
import { account, expectAccessible, pickTwoMembers, screenshots, signInByEmail, withDb } from "./support";

const ADMIN = "admin@demo.timebank.local";

let admin: Page;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInByEmail(admin, ADMIN, "/admin");
  await expect(admin).toHaveURL(/\/admin$/);
});

test("the overview, members, reports, audit log and settings pages render for an admin", async ({}, testInfo) => {
  for (const [path, name, heading] of [
    ["/admin", "admin-overview", "Running the bank"],
    ["/admin/members", "admin-members", "Members"],
    ["/admin/members/pending", "admin-members-pending", "Members waiting for approval"],
    ["/admin/disputes", "admin-disputes", "Disputes"],
    ["/admin/ledger", "admin-ledger", "Ledger"],
    ["/admin/ledger/accounts", "admin-ledger-accounts", "account"],
    ["/admin/ledger/correct", "admin-ledger-correct", "Post a correction"],
    ["/admin/reports", "admin-reports", "Reports"],
    ["/admin/audit", "admin-audit", "Audit log"],
    ["/admin/settings", "admin-settings", "Bank settings"],
  ] as const) {
    await admin.goto(path);
    await expect(admin.getByRole("heading", { level: 1 })).toContainText(heading);
    await screenshots(admin, name, testInfo);
    await expectAccessible(admin, name);
  }
});

test("an admin suspends a member, who is refused, then reactivates them", async ({}, testInfo) => {
  const { provider: member } = await pickTwoMembers(2);
  await admin.goto(`/admin/members?q=${encodeURIComponent(member.email)}`);
  await admin.getByRole("link", { name: member.name }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(member.name);
  await screenshots(admin, "admin-member", testInfo);
  await expectAccessible(admin, "admin member");

  await admin.getByLabel(/Why are you suspending/).fill("Missed three agreed sessions without a word.");
  await admin.getByRole("button", { name: /^Suspend / }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Suspended." })).toBeVisible();
  await expect.poll(() => statusOf(member.id)).toBe("suspended");

  await admin.reload();
  await admin.getByLabel(/Why are you reactivating/).fill("Talked it through; back from leave.");
  await admin.getByRole("button", { name: /^Reactivate / }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Reactivated." })).toBeVisible();
  await expect.poll(() => statusOf(member.id)).toBe("active");
});

test("an admin runs a check and reverses a transfer: both balances are restored", async () => {
  await admin.goto("/admin/ledger");
  await admin.getByRole("button", { name: /Run now.*Hash-chain verification/ }).click();
  await expect(admin.getByTestId("ledger-check-verify_chain")).toContainText("No problems");

  // A grant to an active member who has at least that much to give back above their floor.
  const { rows } = await withDb((c) =>
    c.query<{ id: string; amount: number; from_id: number; to_id: number; member_id: string }>(
      `SELECT t.id::text, t.amount_minutes AS amount, t.debit_account_id AS from_id, t.credit_account_id AS to_id, a.member_id
         FROM ledger_transfers t JOIN ledger_accounts a ON a.id = t.credit_account_id
         JOIN members m ON m.id = a.member_id
        WHERE t.kind = 'grant' AND m.status = 'active' AND m.role = 'member'
          AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)
          AND a.balance_minutes - a.held_minutes - t.amount_minutes >= a.floor_minutes
        ORDER BY t.id LIMIT 1`,
    ),
  );
  const grant = rows[0]!;
  const [issuanceBefore, memberBefore] = await Promise.all([balanceOfAccount(grant.from_id), account(grant.member_id)]);

  await admin.goto(`/admin/ledger/transfers/${grant.id}`);
  await admin.getByRole("button", { name: "Reverse this transfer…" }).click();
  await admin.getByLabel("Why are you reversing it?").fill("Granted to the wrong member by mistake.");
  await admin.getByRole("button", { name: "Continue" }).click();
  await admin.getByRole("button", { name: "Confirm the reversal" }).click();
  await expect.poll(() => reversalOf(grant.id)).not.toBeNull();

  expect(await balanceOfAccount(grant.from_id)).toBe(issuanceBefore + grant.amount);
  expect((await account(grant.member_id)).balance).toBe(memberBefore.balance - grant.amount);
  await admin.reload();
  await expect(admin.getByRole("main")).toContainText("Granted to the wrong member by mistake.");

  // Reversed once only: the form is gone.
  await expect(admin.getByRole("button", { name: "Reverse this transfer…" })).toHaveCount(0);
});

test("an admin resolves a dispute for a different amount; the hours move exactly once", async ({}, testInfo) => {
  const { rows } = await withDb((c) =>
    c.query<{ id: string; payer_id: string; provider_id: string; agreed: number }>(
      `SELECT e.id, e.payer_id, e.provider_id, e.agreed_minutes AS agreed FROM exchanges e
        JOIN members p ON p.id = e.payer_id JOIN members q ON q.id = e.provider_id
        WHERE e.state = 'disputed' AND p.role = 'member' AND q.role = 'member' AND e.agreed_minutes >= 30
        ORDER BY e.updated_at LIMIT 1`,
    ),
  );
  const dispute = rows[0]!;
  const [payerBefore, providerBefore] = await Promise.all([account(dispute.payer_id), account(dispute.provider_id)]);

  await admin.goto("/admin/disputes");
  await admin.locator(`a[href="/admin/exchanges/${dispute.id}"]`).click();
  await expect(admin.getByRole("heading", { name: "Resolve the dispute" })).toBeVisible();
  await screenshots(admin, "admin-dispute", testInfo);
  await expectAccessible(admin, "admin dispute");

  await admin.getByLabel("Post a different amount").check();
  const toPost = admin.getByRole("group", { name: "Hours to post" });
  await toPost.getByLabel("Hours").fill("0");
  await toPost.getByLabel("Minutes").fill("30");
  await admin.getByLabel("Note to both members").fill("Half an hour was given, as both of you wrote in the thread.");
  await admin.getByRole("button", { name: "Resolve the dispute" }).click();
  // The page now shows the exchange as resolved, with the note both members were sent.
  await expect(admin.getByRole("status").filter({ hasText: "Resolved by an admin" }).filter({ hasText: "Half an hour was given" })).toBeVisible();

  const after = await withDb((c) => c.query<{ state: string; transfer_id: string | null }>("SELECT state::text, transfer_id::text FROM exchanges WHERE id = $1", [dispute.id]));
  expect(after.rows[0]).toMatchObject({ state: "resolved" });
  expect(after.rows[0]!.transfer_id).not.toBeNull();
  expect(await account(dispute.payer_id)).toEqual({ balance: payerBefore.balance - 30, held: payerBefore.held - dispute.agreed });
  expect((await account(dispute.provider_id)).balance).toBe(providerBefore.balance + 30);
});

test("the transfers CSV downloads and parses to the ledger's own count and total", async () => {
  await admin.goto("/admin/ledger");
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: /Download CSV/ }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/^transfers-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await streamText(await download.createReadStream());
  const [header, ...rows] = parseCsv(text);
  const minutes = header!.indexOf("minutes");
  expect(minutes).toBeGreaterThan(-1);
  const db = await withDb((c) => c.query<{ n: string; total: string }>("SELECT count(*)::text AS n, sum(amount_minutes)::text AS total FROM ledger_transfers"));
  expect(rows.length).toBe(Number(db.rows[0]!.n));
  expect(rows.reduce((sum, r) => sum + Number(r[minutes]), 0)).toBe(Number(db.rows[0]!.total));
});

test("the audit log shows what the admin did, with where from", async () => {
  await admin.goto("/admin/audit");
  const main = admin.getByRole("main");
  for (const what of ["Reversed a transfer", "Resolved a dispute", "Suspended a member", "Reactivated a member", "Signed in"]) {
    await expect(main).toContainText(what);
  }
});

test("a plain member is refused every admin page and export, and the refusal is audited", async ({ browser }) => {
  const { payer: member } = await pickTwoMembers(0);
  const page = await (await browser.newContext()).newPage();
  await signInByEmail(page, member.email);
  for (const path of ["/admin", "/admin/ledger", "/admin/members", "/admin/audit", "/admin/reports", "/admin/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Admins only");
  }
  for (const path of ["/admin/ledger/export", "/admin/audit/export"]) {
    expect((await page.request.get(path)).status()).toBe(403);
  }
  expect((await page.request.get("/admin/ledger/export", { headers: { cookie: "" } })).status()).toBeGreaterThanOrEqual(401);
  const refused = await withDb((c) => c.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log WHERE action = 'auth.refused' AND actor_id = $1", [member.id]));
  expect(Number(refused.rows[0]!.n)).toBeGreaterThanOrEqual(8);
  await page.context().close();
});

async function statusOf(memberId: string): Promise<string> {
  const r = await withDb((c) => c.query<{ status: string }>("SELECT status::text FROM members WHERE id = $1", [memberId]));
  return r.rows[0]!.status;
}

async function balanceOfAccount(accountId: number): Promise<number> {
  const r = await withDb((c) => c.query<{ b: number }>("SELECT balance_minutes AS b FROM ledger_accounts WHERE id = $1", [accountId]));
  return r.rows[0]!.b;
}

async function reversalOf(transferId: string): Promise<string | null> {
  const r = await withDb((c) => c.query<{ id: string }>("SELECT id::text FROM ledger_transfers WHERE reverses_transfer_id = $1", [transferId]));
  return r.rows[0]?.id ?? null;
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
