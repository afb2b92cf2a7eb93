// Certificates of hours given, in the browser: a demo member previews the hours they gave in the
// last 12 months (the same totals as the ledger), issues a certificate, downloads its PDF (which
// opens and says the same), and anyone can check its code on the public verification page, typed
// in lower case without dashes.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { formatMinutes } from "../../lib/format/minutes";
import { LEDGER_MINUTES_GIVEN_SQL, readPdf, type LedgerMinutes } from "../helpers/certificates";
import { expectAccessible, screenshots, signInByEmail, withDb } from "./support";

/** The hours a member was credited for exchanges between two UK days, asked of the ledger directly. */
async function ledgerMinutes(memberId: string, from: string, to: string): Promise<LedgerMinutes> {
  return withDb(async (c) => (await c.query<LedgerMinutes>(LEDGER_MINUTES_GIVEN_SQL, [memberId, from, to])).rows[0]!);
}

test("a member issues a certificate of hours given, downloads the PDF, and anyone can check its code", async ({ browser }, testInfo) => {
  // A demo member who gave help in the last 12 months and holds no certificate yet.
  const helper = await withDb(async (c) => {
    const r = await c.query<{ id: string; email: string; name: string }>(
      `SELECT m.id, m.email, m.name FROM members m JOIN ledger_accounts a ON a.member_id = m.id
        WHERE m.status = 'active' AND m.role = 'member' AND m.email LIKE '%@demo.timebank.local'
          AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.member_id = m.id)
          AND EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.credit_account_id = a.id AND t.kind = 'exchange'
                        AND t.created_at > now() - interval '300 days')
        ORDER BY m.email LIMIT 1`,
    );
    return r.rows[0]!;
  });
  expect(helper, "a demo member who gave help this year").toBeTruthy();
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  let code = "";
  let minutes = 0;

  await test.step("the member previews the hours they gave in the last 12 months", async () => {
    await signInByEmail(page, helper.email, "/certificates");
    await expect(page).toHaveURL(/\/certificates$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificates of hours given");
    await expectAccessible(page, "certificates");
    await page.getByLabel(/The last 12 months/).check();
    await page.getByRole("button", { name: "Show the hours for this period" }).click();
    await expect(page).toHaveURL(/period=last-12-months/);
    const preview = page.getByTestId("certificate-preview");
    await expect(preview.getByTestId("certificate-hours")).toBeVisible();
    const from = await page.locator('input[type=hidden][name="from"]').inputValue();
    const to = await page.locator('input[type=hidden][name="to"]').inputValue();
    const ledger = await ledgerMinutes(helper.id, from, to);
    expect(ledger.minutes).toBeGreaterThan(0);
    minutes = ledger.minutes;
    await expect(preview.getByTestId("certificate-hours")).toHaveText(formatMinutes(ledger.minutes));
    await expect(preview.getByTestId("certificate-exchanges")).toHaveText(String(ledger.transfers));
    await screenshots(page, "certificates-preview", testInfo);
    await expectAccessible(page, "certificates preview");
  });

  await test.step("issues it, and downloads a PDF that opens and holds the name, the hours and the code", async () => {
    await page.getByRole("button", { name: "Issue the certificate" }).click();
    await expect(page.getByText(/Your certificate for .* is ready/)).toBeVisible();
    code = (await page.getByTestId("my-certificate").first().getByTestId("certificate-code").textContent())!.trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    await screenshots(page, "certificates-issued", testInfo);
    await expectAccessible(page, "certificates issued");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^certificate-of-hours-given-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}-${code}\\.pdf$`));
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await testInfo.attach("certificate.pdf", { body: bytes, contentType: "application/pdf" });
    const { pages, text } = await readPdf(bytes);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(helper.name);
    expect(text).toContain(formatMinutes(minutes));
    expect(text).toContain(code);
    expect(text).toContain(`/verify/${code}`);
    await mkdir("test-results/screens", { recursive: true });
    await writeFile("test-results/screens/certificate.pdf", bytes);
  });

  await test.step("anyone checks the code on the public page, typed loosely, and sees only what the certificate says", async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto("/verify");
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Check a certificate");
    await screenshots(visitor, "verify", testInfo);
    await expectAccessible(visitor, "verify");
    await visitor.getByLabel("Verification code").fill(` ${code.replaceAll("-", "").toLowerCase()} `);
    await visitor.getByRole("button", { name: "Check the certificate" }).click();
    await expect(visitor).toHaveURL(new RegExp(`/verify/${code}$`));
    await expect(visitor.getByText("This certificate is genuine")).toBeVisible();
    const card = visitor.getByTestId("verified-certificate");
    await expect(card.getByTestId("certificate-name")).toHaveText(helper.name);
    await expect(card.getByTestId("certificate-hours")).toHaveText(formatMinutes(minutes));
    await expect(card).not.toContainText(helper.email);
    await expect(card.locator(`a[href*="/members/"]`)).toHaveCount(0);
    await screenshots(visitor, "verify-certificate", testInfo);
    await expectAccessible(visitor, "verified certificate");

    await visitor.goto("/verify/ABCD-EFGH-JK23");
    await expect(visitor.getByText("No certificate has this code")).toBeVisible();
    await visitor.goto("/verify?code=not-a-code");
    await expect(visitor.getByTestId("error-code")).toContainText("not a verification code");
    await expectAccessible(visitor, "verify error");
  });

  await test.step("someone else's certificate PDF reads as not found", async () => {
    const id = await withDb(async (c) => (await c.query<{ id: string }>(`SELECT id FROM certificates WHERE member_id <> $1 LIMIT 1`, [helper.id])).rows[0]!.id);
    const res = await page.request.get(`/certificates/${id}/pdf`);
    expect(res.status()).toBe(404);
  });
});
