// The bank's impact as a funder sees it (/impact, no sign-in) and hours by project stage and by
// skill as an admin sees them (/admin/reports and its CSV files), on the demo bank: the figures
// on the pages are the ledger's, read here with SQL of their own.
import { expect, test } from "@playwright/test";
import { parseCsv } from "../helpers/csv";
import { expectAccessible, screenshots, signInWithSession, withDb } from "./support";

const ADMIN = "admin@demo.timebank.local";

const hm = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 && m > 0 ? `${h} h ${m} min` : h > 0 ? `${h} h` : `${m} min`;
};

async function scalar(sql: string): Promise<number> {
  return withDb(async (c) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n));
}

test("anyone sees the bank's impact: the ledger's totals, projects, skills and who takes part, with no one named", async ({ page }, testInfo) => {
  const exchanged = await scalar(
    "SELECT coalesce(sum(amount_minutes), 0) AS n FROM ledger_transfers t WHERE kind = 'exchange' AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)",
  );
  const projects = await scalar("SELECT count(*) AS n FROM projects");
  const active = await scalar("SELECT count(*) AS n FROM members WHERE status = 'active'");

  const res = await page.goto("/impact");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("our impact");
  const totals = page.getByTestId("impact-total");
  await expect(totals.nth(0)).toHaveText(hm(exchanged));
  await expect(totals.nth(2)).toHaveText(active.toLocaleString("en-GB"));
  await expect(totals.nth(4)).toHaveText(projects.toLocaleString("en-GB"));
  for (const id of ["hours", "projects", "skills", "members"]) await expect(page.getByTestId(`impact-${id}`)).toBeVisible();

  // Counts only: no member's name or email appears anywhere on the page.
  const names = await withDb(async (c) => (await c.query<{ name: string; email: string }>("SELECT name, email FROM members WHERE status = 'active' AND name IS NOT NULL")).rows);
  const text = await page.locator("main").innerText();
  for (const m of names) {
    expect(text.includes(m.email)).toBe(false);
    expect(text.includes(m.name)).toBe(false);
  }

  await screenshots(page, "impact", testInfo);
  await expectAccessible(page, "impact");

  await page.getByLabel("Period for the charts").selectOption("24");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/months=24/);
  await expect(page.getByText(/The charts cover/)).toBeVisible();
});

test("an admin sees hours by project stage and by skill, and their CSV files add up to the ledger", async ({ browser }, testInfo) => {
  const admin = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInWithSession(admin, ADMIN, "/admin/reports");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Reports");
  const stages = admin.getByTestId("report-stages");
  const skills = admin.getByTestId("report-skill-hours");
  await expect(stages.getByRole("heading", { name: "Hours by project stage" })).toBeVisible();
  await expect(skills.getByRole("heading", { name: "Hours by skill" })).toBeVisible();
  await skills.scrollIntoViewIfNeeded();
  await screenshots(admin, "admin-reports-impact", testInfo);

  const windowed = await scalar(
    `SELECT coalesce(sum(amount_minutes), 0) AS n FROM ledger_transfers t
      WHERE kind = 'exchange' AND created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '11 months'
        AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)`,
  );
  for (const [report, minutesColumn] of [
    ["hours-by-skill", 2],
    ["hours-by-stage", 2],
  ] as const) {
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: new RegExp(`Download CSV of hours by ${report === "hours-by-skill" ? "skill" : "project stage"}`, "i") }).click()]);
    const rows = parseCsv(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")));
    const sum = rows.slice(1).reduce((total, r) => total + Number(r[minutesColumn]), 0);
    // Every exchange of the last 12 months is in one row: under a skill (or "Other help"), or a stage (or outside projects).
    expect(sum, report).toBe(windowed);
  }
  await admin.context().close();
});
