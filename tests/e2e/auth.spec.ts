// Sign-in by emailed link, end to end: the browser asks for a link, the app emails it over SMTP to
// the test listener, the browser follows it. Links work once, expire after 10 minutes and are
// stored only as a hash.
import { expect, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expectAccessible, linkFrom, screenshots, signInByEmail, waitForMail, withDb } from "./support";

const AUTH_SECRET_FILE = path.resolve(import.meta.dirname, "../../.data/e2e/auth-secret");

test.describe("signing in by emailed link", () => {
  test("a demo member signs in, lands on the dashboard, and signs out", async ({ page }, testInfo) => {
    await page.goto("/signin");
    await screenshots(page, "signin", testInfo);
    await expectAccessible(page, "sign-in page");

    await signInByEmail(page, "admin@demo.timebank.local");
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Dashboard");

    // The account menu opens from the keyboard and Escape closes it, returning focus to its button.
    const menu = page.getByRole("navigation", { name: "Main" }).locator("summary");
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("refuses a bad address next to the field and sends nothing", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email address").fill("not-an-address");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByTestId("error-email")).toContainText("email address");
    await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  });

  test("a link works once, and only its hash is stored", async ({ page, browser }) => {
    const email = `once-${Date.now()}@e2e.invalid`;
    const link = await signInByEmail(page, email);
    const token = new URL(link).searchParams.get("token")!;
    expect(token.length).toBeGreaterThanOrEqual(32);

    // The link was consumed: no token row remains, and none ever held the token itself.
    const secret = readFileSync(AUTH_SECRET_FILE, "utf8").trim();
    const rows = await withDb((c) => c.query("SELECT token FROM auth_verification_tokens WHERE identifier = $1", [email]));
    expect(rows.rowCount).toBe(0);

    // A second visit of the same link, in a fresh browser, does not sign in.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await page2.goto(link);
    await expect(page2).toHaveURL(/\/signin\/error\?error=Verification/);
    await expect(page2.getByTestId("signin-error")).toContainText("expired or has already been used");
    await other.close();

    // A fresh link's stored token is sha256(token + secret), never the token.
    const asked = Date.now();
    const page3 = await browser.newPage();
    await page3.goto("/signin");
    await page3.getByLabel("Email address").fill(email);
    await page3.getByRole("button", { name: "Email me a sign-in link" }).click();
    const mail = await waitForMail((m) => m.to.includes(email), { after: asked });
    const fresh = new URL(linkFrom(mail, "/api/auth/callback/nodemailer")).searchParams.get("token")!;
    const stored = await withDb((c) => c.query<{ token: string }>("SELECT token FROM auth_verification_tokens WHERE identifier = $1", [email]));
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.token).not.toBe(fresh);
    expect(stored.rows[0]!.token).toBe(createHash("sha256").update(`${fresh}${secret}`).digest("hex"));
    await page3.close();
  });

  test("a link expires after 10 minutes", async ({ page, browser }) => {
    const email = `late-${Date.now()}@e2e.invalid`;
    const asked = Date.now();
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const mail = await waitForMail((m) => m.to.includes(email), { after: asked });
    const expires = await withDb((c) =>
      c.query<{ minutes: number }>("SELECT extract(epoch FROM expires - now()) / 60 AS minutes FROM auth_verification_tokens WHERE identifier = $1", [email]),
    );
    expect(Number(expires.rows[0]!.minutes)).toBeGreaterThan(9);
    expect(Number(expires.rows[0]!.minutes)).toBeLessThanOrEqual(10);
    // Eleven minutes later (moved in the database, which is where the expiry is kept):
    await withDb((c) => c.query("UPDATE auth_verification_tokens SET expires = now() - interval '1 minute' WHERE identifier = $1", [email]));
    const fresh = await browser.newPage();
    await fresh.goto(linkFrom(mail, "/api/auth/callback/nodemailer"));
    await expect(fresh).toHaveURL(/\/signin\/error\?error=Verification/);
    await fresh.close();
  });

  test("the development mailbox does not exist when SMTP is set", async ({ page }) => {
    const res = await page.goto("/dev/mailbox");
    expect(res?.status()).toBe(404);
  });
});
