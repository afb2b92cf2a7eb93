// The method library in the browser: anyone browses it, a listing links to its skill's page (and
// that page back to open offers and requests in browse), and an admin edits a page.
import { expect, test } from "@playwright/test";
import { expectAccessible, screenshots, signInByEmail, signInWithSession, withDb } from "./support";

const ADMIN_EMAIL = "admin@demo.timebank.local";

test("anyone browses the library by category and reads a method page", async ({ page }, testInfo) => {
  await page.goto("/methods");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Method library");
  for (const category of ["Understanding the system", "Measurement", "Testing change", "People and teams", "Sharing and sustaining"]) {
    await expect(page.getByRole("heading", { level: 2, name: category })).toBeVisible();
  }
  await expect(page.getByText("Page not written yet")).toHaveCount(0);
  await screenshots(page, "methods-library", testInfo);
  await expectAccessible(page, "method library");

  await page.getByRole("link", { name: "Run charts", exact: true }).click();
  await expect(page).toHaveURL(/\/methods\/run-charts$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Run charts");
  for (const part of ["What it is", "When to use it", "What a good exchange looks like"]) {
    await expect(page.getByRole("heading", { level: 2, name: part })).toBeVisible();
  }
  await expect(page.getByTestId("method-page")).toContainText("median");
  await expect(page.getByTestId("method-edited")).toHaveCount(0);
  await expect(page.getByTestId("edit-method")).toHaveCount(0);
  await screenshots(page, "methods-page", testInfo);
  await expectAccessible(page, "method page");
});

test("a listing links to its skill's page, which links to open offers with that skill", async ({ page }, testInfo) => {
  const row = await withDb((c) =>
    c.query<{ id: string; skill_id: string; slug: string; name: string }>(
      `SELECT l.id, s.id AS skill_id, s.slug, s.name FROM listings l JOIN skills s ON s.id = l.skill_id JOIN members m ON m.id = l.owner_id
        WHERE l.status = 'open' AND l.kind = 'offer' AND m.status = 'active' ORDER BY l.created_at DESC, l.id LIMIT 1`,
    ),
  );
  const listing = row.rows[0]!;
  await page.goto(`/listings/${listing.id}`);
  const link = page.getByTestId("method-link");
  await expect(link).toHaveText(`New to ${listing.name}? Read about it in the method library`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/methods/${listing.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(listing.name);
  await expect(page.getByTestId("browse-offers")).toContainText(/\d+ open offers? of help/);
  await screenshots(page, "methods-from-listing", testInfo);

  await page.getByTestId("browse-offers").click();
  await expect(page).toHaveURL(new RegExp(`/browse\\?skill=${listing.skill_id}&kind=offer$`));
  await expect(page.getByTestId("offer-card").first()).toBeVisible();
  await expect(page.getByTestId("listing-skill").first()).toHaveText(listing.name);
});

test("an admin edits a method page; members cannot", async ({ browser }, testInfo) => {
  const admin = await (await browser.newContext()).newPage();
  await signInWithSession(admin, ADMIN_EMAIL);
  await admin.goto("/methods/survey-design");
  await expect(admin.getByTestId("method-edited")).toContainText("the library’s first version");
  await admin.getByTestId("edit-method").click();
  await expect(admin).toHaveURL(/\/methods\/survey-design\/edit$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Edit: Survey design");
  await screenshots(admin, "methods-edit", testInfo);
  await expectAccessible(admin, "edit method page");

  await admin.getByLabel("When to use it").fill("Soon.");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByTestId("error-whenToUse")).toContainText("at least 20 characters");
  await expectAccessible(admin, "edit method page with an error");

  const stamp = Date.now().toString(36);
  const text = `When routine data cannot tell you how people experience a service, and a few conversations would not reach enough of them (${stamp}).`;
  await admin.getByLabel("When to use it").fill(text);
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin).toHaveURL(/\/methods\/survey-design(\?saved=updated)?$/);
  await expect(admin.getByRole("status").filter({ hasText: "Your changes are saved." })).toBeVisible();
  await expect(admin.getByTestId("method-page")).toContainText(text);
  await expect(admin.getByTestId("method-edited")).toContainText("by ");
  await screenshots(admin, "methods-page-admin", testInfo);
  await expectAccessible(admin, "method page, as an admin");
  const audited = await withDb((c) =>
    c.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'method.save' AND details->>'slug' = 'survey-design'`),
  );
  expect(Number(audited.rows[0]!.n)).toBe(1);

  // A member sees the new words, but no edit button, and the edit page refuses them.
  const member = await (await browser.newContext()).newPage();
  const someone = await withDb((c) => c.query<{ email: string }>(`SELECT email FROM members WHERE status = 'active' AND role = 'member' ORDER BY email DESC LIMIT 1`));
  await signInByEmail(member, someone.rows[0]!.email);
  await member.goto("/methods/survey-design");
  await expect(member.getByTestId("method-page")).toContainText(text);
  await expect(member.getByTestId("edit-method")).toHaveCount(0);
  await member.goto("/methods/survey-design/edit");
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Admins only");
});
