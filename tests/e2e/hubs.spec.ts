// Hubs in the browser, on the demo bank: an admin creates a hub and names its coordinator; a
// coordinator of the North hub approves a member joining their hub from the hub's page, and is
// refused (with nothing changed, and the refusal in the audit log) when they call the approval
// of a member of another hub directly over HTTP; a member limits browse to their hub.
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "../../lib/db/client";
import { outcomeOfResponse, postAction, sessionCookie } from "./http-actions";
import { E2E_DATABASE_URL, expectAccessible, screenshots, signInByEmail, signInWithSession, withDb } from "./support";

const ADMIN = "admin@demo.timebank.local";
const NORTH = "North of England QI Partnership";
const MIDLANDS = "Midlands and East Improvement Hub";

test.describe.configure({ mode: "serial" });

/** A demo member made pending again, moved to an organisation of `hub`: someone waiting to join it. */
async function waitingToJoin(hub: string): Promise<{ id: string; name: string }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ id: string; name: string }>(
      `UPDATE members SET status = 'pending', approved_at = NULL,
              organisation_id = (SELECT o.id FROM organisations o JOIN hubs h ON h.id = o.hub_id WHERE h.name = $1 ORDER BY o.name LIMIT 1)
        WHERE id = (SELECT m.id FROM members m
                     WHERE m.status = 'active' AND m.role = 'member'
                       AND NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.member_id = m.id)
                       AND NOT EXISTS (SELECT 1 FROM hub_coordinators c WHERE c.member_id = m.id)
                     ORDER BY m.name LIMIT 1)
        RETURNING id, name`,
      [hub],
    );
    if (rows[0]) return rows[0];
    // Every active demo member has an account: make a new member who has finished their profile.
    const made = await c.query<{ id: string; name: string }>(
      `INSERT INTO members (email, name, status, profession, bio, profile_done_at, organisation_id)
       VALUES ($2, $3, 'pending', 'Nurse', 'Ward nurse keen to learn run charts.', now(),
               (SELECT o.id FROM organisations o JOIN hubs h ON h.id = o.hub_id WHERE h.name = $1 ORDER BY o.name LIMIT 1))
       RETURNING id, name`,
      [hub, `joining-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@demo.timebank.local`, `Jo Joiner ${Math.random().toString(36).slice(2, 5)}`],
    );
    return made.rows[0]!;
  });
}

async function coordinatorOf(hub: string): Promise<{ id: string; email: string; name: string }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ id: string; email: string; name: string }>(
      `SELECT m.id, m.email, m.name FROM hub_coordinators hc JOIN hubs h ON h.id = hc.hub_id JOIN members m ON m.id = hc.member_id
        WHERE h.name = $1 ORDER BY m.name LIMIT 1`,
      [hub],
    );
    return rows[0]!;
  });
}

