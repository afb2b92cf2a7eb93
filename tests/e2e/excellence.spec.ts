// Reports of excellence in the browser: a member writes one from a confirmed exchange, the member
// it recognises is told, reads it and shows it on their profile, and an admin sees the themes.
import { expect, test } from "@playwright/test";
import { expectAccessible, screenshots, signInByEmail, signInWithSession, withDb } from "./support";

const ADMIN_EMAIL = "admin@demo.timebank.local";

interface Pair {
  exchangeId: string;
  title: string;
  author: { id: string; email: string; name: string };
  recipient: { id: string; email: string; name: string };
}

/** A confirmed demo exchange between two active members, whose payer has not written about it. */
async function confirmedExchange(): Promise<Pair> {
  const r = await withDb((c) =>
    c.query<{ id: string; title: string; payer_id: string; payer_email: string; payer_name: string; provider_id: string; provider_email: string; provider_name: string }>(
      `SELECT e.id, e.title, q.id AS payer_id, q.email AS payer_email, q.name AS payer_name, p.id AS provider_id, p.email AS provider_email, p.name AS provider_name
         FROM exchanges e
         JOIN members p ON p.id = e.provider_id AND p.status = 'active' AND p.role = 'member'
         JOIN members q ON q.id = e.payer_id AND q.status = 'active' AND q.role = 'member'
        WHERE e.state = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM excellence_reports x WHERE x.exchange_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM excellence_reports x WHERE x.recipient_id = p.id)
        ORDER BY e.confirmed_at DESC, e.id LIMIT 1`,
    ),
  );
  const row = r.rows[0];
  if (!row) throw new Error("The demo bank has no confirmed exchange without a report");
  return {
    exchangeId: row.id,
    title: row.title,
    author: { id: row.payer_id, email: row.payer_email, name: row.payer_name },
    recipient: { id: row.provider_id, email: row.provider_email, name: row.provider_name },
  };
}

