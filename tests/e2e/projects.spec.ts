// Improvement projects in the browser: a member starts a project, asks for help with it, moves it
// to the next step of the method, plans a PDSA cycle and records its result; another member
// follows the project and is told of each change. And the demo bank's projects show the hours
// exchanged for their requests as the ledger has them.
import { expect, test } from "@playwright/test";
import { expectAccessible, pickTwoMembers, screenshots, signInByEmail, withDb } from "./support";

const hm = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h.toLocaleString("en-GB");
  return h > 0 && m > 0 ? `${hours} h ${m} min` : h > 0 ? `${hours} h` : m > 0 ? `${m} min` : "0 h";
};

test("a member runs a project with a request, a stage move and a PDSA cycle; a follower hears of each", async ({ browser }, testInfo) => {
  const { provider: lead, payer: follower } = await pickTwoMembers(3);
  const p = await (await browser.newContext()).newPage();
  const q = await (await browser.newContext()).newPage();
  const stamp = Date.now().toString(36);
  const title = `Discharge before noon on ward 9 ${stamp}`;
  let projectId = "";

  await test.step("the lead starts a project", async () => {
    await signInByEmail(p, lead.email, "/projects");
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Improvement projects");
    await expect(p.getByRole("heading", { name: "My projects" })).toBeVisible();
    await screenshots(p, "projects", testInfo);
    await expectAccessible(p, "projects");
    await p.getByRole("link", { name: "Start a project" }).first().click();
    await expect(p).toHaveURL(/\/projects\/new$/);
    await p.getByRole("button", { name: "Start the project" }).click();
    await expect(p.getByTestId("error-title")).toContainText("Give the project a title.");
    await p.getByLabel("Title").fill(title);
    await p.getByLabel("Aim").fill("Half of ward 9's discharges leave before noon by the end of March, up from 20%.");
    await p.getByLabel("Measures").fill("Discharges before noon each week; length of stay; readmissions within 7 days.");
    await p.getByLabel("Setting").fill("Ward 9 (older people), Bramley General Hospital");
    await screenshots(p, "project-new", testInfo);
    await expectAccessible(p, "new project");
    await p.getByRole("button", { name: "Start the project" }).click();
    await expect(p).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
    projectId = new URL(p.url()).pathname.split("/")[2]!;
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(p.getByText("Your project has started.")).toBeVisible();
    await expect(p.getByTestId("stage-identify")).toHaveAttribute("aria-current", "step");
    await expect(p.getByTestId("project-hours")).toHaveText("0 h");
  });

  await test.step("the lead asks for help with it: the request form has the project chosen", async () => {
    await p.getByTestId("ask-for-help").click();
    await expect(p).toHaveURL(new RegExp(`/listings/new\\?kind=request&project=${projectId}`));
    await expect(p.getByLabel("Part of project")).toHaveValue(projectId);
    await p.getByLabel("Title").fill(`Help us map our discharge day ${stamp}`);
    await p.getByLabel("Description").fill("Two hours with the ward team mapping a discharge from decision to the patient leaving.");
    await p.getByLabel("Skill").selectOption({ index: 1 });
    await p.getByLabel("Hours").fill("2");
    await p.getByLabel("Minutes").fill("0");
    await p.getByRole("button", { name: "Post request" }).click();
    await expect(p).toHaveURL(/\/listings\/[0-9a-f-]{36}/);
    await expect(p.getByTestId("listing-project")).toContainText(`Part of the project ${title}`);
    await p.getByTestId("listing-project").getByRole("link").click();
    await expect(p).toHaveURL(new RegExp(`/projects/${projectId}$`));
    await expect(p.getByTestId("project-requests")).toContainText(`Help us map our discharge day ${stamp}`);
  });

  await test.step("another member follows the project", async () => {
    await signInByEmail(q, follower.email, `/projects/${projectId}`);
    await expect(q.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(q.getByTestId("project-followers")).toHaveText("No one follows it yet.");
    await q.getByRole("button", { name: "Follow this project" }).click();
    await expect(q.getByRole("button", { name: "Unfollow" })).toBeVisible();
    await expect(q.getByTestId("project-followers")).toHaveText("1 member follows it.");
    await expect(q.getByRole("link", { name: "Ask for help" })).toHaveCount(0);
  });

  await test.step("the lead moves the project to the next step, with a note", async () => {
    await p.reload();
    await expect(p.getByTestId("project-followers")).toHaveText("1 member follows it.");
    await expect(p.getByLabel("Move to")).toHaveValue("understand");
    await p.getByLabel("Note").fill("Mapped a discharge day with the ward team: 23 steps, 9 hand-offs.");
    await p.getByRole("button", { name: "Move the project" }).click();
    await expect(p.getByText("Moved to “Understand it”. Followers have been told.")).toBeVisible();
    await expect(p.getByTestId("stage-understand")).toHaveAttribute("aria-current", "step");
    await expect(p.getByTestId("timeline-stage").first()).toContainText("Moved from “Identify the problem” to “Understand it”");
  });

  await test.step("the lead plans a PDSA cycle and records its result", async () => {
    await p.getByRole("link", { name: "Add a PDSA cycle" }).click();
    await expect(p).toHaveURL(new RegExp(`/projects/${projectId}/cycles/new$`));
    await p.getByLabel("The change you are testing").fill("Discharge criteria written on Monday's round");
    await p.getByLabel("Plan", { exact: true }).fill("Consultants write criteria for every patient expected home within 48 hours, for one week.");
    await p.getByLabel("Prediction").fill("Two more discharges before noon that week.");
    await screenshots(p, "project-cycle-new", testInfo);
    await expectAccessible(p, "new PDSA cycle");
    await p.getByRole("button", { name: "Add the cycle" }).click();
    await expect(p).toHaveURL(new RegExp(`/projects/${projectId}\\?saved=cycle|/projects/${projectId}#cycle-1`));
    const cycle = p.getByTestId("timeline-cycle").first();
    await expect(cycle).toContainText("PDSA cycle 1: Discharge criteria written on Monday's round");
    await expect(cycle).toContainText("In progress");

    await cycle.getByRole("link", { name: /Record the result/ }).click();
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("PDSA cycle 1");
    await p.getByRole("radio", { name: /^Adopt/ }).check();
    await p.getByRole("button", { name: "Save the cycle" }).click();
    await expect(p.getByTestId("error-happened")).toContainText("Say what happened before you choose a decision.");
    await p.getByLabel("What happened").fill("Three discharges before noon, up from one; two waited for medicines.");
    await p.getByLabel("What was learned").fill("Criteria help; take-home medicines now set the time.");
    await screenshots(p, "project-cycle-result", testInfo);
    await expectAccessible(p, "PDSA cycle result");
    await p.getByRole("button", { name: "Save the cycle" }).click();
    await expect(p).toHaveURL(new RegExp(`/projects/${projectId}`));
    await expect(p.getByText("The cycle is complete.")).toBeVisible();
    await expect(p.getByTestId("timeline-cycle").first()).toContainText("Complete: adopt");
    await expect(p.getByTestId("timeline-cycle").first()).toContainText("Criteria help; take-home medicines now set the time.");
    await screenshots(p, "project-owner", testInfo);
    await expectAccessible(p, "project page (owner)");
  });

  await test.step("the follower is told of the move, the new cycle and its result", async () => {
    const told = await withDb(async (c) =>
      (await c.query<{ title: string }>("SELECT title FROM notifications WHERE member_id = $1 AND kind = 'project.updated' ORDER BY created_at", [follower.id])).rows.map((r) => r.title),
    );
    expect(told).toEqual([`${title}: now at “Understand it”`, `${title}: PDSA cycle 1 planned`, `${title}: PDSA cycle 1 complete`]);
    await q.goto("/notifications");
    await expect(q.getByText(`${title}: PDSA cycle 1 complete`)).toBeVisible();
    await q.goto("/projects");
    await expect(q.getByRole("region", { name: "Projects I follow" }).getByRole("link", { name: title })).toBeVisible();
  });
});

test("the demo bank's projects show their stage, the help given and the hours exchanged, as the ledger has them", async ({ page }, testInfo) => {
  // The project with the most hours, by the bank's rule: transfers posted for its requests' exchanges, not reversed.
  const best = await withDb(async (c) =>
    (
      await c.query<{ id: string; title: string; minutes: string }>(
        `SELECT p.id, p.title, coalesce(sum(t.amount_minutes) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)), 0) AS minutes
           FROM projects p
           LEFT JOIN listings l ON l.project_id = p.id
           LEFT JOIN exchanges e ON e.listing_id = l.id
           LEFT JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
          GROUP BY p.id, p.title ORDER BY 3 DESC, p.id LIMIT 1`,
      )
    ).rows[0]!,
  );
  expect(Number(best.minutes)).toBeGreaterThan(0);

  await page.goto("/projects");
  await expect(page.getByTestId("project-card").first()).toBeVisible();
  await page.getByRole("link", { name: "5. Sustain and spread" }).click();
  await expect(page).toHaveURL(/stage=sustain/);
  await expect(page.getByTestId("project-card").first()).toContainText("Finished");

  const res = await page.goto(`/projects/${best.id}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(best.title);
  await expect(page.getByTestId("project-hours")).toHaveText(hm(Number(best.minutes)));
  await expect(page.getByTestId("project-help").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("stage-progress").locator("[aria-current=step]")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Sign in to follow" })).toBeVisible();
  await screenshots(page, "project-demo", testInfo);
  await expectAccessible(page, "project page (demo)");

  const missing = await page.goto("/projects/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
});
