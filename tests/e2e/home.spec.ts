import { expect, test, type Page } from "@playwright/test";

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const DURATION = /\d+(\.\d+)? h|\d+ min/;

async function headingLevels(page: Page): Promise<number[]> {
  return page.locator("h1, h2, h3, h4, h5, h6").evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
}

test.describe("the home page", () => {
  test("shows the bank, its totals and its open offers and requests", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/");

    await expect(page).toHaveTitle("QI Time Bank");
    await expect(page.getByRole("banner")).toContainText("QI Time Bank");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to QI Time Bank");
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toContainText("open source");
    await expect(page.getByRole("heading", { name: "How the time bank works" })).toBeVisible();

    const totals = page.getByTestId("bank-total");
    await expect(totals).toHaveCount(6);
    for (const text of await totals.allInnerTexts()) {
      const value = Number(text.replace(/[^\d.]/g, ""));
      expect(value, `total "${text}"`).toBeGreaterThan(0);
    }

    const offers = page.getByTestId("offer-card");
    const requests = page.getByTestId("request-card");
    await expect(offers).toHaveCount(12);
    await expect(requests).toHaveCount(12);
    for (const card of [offers.first(), requests.first()]) {
      await expect(card.getByRole("heading", { level: 3 })).not.toBeEmpty();
      await expect(card.getByTestId("listing-skill")).not.toBeEmpty();
      await expect(card.getByTestId("listing-time")).toHaveText(DURATION);
    }
    // Other browser tests post requests of their own; the demo's requests carry wanted-by dates.
    await expect(requests.filter({ hasText: "Wanted by" }).first()).toBeVisible();
    await expect(offers.first()).toContainText("Offered by");

    // Headings go down one level at a time: h1, then h2s, then h3s inside them.
    const levels = await headingLevels(page);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);

    // No email address anywhere, in the text or in the markup.
    expect(await page.locator("body").innerText()).not.toMatch(EMAIL);
    expect(await page.content()).not.toMatch(EMAIL);

    await page.screenshot({ path: "test-results/home-desktop.png", fullPage: true });
  });

  test("works at phone width without scrolling sideways", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("offer-card").first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/home-phone.png", fullPage: true });
    await page.screenshot({ path: "test-results/home-phone-top.png" });
  });

  test("offers a skip link to the main content as the first thing to tab to", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
  });
});
