// In-app notifications: written in the same transaction as the change, counted unread per member,
// and marked read only by the member they belong to.
import { describe, expect, it } from "vitest";
import { notify } from "../../lib/notifications/notify";
import { listNotifications, markNotificationsRead, NOTIFICATIONS_PAGE_SIZE, unreadCount } from "../../lib/notifications/queries";
import { useTestDatabase } from "../helpers/db";
import { createMember } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();

async function tell(memberId: string, title: string) {
  await prisma.$transaction((tx) => notify(tx, { memberId, kind: "exchange.proposed", title, body: "Someone asks for your help." }));
}

describe("notifications", () => {
  it("are counted unread until read, newest first", async () => {
    const ann = await createMember(prisma);
    await tell(ann.id, "First");
    await tell(ann.id, "Second");
    expect(await unreadCount(ann.id, prisma)).toBe(2);
    const { items } = await listNotifications(ann.id, 1, prisma);
    expect(items.map((n) => n.title)).toEqual(["Second", "First"]);
    expect(await markNotificationsRead(ann.id, items[0]!.id, prisma)).toBe(1);
    expect(await unreadCount(ann.id, prisma)).toBe(1);
    expect(await markNotificationsRead(ann.id, null, prisma)).toBe(1);
    expect(await unreadCount(ann.id, prisma)).toBe(0);
  });

  it("cannot be marked read by another member, even with the id", async () => {
    const ann = await createMember(prisma);
    const bo = await createMember(prisma);
    await tell(ann.id, "Private to Ann");
    const [n] = (await listNotifications(ann.id, 1, prisma)).items;
    expect(await markNotificationsRead(bo.id, n!.id, prisma)).toBe(0);
    expect(await markNotificationsRead(bo.id, null, prisma)).toBe(0);
    expect(await unreadCount(ann.id, prisma)).toBe(1);
    expect((await listNotifications(bo.id, 1, prisma)).items).toHaveLength(0);
  });

  it("are rolled back with the change they tell about", async () => {
    const cy = await createMember(prisma);
    await expect(
      prisma.$transaction(async (tx) => {
        await notify(tx, { memberId: cy.id, kind: "exchange.accepted", title: "Accepted", body: "ok" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await unreadCount(cy.id, prisma)).toBe(0);
  });

  it("page by a fixed size and say when there are more", async () => {
    const di = await createMember(prisma);
    for (let i = 0; i < NOTIFICATIONS_PAGE_SIZE + 3; i++) await tell(di.id, `N${i}`);
    const first = await listNotifications(di.id, 1, prisma);
    expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    const second = await listNotifications(di.id, 2, prisma);
    expect(second.items).toHaveLength(3);
    expect(second.hasNext).toBe(false);
  });

  it("are not written for a closed member, and not emailed for kinds they turned off", async () => {
    const ed = await createMember(prisma);
    await prisma.user.update({ where: { id: ed.id }, data: { emailOptOut: ["exchange.proposed"] } });
    await tell(ed.id, "No email please");
    const n = await prisma.notification.findFirstOrThrow({ where: { memberId: ed.id } });
    expect(n.emailPending).toBe(false);
    await prisma.user.update({ where: { id: ed.id }, data: { status: "closed" } });
    await tell(ed.id, "After closing");
    expect(await prisma.notification.count({ where: { memberId: ed.id } })).toBe(1);
  });
});
