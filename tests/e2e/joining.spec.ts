// A newcomer signs in for the first time, completes a profile, waits as a pending member who can
// look but not act, and is approved by an admin, which they hear about by email.
import { expect, test } from "@playwright/test";
import { expectAccessible, screenshots, signInByEmail, waitForMail, withDb } from "./support";

test("a new member joins, is pending until approved, and is then able to trade", async ({ browser }, testInfo) => {
  const email = `newcomer-${Date.now()}@e2e.invalid`;
  const member = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();

  await test.step("first sign-in leads to the profile form", async () => {
    await signInByEmail(member, email);
    await expect(member).toHaveURL(/\/join$/);
    await screenshots(member, "join", testInfo);
    await expectAccessible(member, "join");
  });

  await test.step("a profile with missing fields is refused next to each field", async () => {
    await member.getByRole("button", { name: "Save and continue" }).click();
    await expect(member.getByTestId("error-name")).toBeVisible();
    await expect(member.getByTestId("error-skills")).toBeVisible();
  });

  await test.step("the completed profile leaves the member pending", async () => {
    await member.getByLabel("Your name").fill("Nadia Okafor");
    await member.getByLabel("Profession").selectOption("Nurse");
    await member.getByLabel("Region").selectOption({ index: 1 });
    await member.getByLabel("Organisation").selectOption({ index: 1 });
    await member.getByLabel("About you").fill("Ward sister on a respiratory ward; learning to run PDSA cycles on falls.");
    await member.getByRole("checkbox").first().check();
    await member.getByLabel("Topics").fill("falls, respiratory");
    await member.getByRole("button", { name: "Save and continue" }).click();
    await expect(member).toHaveURL(/\/dashboard$/);
    await expect(member.getByRole("main")).toContainText("waiting for an admin");
    await screenshots(member, "dashboard-pending", testInfo);
  });

  await test.step("a pending member can look but not act", async () => {
    await member.goto("/listings/new");
    await expect(member.getByRole("main")).toContainText("waiting for an admin");
    await expect(member.getByRole("button", { name: "Post offer" })).toHaveCount(0);
    const listing = await withDb((c) => c.query<{ id: string }>("SELECT id FROM listings WHERE status = 'open' AND kind = 'offer' LIMIT 1"));
    await member.goto(`/listings/${listing.rows[0]!.id}`);
    await expect(member.getByTestId("propose-exchange")).toHaveCount(0);
    await expect(member.getByRole("main")).toContainText("waiting for an admin");
  });

  await test.step("an admin approves them from the queue; they are told by email", async () => {
    await signInByEmail(admin, "admin@demo.timebank.local");
    await admin.goto("/admin/members/pending");
    const card = admin.getByTestId("pending-member").filter({ hasText: "Nadia Okafor" });
    await expect(card).toBeVisible();
    await screenshots(admin, "admin-members", testInfo);
    await expectAccessible(admin, "admin members");
    const asked = Date.now();
    await card.getByRole("button", { name: /^Approve Nadia/ }).click();
    await expect
      .poll(async () => (await withDb((c) => c.query<{ status: string }>("SELECT status::text FROM members WHERE email = $1", [email]))).rows[0]?.status)
      .toBe("active");
    await waitForMail((m) => m.to.includes(email) && /approved|welcome/i.test(m.subject), { after: asked });
  });

  await test.step("the member can now trade", async () => {
    await member.goto("/dashboard");
    await expect(member.getByRole("main")).not.toContainText("waiting for an admin");
    await member.goto("/listings/new");
    await expect(member.getByRole("button", { name: "Post offer" })).toBeVisible();
  });
});

test("a suspended member can sign in and read why they cannot trade, but cannot act", async ({ page }) => {
  const suspended = await withDb((c) =>
    c.query<{ email: string; status_reason: string | null }>("SELECT email, status_reason FROM members WHERE status = 'suspended' AND profile_done_at IS NOT NULL LIMIT 1"),
  );
  const member = suspended.rows[0]!;
  await signInByEmail(page, member.email);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("main")).toContainText("suspended");
  if (member.status_reason) await expect(page.getByRole("main")).toContainText(member.status_reason);
  await page.goto("/listings/new");
  await expect(page.getByRole("main")).toContainText("suspended");
  await expect(page.getByRole("button", { name: "Post offer" })).toHaveCount(0);
  await page.goto("/dashboard/donate");
  await expect(page.getByRole("button", { name: "Give hours" })).toHaveCount(0);
});
