// The other ways an exchange goes: declined, refused below the payer's floor, cancelled after the
// hold (the hold comes back), disputed, and confirmed automatically after 14 days with a reminder
// at 7, driven by the job queue with the test clock moved forward.
import { expect, test, type Page } from "@playwright/test";
import { account, advanceClock, exchangeState, expectState, pickTwoMembers, postListing, propose, resetClock, screenshots, signInByEmail, waitForMail, withDb } from "./support";

let provider: Page;
let payer: Page;
let listingId = "";
let members: Awaited<ReturnType<typeof pickTwoMembers>>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  members = await pickTwoMembers(1);
  provider = await (await browser.newContext()).newPage();
  payer = await (await browser.newContext()).newPage();
  await signInByEmail(provider, members.provider.email);
  await signInByEmail(payer, members.payer.email);
  listingId = await postListing(provider, { kind: "offer", title: `Driver diagram workshop ${Date.now().toString(36)}`, hours: 1 });
});

test.afterAll(async () => {
  await resetClock(provider);
});

test("the provider declines a proposal: nothing is held and the payer is told", async () => {
  const before = await account(members.payer.id);
  const id = await propose(payer, listingId, 1, 0);
  await provider.goto(`/exchanges/${id}`);
  await provider.getByTestId("step-decline").getByRole("button", { name: "Decline" }).click();
  await provider.getByLabel(/Why are you declining/).fill("On leave until March, sorry.");
  await provider.getByRole("button", { name: "Yes, decline it" }).click();
  await expectState(provider, id, "declined");
  expect(await exchangeState(id)).toBe("declined");
  expect(await account(members.payer.id)).toEqual(before);
  await waitForMail((m) => m.to.includes(members.payer.email) && m.text.includes(`/exchanges/${id}`) && /declin/i.test(m.subject));
});

test("more hours than the payer can spend: refused when they ask, and refused with their shortfall when they accept", async () => {
  // 100 hours: more than any demo member can spend (their floor is 10 hours below zero).
  await payer.goto(`/listings/${listingId}`);
  await payer.getByTestId("propose-exchange").click();
  await payer.getByLabel("Hours").fill("100");
  await payer.getByLabel("Minutes").fill("0");
  await payer.getByRole("button", { name: "Send my request" }).click();
  await expect(payer.getByRole("main")).toContainText("You can commit up to");
  await expect(payer).toHaveURL(/\/exchanges\/new/);

  // Offered 100 hours of help on the payer's own request, the payer cannot accept it.
  const requestId = await postListing(payer, { kind: "request", title: `Help with a funnel plot ${Date.now().toString(36)}`, hours: 1 });
  const id = await propose(provider, requestId, 100, 0);
  const before = await account(members.payer.id);
  const canSpend = await withDb((c) =>
    c.query<{ m: number }>("SELECT balance_minutes - held_minutes - floor_minutes AS m FROM ledger_accounts WHERE member_id = $1", [members.payer.id]),
  );
  const shortMinutes = 6000 - canSpend.rows[0]!.m;
  await payer.goto(`/exchanges/${id}`);
  await payer.getByTestId("step-accept").getByRole("button").click();
  const alert = payer.getByRole("alert").filter({ hasText: "short" });
  await expect(alert).toContainText(`${Math.floor(shortMinutes / 60)} h`);
  await screenshots(payer, "exchange-refused-below-floor");
  expect(await exchangeState(id)).toBe("proposed");
  expect(await account(members.payer.id)).toEqual(before);
  await provider.goto(`/exchanges/${id}`);
  await provider.getByTestId("step-cancel").click();
  await provider.getByRole("button", { name: "Yes, cancel it" }).click();
  await expectState(provider, id, "cancelled");
});

