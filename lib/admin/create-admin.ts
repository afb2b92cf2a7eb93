// `npm run admin:create -- <email>`: how a bank gets its first admin (and how an operator adds one
// without signing in). A new address becomes an active admin who has not yet told the bank who
// they are: on first sign-in the app sends them to /join, and completing the profile there keeps
// them active and admin (their hours account is opened here, as approval would). An existing
// member is made admin, and approved if they were waiting. Audited with no actor: the command
// line is not a member.
import { z } from "zod";
import { writeAudit } from "../audit/write";
import { emailSchema } from "../auth/email-address";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { conflict } from "../errors";
import type { Tx } from "../members/guard";
import { activateMember } from "../members/internal";
import { isUniqueViolation, parseInput } from "../validation";

const createAdminSchema = z.object({ email: emailSchema });

export type CreateAdminOutcome = "created" | "promoted" | "already_admin";

export interface CreateAdminResult {
  outcome: CreateAdminOutcome;
  memberId: string;
  email: string;
  /** Whether the member became active now (a new address, or a member who was waiting). */
  activated: boolean;
}

interface ExistingMember {
  id: string;
  status: "pending" | "active" | "suspended" | "closed";
  role: "member" | "admin";
}

async function lockByEmail(tx: Tx, email: string): Promise<ExistingMember | undefined> {
  const rows = await tx.$queryRaw<ExistingMember[]>`
    SELECT id, status::text AS status, role::text AS role FROM members WHERE email = ${email} FOR UPDATE`;
  return rows[0];
}

function refuseInactive(email: string, status: ExistingMember["status"]): void {
  if (status === "closed") {
    throw conflict(`The account of ${email} is closed, and a closed account cannot be reopened or made an admin. Use another address.`);
  }
  if (status === "suspended") {
    throw conflict(`${email} is suspended. Reactivate them first (Admin → Members, by an admin), then run this again.`);
  }
}

async function createOrPromote(tx: Tx, email: string): Promise<CreateAdminResult> {
  const existing = await lockByEmail(tx, email);
  if (existing) refuseInactive(email, existing.status);
  if (existing && existing.role === "admin" && existing.status === "active") {
    return { outcome: "already_admin", memberId: existing.id, email, activated: false };
  }
  const memberId = existing?.id ?? (await tx.user.create({ data: { email, status: "pending", role: "admin" }, select: { id: true } })).id;
  if (existing) await tx.user.update({ where: { id: memberId }, data: { role: "admin" } });
  const activated = existing?.status !== "active";
  // The member is their own actor for the welcome grant, as in open joining: no admin acted.
  if (activated) await activateMember(tx, memberId, memberId);
  await writeAudit(tx, { actorId: null, action: "admin.create", targetType: "member", targetId: memberId, details: { email, created: !existing } });
  return { outcome: existing ? "promoted" : "created", memberId, email, activated };
}

/**
 * Makes the member with this address an admin, creating them if the bank has no such member.
 * Running it again changes nothing and says so. Refuses a closed or suspended account.
 */
export async function createAdmin(email: unknown, database: PrismaClient = db()): Promise<CreateAdminResult> {
  const { email: address } = parseInput(createAdminSchema, { email });
  try {
    return await transaction(database, (tx) => createOrPromote(tx, address));
  } catch (err) {
    // Two runs for one new address at once: the loser finds the member the winner created.
    if (!isUniqueViolation(err)) throw err;
    return transaction(database, (tx) => createOrPromote(tx, address));
  }
}

/** The one line the command prints for a result. */
export function describeCreateAdmin(result: CreateAdminResult, signInUrl: string): string {
  if (result.outcome === "already_admin") return `${result.email} is already an admin; nothing changed. They sign in at ${signInUrl}.`;
  return `${result.email} is now an admin. They sign in at ${signInUrl}.`;
}