test("an admin creates a hub and names its coordinator", async ({ page }, testInfo) => {
  await signInWithSession(page, ADMIN, "/admin/hubs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hubs");
  await expect(page.getByTestId("hub")).toHaveCount(2);
  await screenshots(page, "admin-hubs", testInfo);
  await expectAccessible(page, "admin hubs");

  await page.getByLabel("Name").fill("South West Improvement Network");
  await page.getByLabel("About this hub").fill("Community health teams in the South West.");
  await page.getByLabel("Severn Community Health NHS Trust").check();
  await page.getByRole("button", { name: "Create hub" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("South West Improvement Network");
  await expect(page.getByText("Hub created. Now add its coordinators.")).toBeVisible();

  const severn = await withDb(
    async (c) =>
      (
        await c.query<{ email: string; name: string }>(
          `SELECT m.email, m.name FROM members m JOIN organisations o ON o.id = m.organisation_id
            WHERE o.name = 'Severn Community Health NHS Trust' AND m.status = 'active' ORDER BY m.name LIMIT 1`,
        )
      ).rows[0]!,
  );
  // Someone outside the hub is refused with a reason.
  await page.getByLabel("Member's email address").fill(ADMIN);
  await page.getByRole("button", { name: "Add coordinator" }).click();
  await expect(page.getByTestId("error-email")).toContainText("does not belong to South West Improvement Network");
  await page.getByLabel("Member's email address").fill(severn.email);
  await page.getByRole("button", { name: "Add coordinator" }).click();
  await expect(page.getByText(`${severn.name} now coordinates this hub.`)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("coordinator")).toContainText(severn.name);
  await screenshots(page, "admin-hub", testInfo);
  await expectAccessible(page, "admin hub");
});

test("a coordinator approves a member joining their hub, and is refused for another hub", async ({ page }, testInfo) => {
  const coordinator = await coordinatorOf(NORTH);
  const ours = await waitingToJoin(NORTH);
  const theirs = await waitingToJoin(MIDLANDS);

  await signInByEmail(page, coordinator.email, "/dashboard");
  await expect(page.getByRole("heading", { name: "Hubs you coordinate" })).toBeVisible();
  await page.getByRole("link", { name: NORTH }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NORTH);
  const card = page.getByTestId("pending-member").filter({ hasText: ours.name });
  await expect(card).toBeVisible();
  // Only the hub's own: the member joining another hub is not listed.
  await expect(page.getByTestId("pending-member").filter({ hasText: theirs.name })).toHaveCount(0);
  await screenshots(page, "hub", testInfo);
  await expectAccessible(page, "hub");
  await card.getByRole("button", { name: `Approve ${ours.name}` }).click();
  await expect.poll(() => withDb(async (c) => (await c.query<{ status: string }>("SELECT status::text AS status FROM members WHERE id = $1", [ours.id])).rows[0]!.status)).toBe("active");
  // The page refreshes: they are no longer waiting.
  await expect(card).toHaveCount(0);

  // Another hub's page is "not found" to them.
  const other = await withDb(async (c) => (await c.query<{ id: string }>("SELECT id FROM hubs WHERE name = $1", [MIDLANDS])).rows[0]!.id);
  const res = await page.goto(`/hub/${other}`);
  expect(res?.status()).toBe(404);

  // Called directly, as a hand-made request would: refused, nothing changed, and audited.
  const prisma = createPrismaClient(E2E_DATABASE_URL, { max: 2 });
  try {
    const before = await prisma.auditLog.count({ where: { actorId: coordinator.id, action: "auth.refused" } });
    const form = new FormData();
    form.set("memberId", theirs.id);
    const outcome = await outcomeOfResponse(await postAction("app/hub/actions.ts#approveHubMemberAction", form, { cookie: await sessionCookie(prisma, coordinator.id) }));
    expect(outcome).toMatchObject({ kind: "refused" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("pending");
    await expect.poll(() => prisma.auditLog.count({ where: { actorId: coordinator.id, action: "auth.refused" } })).toBeGreaterThan(before);
  } finally {
    await prisma.$disconnect();
  }
});

test("a member limits browse to their hub", async ({ page }) => {
  const coordinator = await coordinatorOf(NORTH);
  await signInByEmail(page, coordinator.email, "/browse");
  await page.getByLabel(/Only members of my hub/).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/hub=/);
  const outside = await withDb(
    async (c) =>
      (
        await c.query<{ n: string }>(
          `SELECT count(*) AS n FROM listings l JOIN members m ON m.id = l.owner_id LEFT JOIN organisations o ON o.id = m.organisation_id
            WHERE l.status = 'open' AND m.status = 'active' AND o.hub_id IS DISTINCT FROM (SELECT id FROM hubs WHERE name = $1)`,
          [NORTH],
        )
      ).rows[0]!.n,
  );
  expect(Number(outside)).toBeGreaterThan(0);
  const inside = await withDb(
    async (c) =>
      (
        await c.query<{ n: string }>(
          `SELECT count(*) AS n FROM listings l JOIN members m ON m.id = l.owner_id JOIN organisations o ON o.id = m.organisation_id
            WHERE l.status = 'open' AND m.status = 'active' AND o.hub_id = (SELECT id FROM hubs WHERE name = $1)`,
          [NORTH],
        )
      ).rows[0]!.n,
  );
  await expect(page.getByTestId("result-count")).toContainText(Number(inside).toLocaleString("en-GB"));
});