test("a member recognises work from a confirmed exchange; the recipient shows it on their profile; an admin sees the themes", async ({ browser }, testInfo) => {
  const pair = await confirmedExchange();
  const stamp = Date.now().toString(36);
  const what = `Coached our team through its first SPC chart, patiently and clearly (${stamp}).`;
  const a = await (await browser.newContext()).newPage();
  const r = await (await browser.newContext()).newPage();
  let reportId = "";

  await test.step("the member who was helped writes a report from the exchange's page", async () => {
    await signInByEmail(a, pair.author.email);
    await a.goto(`/exchanges/${pair.exchangeId}`);
    await expect(a.getByTestId("exchange-excellence")).toBeVisible();
    await a.getByTestId("recognise-exchange").click();
    await expect(a).toHaveURL(new RegExp(`/excellence/new\\?exchange=${pair.exchangeId}$`));
    await expect(a.getByTestId("report-recipient")).toContainText(pair.recipient.name);
    await expect(a.getByTestId("report-recipient")).toContainText(pair.title);
    await screenshots(a, "excellence-new", testInfo);
    await expectAccessible(a, "new report of excellence");

    // Sent with too little: each field says what is missing, and nothing is written.
    await a.getByLabel(/^What did .* do\?$/).fill("Great");
    await a.getByRole("button", { name: "Send the report" }).click();
    await expect(a.getByTestId("error-whatTheyDid")).toContainText("at least 10 characters");
    await expect(a.getByTestId("error-themes")).toContainText("at least one theme");
    await expect(a.getByLabel(/^What did .* do\?$/)).toHaveValue("Great");
    await screenshots(a, "excellence-new-errors", testInfo);
    await expectAccessible(a, "new report with errors");

    await a.getByLabel(/^What did .* do\?$/).fill(what);
    await a.getByLabel("Why did it matter?").fill("We can now tell a real change from noise, and the ward sees its own progress every week.");
    await a.getByLabel("Using data and measurement").check();
    await a.getByLabel("Sharing learning").check();
    await a.getByRole("button", { name: "Send the report" }).click();
    await expect(a).toHaveURL(/\/excellence\/[0-9a-f-]{36}(\?saved=written)?$/);
    reportId = new URL(a.url()).pathname.split("/")[2]!;
    await expect(a.getByRole("heading", { level: 1 })).toHaveText(`Report of excellence for ${pair.recipient.name}`);
    await expect(a.getByTestId("report-what")).toHaveText(what);
    await expect(a.getByRole("status").filter({ hasText: "Sent." })).toBeVisible();
    await screenshots(a, "excellence-report-author", testInfo);
    await expectAccessible(a, "report of excellence");

    // The exchange page now links to the report instead of offering another.
    await a.goto(`/exchanges/${pair.exchangeId}`);
    await expect(a.getByTestId("exchange-excellence")).toContainText("You wrote a report of excellence about this exchange");
    await expect(a.getByTestId("recognise-exchange")).toHaveCount(0);
  });

  await test.step("the recipient is told, reads it and shows it on their profile", async () => {
    await signInByEmail(r, pair.recipient.email);
    await r.goto("/notifications");
    const note = r.getByTestId("notification").filter({ hasText: "wrote a report of excellence about your work" }).first();
    await expect(note).toBeVisible();
    await note.getByRole("link").first().click();
    await expect(r).toHaveURL(new RegExp(`/excellence/${reportId}$`));
    await expect(r.getByTestId("shown-state")).toContainText("Not on your profile");
    await r.getByRole("button", { name: /Show on my profile/ }).click();
    await expect(r.getByTestId("shown-state")).toContainText("Shown on your profile");
    await screenshots(r, "excellence-report-recipient", testInfo);
    await expectAccessible(r, "report, as its recipient");

    await r.goto("/excellence");
    await expect(r.getByTestId("excellence-report").filter({ hasText: what })).toBeVisible();
    await screenshots(r, "excellence-mine", testInfo);
    await expectAccessible(r, "my reports of excellence");
  });

  await test.step("other members see it on the recipient's profile, where they can recognise them too", async () => {
    await a.goto(`/members/${pair.recipient.id}`);
    await expect(a.getByTestId("profile-excellence")).toContainText(what);
    await expect(a.getByTestId("recognise-member")).toBeVisible();
    await screenshots(a, "excellence-profile", testInfo);
    await expectAccessible(a, "profile with reports of excellence");
  });

  await test.step("an admin sees the themes across reports", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signInWithSession(admin, ADMIN_EMAIL);
    await admin.goto("/admin/excellence");
    await expect(admin.getByRole("link", { name: "Excellence", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(admin.getByTestId("excellence-total")).toContainText("reports");
    const themes = admin.getByTestId("excellence-themes");
    await expect(themes.locator("svg")).toBeVisible();
    await themes.getByText("Show the numbers as a table").click();
    const row = themes.getByRole("row", { name: /Using data and measurement/ });
    const counted = Number((await row.getByRole("cell").last().textContent())?.replace(/\D/g, ""));
    const expected = await withDb(async (c) =>
      Number(
        (await c.query<{ n: string }>(`SELECT count(*) AS n FROM excellence_reports WHERE 'measurement' = ANY(themes) AND created_at >= (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '11 months') AT TIME ZONE 'UTC'`)).rows[0]!.n,
      ),
    );
    expect(counted).toBe(expected);
    await expect(admin.getByTestId("excellence-recent")).toContainText(`${pair.author.name} recognised ${pair.recipient.name}`);
    await screenshots(admin, "admin-excellence", testInfo);
    await expectAccessible(admin, "admin excellence");
  });
});

test("a member who is not its author, recipient or an admin cannot read a report that is not on a profile", async ({ page }) => {
  const r = await withDb((c) =>
    c.query<{ id: string; author_id: string; recipient_id: string }>(`SELECT id, author_id, recipient_id FROM excellence_reports WHERE NOT shown_on_profile ORDER BY id LIMIT 1`),
  );
  const report = r.rows[0]!;
  const outsider = await withDb((c) =>
    c.query<{ email: string }>(
      `SELECT email FROM members WHERE status = 'active' AND role = 'member' AND id NOT IN ($1, $2) ORDER BY email LIMIT 1`,
      [report.author_id, report.recipient_id],
    ),
  );
  await signInByEmail(page, outsider.rows[0]!.email);
  await page.goto(`/excellence/${report.id}`);
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Report of excellence");
});
