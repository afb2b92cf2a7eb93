// Every main page a member uses, at phone and desktop width, checked with axe; plus the member's
// own data download, email settings, a donation and closing an account.
import { expect, test } from "@playwright/test";
import { account, expectAccessible, pickTwoMembers, screenshots, signInByEmail, withDb } from "./support";

test("the main pages render at phone and desktop width with no serious accessibility problems", async ({ page }, testInfo) => {
  const { provider } = await pickTwoMembers(2);
  const exchange = await withDb((c) =>
    c.query<{ id: string }>("SELECT id FROM exchanges WHERE provider_id = $1 OR payer_id = $1 ORDER BY created_at DESC LIMIT 1", [provider.id]),
  );
  const listing = await withDb((c) => c.query<{ id: string }>("SELECT id FROM listings WHERE owner_id = $1 AND status = 'open' LIMIT 1", [provider.id]));

  await page.goto("/");
  await expectAccessible(page, "home");
  await page.goto("/signin/check-email");
  await screenshots(page, "check-email", testInfo);
  await expectAccessible(page, "check email");
  await page.goto("/signin/error?error=Verification");
  await expectAccessible(page, "sign-in error");

  await signInByEmail(page, provider.email);
  const pages: [string, string][] = [
    ["browse", "/browse"],
    ["browse-filtered", "/browse?kind=request&q=data"],
    ["browse-empty", "/browse?q=zzzzqqqq"],
    ["my-listings", "/listings"],
    ["new-request", "/listings/new?kind=request"],
    ["exchanges", "/exchanges"],
    ["notifications", "/notifications"],
    ["profile-edit", "/profile"],
    ["settings", "/settings"],
    ["donate", "/dashboard/donate"],
  ];
  if (exchange.rows[0]) pages.push(["exchange", `/exchanges/${exchange.rows[0].id}`]);
  if (listing.rows[0]) pages.push(["listing-edit", `/listings/${listing.rows[0].id}/edit`]);
  for (const [name, path] of pages) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await screenshots(page, name, testInfo);
    await expectAccessible(page, name);
  }
});

test("unknown ids and odd parameters get a not-found page, never an error", async ({ page }) => {
  const { provider } = await pickTwoMembers(2);
  await signInByEmail(page, provider.email);
  for (const path of ["/listings/not-a-uuid", "/exchanges/xyz", `/members/${"-".repeat(36)}`, "/exchanges/00000000-0000-4000-8000-000000000000"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
  }
  for (const path of ["/browse?page=-1&skill=foo&kind=bogus", "/notifications?page=abc", "/exchanges?tab=zzz&page=99999"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
  }
});

test("a member downloads their data, turns an email off, gives hours, and closes their account", async ({ page, request }) => {
  const anonymous = await request.get("/api/my-data");
  expect(anonymous.status()).toBe(401);

  // A demo member with no help waiting to be settled (so they may close their account).
  const found = await withDb((c) =>
    c.query<{ id: string; email: string }>(
      `SELECT m.id, m.email FROM members m JOIN ledger_accounts a ON a.member_id = m.id
        WHERE m.status = 'active' AND m.role = 'member' AND a.balance_minutes - a.held_minutes >= 30
          AND NOT EXISTS (SELECT 1 FROM exchanges e WHERE (e.payer_id = m.id OR e.provider_id = m.id) AND e.state IN ('delivered', 'disputed'))
        ORDER BY m.email DESC LIMIT 1`,
    ),
  );
  const payer = found.rows[0]!;
  await signInByEmail(page, payer.email);

  await page.goto("/settings");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const file = await download;
  const data = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")));
  expect(JSON.stringify(data)).toContain(payer.email);
  const others = await withDb((c) => c.query<{ email: string }>("SELECT email FROM members WHERE id <> $1", [payer.id]));
  for (const o of others.rows) expect(JSON.stringify(data)).not.toContain(o.email);

  await page.getByLabel(/message in one of your exchanges/i).uncheck();
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();
  const optOut = await withDb((c) => c.query<{ email_opt_out: string[] }>("SELECT email_opt_out FROM members WHERE id = $1", [payer.id]));
  expect(optOut.rows[0]!.email_opt_out).toContain("message.received");

  const before = await account(payer.id);
  await page.goto("/dashboard/donate");
  await page.getByLabel("Give to").selectOption("community");
  await page.getByLabel("Hours").fill("0");
  await page.getByLabel("Minutes").fill("30");
  await page.getByRole("button", { name: "Give hours" }).click();
  await expect.poll(async () => (await account(payer.id)).balance).toBe(before.balance - 30);

  // Closing: open exchanges are cancelled, the account is anonymised, and the member is signed out.
  await page.goto("/settings");
  await page.getByLabel(/Type CLOSE to confirm/).fill("CLOSE");
  await page.getByRole("button", { name: /Close my account/ }).click();
  await expect(page).toHaveURL(/\/settings\/closed$/);
  const row = await withDb((c) => c.query<{ status: string; email: string; name: string }>("SELECT status::text, email, name FROM members WHERE id = $1", [payer.id]));
  expect(row.rows[0]).toMatchObject({ status: "closed" });
  expect(row.rows[0]!.email).not.toBe(payer.email);
  expect((await account(payer.id)).held).toBe(0);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

test("a refused offer keeps everything typed, including the chosen skill", async ({ page }) => {
  const { provider } = await pickTwoMembers(2);
  await signInByEmail(page, provider.email);
  await page.goto("/listings/new");
  await page.getByLabel("Title").fill("Facilitate a fishbone session");
  await page.getByLabel("Description").fill("Root cause analysis with your team, in person or online.");
  await page.getByLabel("Skill").selectOption({ index: 3 });
  const chosen = await page.getByLabel("Skill").inputValue();
  await page.getByLabel("Hours").fill("0");
  await page.getByLabel("Minutes").fill("0");
  await page.getByRole("button", { name: "Post offer" }).click();
  await expect(page.getByTestId("error-time")).toBeVisible();
  await expect(page.getByLabel("Skill")).toHaveValue(chosen);
  await expect(page.getByLabel("Title")).toHaveValue("Facilitate a fishbone session");
  await page.getByLabel("Hours").fill("1");
  await page.getByRole("button", { name: "Post offer" }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9a-f-]{36}/);
  await expect(page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  await expect(page).not.toHaveURL(/saved=/);
});
