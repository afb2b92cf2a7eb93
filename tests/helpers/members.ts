// Members for integration tests, made directly in the database (the way sign-in and approval
// would leave them), with a ledger account and, if asked, a starting balance granted through the
// ledger from the issuance account.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../lib/db/client";
import { openMemberAccount, systemAccountId, transfer } from "../../lib/ledger";

export interface TestMember {
  id: string;
  email: string;
  name: string;
  accountId: number;
}

export async function createMember(
  prisma: PrismaClient,
  options: {
    name?: string;
    email?: string;
    status?: "pending" | "active" | "suspended";
    role?: "member" | "admin";
    profileDone?: boolean;
    floorMinutes?: number;
    /** Granted from the issuance account so the member starts with this balance. */
    balanceMinutes?: number;
  } = {},
): Promise<TestMember> {
  const suffix = randomBytes(4).toString("hex");
  const name = options.name ?? `Member ${suffix}`;
  const email = options.email ?? `member-${suffix}@test.timebank.invalid`;
  const user = await prisma.user.create({
    data: {
      name,
      email,
      emailVerified: new Date(),
      status: options.status ?? "active",
      role: options.role ?? "member",
      profession: "Nurse",
      bio: "Test member",
      profileDoneAt: options.profileDone === false ? null : new Date(),
      approvedAt: (options.status ?? "active") === "active" ? new Date() : null,
    },
  });
  const accountId = await openMemberAccount(user.id, { floorMinutes: options.floorMinutes ?? -600 }, prisma);
  if (options.balanceMinutes && options.balanceMinutes > 0) {
    await transfer(
      {
        kind: "grant",
        debitAccountId: await systemAccountId("issuance", prisma),
        creditAccountId: accountId,
        amountMinutes: options.balanceMinutes,
        idempotencyKey: `test-grant-${user.id}`,
      },
      prisma,
    );
  }
  return { id: user.id, email, name, accountId };
}

export async function balanceOf(prisma: PrismaClient, memberId: string) {
  const a = await prisma.ledgerAccount.findUniqueOrThrow({ where: { memberId } });
  return { balanceMinutes: a.balanceMinutes, heldMinutes: a.heldMinutes, floorMinutes: a.floorMinutes };
}

/** Every row count that a refused action must leave unchanged. */
export async function snapshotCounts(prisma: PrismaClient) {
  const [listings, exchanges, events, messages, notifications, transfers, holds, resolutions, members] = await Promise.all([
    prisma.listing.count(),
    prisma.exchange.count(),
    prisma.exchangeEvent.count(),
    prisma.message.count(),
    prisma.notification.count(),
    prisma.ledgerTransfer.count(),
    prisma.ledgerHold.count(),
    prisma.ledgerHoldResolution.count(),
    prisma.user.count(),
  ]);
  const updated = await prisma.$queryRaw<{ m: Date | null }[]>`
    SELECT greatest((SELECT max(updated_at) FROM listings), (SELECT max(updated_at) FROM exchanges), (SELECT max(updated_at) FROM members)) AS m`;
  return { listings, exchanges, events, messages, notifications, transfers, holds, resolutions, members, lastUpdate: updated[0]?.m?.toISOString() ?? null };
}

/** A skill from the taxonomy (tests make their own: the template database has none). */
export async function createSkill(prisma: PrismaClient, name = `Skill ${randomBytes(3).toString("hex")}`) {
  return prisma.skill.create({
    data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), category: "Measurement", description: `About ${name}` },
  });
}