test("cancelling after the hold gives the held hours back", async () => {
  const before = await account(members.payer.id);
  const id = await propose(payer, listingId, 0, 45);
  await provider.goto(`/exchanges/${id}`);
  await provider.getByTestId("step-accept").getByRole("button").click();
  await expectState(provider, id, "accepted");
  expect((await account(members.payer.id)).held - before.held).toBe(45);
  await payer.goto(`/exchanges/${id}`);
  await payer.getByTestId("step-cancel").click();
  await payer.getByRole("button", { name: "Yes, cancel it" }).click();
  await expectState(payer, id, "cancelled");
  expect(await account(members.payer.id)).toEqual(before);
  await waitForMail((m) => m.to.includes(members.provider.email) && m.text.includes(`/exchanges/${id}`) && /cancel/i.test(m.subject));
});

test("the payer disputes the help recorded: the hold stays until an admin settles it", async () => {
  const before = await account(members.payer.id);
  const id = await propose(payer, listingId, 1, 0);
  await provider.goto(`/exchanges/${id}`);
  await provider.getByTestId("step-accept").getByRole("button").click();
  await expectState(provider, id, "accepted");
  await provider.getByRole("button", { name: "Record help given" }).click();
  await expectState(provider, id, "delivered");
  await payer.goto(`/exchanges/${id}`);
  await payer.getByTestId("step-dispute").click();
  await payer.getByLabel("What is wrong?").fill("We met for twenty minutes, not an hour.");
  await payer.getByRole("button", { name: "Dispute this exchange" }).click();
  await expectState(payer, id, "disputed");
  await screenshots(payer, "exchange-disputed");
  const after = await account(members.payer.id);
  expect(after.balance).toBe(before.balance);
  expect(after.held - before.held).toBe(60);
  await waitForMail((m) => m.to.includes(members.provider.email) && m.text.includes(`/exchanges/${id}`) && /disput/i.test(m.subject));
});

test("a delivered exchange nobody answers: a reminder at 7 days, confirmed automatically at 14", async () => {
  const before = { payer: await account(members.payer.id) };
  const id = await propose(payer, listingId, 1, 15);
  await provider.goto(`/exchanges/${id}`);
  await provider.getByTestId("step-accept").getByRole("button").click();
  await expectState(provider, id, "accepted");
  await provider.getByRole("button", { name: "Record help given" }).click();
  await expectState(provider, id, "delivered");

  const sixDays = Date.now();
  await advanceClock(provider, 6);
  expect(await exchangeState(id)).toBe("delivered");
  const reminded = Date.now();
  await advanceClock(provider, 1.01);
  const reminder = await waitForMail((m) => m.to.includes(members.payer.email) && m.text.includes(`/exchanges/${id}`) && /Please confirm/.test(m.subject), { after: reminded });
  expect(reminder.text).toContain("confirmed automatically on");
  expect(await exchangeState(id)).toBe("delivered");
  expect(sixDays).toBeLessThan(reminded);

  await advanceClock(provider, 7);
  expect(await exchangeState(id)).toBe("confirmed");
  // Demo exchanges these two members have in delivery confirm at the same moment, so the
  // balances are checked through this exchange's own transfer.
  const posted = await withDb((c) =>
    c.query<{ amount_minutes: number; debit: string; credit: string }>(
      `SELECT t.amount_minutes, d.member_id AS debit, cr.member_id AS credit FROM ledger_transfers t
         JOIN ledger_accounts d ON d.id = t.debit_account_id JOIN ledger_accounts cr ON cr.id = t.credit_account_id
        WHERE t.exchange_id = $1`,
      [id],
    ),
  );
  expect(posted.rows).toEqual([{ amount_minutes: 75, debit: members.payer.id, credit: members.provider.id }]);
  const after = await account(members.payer.id);
  expect(after.balance).toBeLessThanOrEqual(before.payer.balance - 75);
  expect(after.held).toBeLessThanOrEqual(before.payer.held);
  await payer.goto(`/exchanges/${id}`);
  await expectState(payer, id, "confirmed");
  await expect(payer.getByRole("main")).toContainText("automatically");
});
