// The browse page's empty state asks whether any active member has an open listing at all. It is
// an existence test on a database of its own, so that what this file adds is all there is.
import { describe, expect, it } from "vitest";
import { anyPublicListings } from "../../lib/listings/queries";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma);

async function listing(ownerId: string, status: "open" | "paused" | "closed" = "open") {
  return prisma.listing.create({
    data: { kind: "offer", ownerId, title: "Process mapping for your ward", description: "An hour of help", skillId: skill.id, estimatedMinutes: 60, status },
  });
}

describe("anyPublicListings", () => {
  it("is false until an active member has an open listing, and false again when it closes", async () => {
    expect(await anyPublicListings(prisma)).toBe(false);
    const pending = await createMember(prisma, { status: "pending" });
    const suspended = await createMember(prisma, { status: "suspended" });
    const active = await createMember(prisma);
    await listing(pending.id);
    await listing(suspended.id);
    await listing(active.id, "paused");
    await listing(active.id, "closed");
    expect(await anyPublicListings(prisma)).toBe(false);
    const open = await listing(active.id);
    expect(await anyPublicListings(prisma)).toBe(true);
    await prisma.listing.update({ where: { id: open.id }, data: { status: "closed" } });
    expect(await anyPublicListings(prisma)).toBe(false);
  });
});
