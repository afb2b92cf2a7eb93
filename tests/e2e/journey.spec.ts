// The whole journey of two members, each signing in by emailed link in their own browser: one
// offers a skill, the other asks for it, they agree, the help is given and confirmed, and the
// hours move by exactly the agreed minutes on both sides, as the dashboards and statements show.
import { expect, test } from "@playwright/test";
import {
  account,
  expectState,
  expectAccessible,
  linkFrom,
  pickTwoMembers,
  postListing,
  propose,
  screenshots,
  signInByEmail,
  waitForMail,
} from "./support";

test("two members offer, ask, accept, deliver, confirm and thank; the hours move exactly", async ({ browser }, testInfo) => {
  const { provider, payer } = await pickTwoMembers(0);
  const before = { provider: await account(provider.id), payer: await account(payer.id) };
  const p = await (await browser.newContext()).newPage();
  const q = await (await browser.newContext()).newPage();
  const stamp = Date.now().toString(36);
  const title = `Run chart coaching ${stamp}`;

  await test.step("the provider signs in and offers a skill", async () => {
    await signInByEmail(p, provider.email);
    await expect(p).toHaveURL(/\/dashboard$/);
    await p.goto("/listings/new");
    await screenshots(p, "listing-new", testInfo);
    await expectAccessible(p, "new listing");
    const id = await postListing(p, { kind: "offer", title, hours: 2, tags: `e2e${stamp}, run charts` });
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(title);
    await screenshots(p, "listing-detail-owner", testInfo);
    p.context().setExtraHTTPHeaders({});
    testInfo.annotations.push({ type: "listing", description: id });
  });

  let exchangeId = "";
  await test.step("the payer finds it by full-text search and asks for it", async () => {
    await signInByEmail(q, payer.email);
    await q.goto(`/browse?q=${encodeURIComponent(`e2e${stamp}`)}`);
    await expect(q.getByTestId("result-count")).toContainText("1");
    await screenshots(q, "browse-search", testInfo);
    await expectAccessible(q, "browse");
    await q.getByRole("link", { name: title }).click();
    await expect(q.getByTestId("propose-exchange")).toBeVisible();
    await screenshots(q, "listing-detail", testInfo);
    await expectAccessible(q, "listing detail");
    const listingId = new URL(q.url()).pathname.split("/")[2]!;
    await q.goto(`/exchanges/new?listing=${listingId}`);
    await screenshots(q, "exchange-new", testInfo);
    await expectAccessible(q, "propose exchange");
    exchangeId = await propose(q, listingId, 1, 30, "Could we look at our sepsis screening data next Tuesday?");
    await expectState(q, exchangeId, "proposed");
  });

  await test.step("the provider is told by email and in the app, and accepts", async () => {
    const mail = await waitForMail((m) => m.to.includes(provider.email) && m.text.includes(`/exchanges/${exchangeId}`));
    await p.goto("/dashboard");
    await expect(p.getByTestId("notifications-link")).toBeVisible();
    await expect(p.getByTestId("unread-count")).toBeVisible();
    await p.goto(linkFrom(mail, "/exchanges/"));
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(title);
    await screenshots(p, "exchange-proposed", testInfo);
    await expectAccessible(p, "exchange page");
    await p.getByTestId("step-accept").getByRole("button").click();
    await expectState(p, exchangeId, "accepted");
    const held = await account(payer.id);
    expect(held.held - before.payer.held).toBe(90);
    expect(held.balance).toBe(before.payer.balance);
  });

  await test.step("they exchange messages without seeing each other's email address", async () => {
    await q.goto(`/exchanges/${exchangeId}`);
    await q.getByLabel(/^Message /).fill("Tuesday 2pm on Teams works for me.");
    await q.getByRole("button", { name: "Send message" }).click();
    await expect(q.getByTestId("message-thread")).toContainText("Tuesday 2pm on Teams works for me.");
    await expect(q.getByLabel(/^Message /)).toHaveValue("");
    await p.goto(`/exchanges/${exchangeId}`);
    await expect(p.getByTestId("message-thread")).toContainText("Tuesday 2pm on Teams");
    for (const page of [p, q]) {
      const html = await page.content();
      expect(html).not.toContain(provider.email);
      expect(html).not.toContain(payer.email);
    }
  });

  await test.step("the provider records the help given", async () => {
    await p.getByTestId("step-deliver").getByLabel("Hours").fill("1");
    await p.getByTestId("step-deliver").getByLabel("Minutes").fill("30");
    await p.getByRole("button", { name: "Record help given" }).click();
    await expectState(p, exchangeId, "delivered");
  });

  await test.step("the payer confirms: the hold is posted, and both balances move by 1 h 30 min", async () => {
    await waitForMail((m) => m.to.includes(payer.email) && m.text.includes(`/exchanges/${exchangeId}`) && /recorded|given|confirm/i.test(m.subject));
    await q.goto("/dashboard");
    await expect(q.getByTestId("needs-action").filter({ hasText: title })).toBeVisible();
    await q.goto(`/exchanges/${exchangeId}`);
    await screenshots(q, "exchange-delivered", testInfo);
    await q.getByRole("button", { name: "Confirm 1 h 30 min" }).click();
    await expectState(q, exchangeId, "confirmed");
    const after = { provider: await account(provider.id), payer: await account(payer.id) };
    expect(after.payer.balance - before.payer.balance).toBe(-90);
    expect(after.provider.balance - before.provider.balance).toBe(90);
    expect(after.payer.held).toBe(before.payer.held);
  });

  await test.step("both statements show the transfer with the running balance", async () => {
    await q.goto("/dashboard");
    const qEntry = q.getByTestId("statement-entry").first();
    await expect(qEntry).toContainText(title);
    await expect(qEntry).toContainText("−1 h 30 min");
    await screenshots(q, "dashboard", testInfo);
    await expectAccessible(q, "dashboard");
    await p.goto("/dashboard");
    const pEntry = p.getByTestId("statement-entry").first();
    await expect(pEntry).toContainText(title);
    await expect(pEntry).toContainText("+1 h 30 min");
  });

  await test.step("the payer thanks the provider, and the thanks shows on the provider's profile", async () => {
    await q.goto(`/exchanges/${exchangeId}`);
    await q.getByLabel("Your thanks").fill("Thank you: the run chart showed our change worked.");
    await q.getByLabel("What I learned").fill("How to annotate a run chart with each PDSA cycle.");
    await q.getByRole("button", { name: "Send thanks" }).click();
    await expect(q.getByTestId("exchange-thanks")).toContainText("the run chart showed our change worked");
    await screenshots(q, "exchange-confirmed", testInfo);
    await q.goto(`/members/${provider.id}`);
    await expect(q.getByRole("main")).toContainText("the run chart showed our change worked");
    await screenshots(q, "member-profile", testInfo);
    await expectAccessible(q, "member profile");
  });

  await test.step("a double-clicked confirm or a replayed step changes nothing", async () => {
    const settled = { provider: await account(provider.id), payer: await account(payer.id) };
    await q.goto(`/exchanges/${exchangeId}`);
    await expect(q.getByRole("button", { name: /^Confirm/ })).toHaveCount(0);
    expect(await account(provider.id)).toEqual(settled.provider);
  });
});
