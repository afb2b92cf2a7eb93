// What admins read about members: a search over everyone (name or email, status, role) and one
// member in full, with their hours account and the audit entries about them. Only admin pages call
// these, after checking the viewer is an admin.
import { db, type PrismaClient } from "../db/client";
import type { MemberRole, MemberStatus, Prisma } from "../db/generated/client";
import { isUuid } from "../validation";
import type { MemberSearch } from "./schemas";

export const MEMBERS_PAGE_SIZE = 25;

export interface AdminMemberRow {
  id: string;
  name: string;
  email: string;
  status: MemberStatus;
  role: MemberRole;
  profession: string | null;
  organisation: string | null;
  region: string | null;
  balanceMinutes: number | null;
  joinedAt: Date;
}

export const STATUS_LABELS: Record<MemberStatus, string> = {
  pending: "Waiting for approval",
  active: "Active",
  suspended: "Suspended",
  closed: "Closed",
};

const ROW_SELECT = {
  id: true,
  name: true,
  email: true,
  status: true,
  role: true,
  profession: true,
  createdAt: true,
  organisation: { select: { name: true } },
  region: { select: { name: true } },
  ledgerAccount: { select: { balanceMinutes: true } },
} as const;

type RowSource = Prisma.UserGetPayload<{ select: typeof ROW_SELECT }>;

function toRow(m: RowSource): AdminMemberRow {
  return {
    id: m.id,
    name: m.name ?? "(no name yet)",
    email: m.email,
    status: m.status,
    role: m.role,
    profession: m.profession,
    organisation: m.organisation?.name ?? null,
    region: m.region?.name ?? null,
    balanceMinutes: m.ledgerAccount?.balanceMinutes ?? null,
    joinedAt: m.createdAt,
  };
}

/** Members matching the search, by name; one page more than shown tells whether there is a next. */
export async function searchMembers(search: MemberSearch, database: PrismaClient = db()): Promise<{ rows: AdminMemberRow[]; page: number; hasNext: boolean }> {
  const page = search.page ?? 1;
  const q = search.q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(search.status ? { status: search.status } : {}),
    ...(search.role ? { role: search.role } : {}),
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
            { profession: { contains: q, mode: "insensitive" } },
            { organisation: { name: { contains: q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const found = await database.user.findMany({
    where,
    orderBy: [{ name: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    skip: (page - 1) * MEMBERS_PAGE_SIZE,
    take: MEMBERS_PAGE_SIZE + 1,
    select: ROW_SELECT,
  });
  return { rows: found.slice(0, MEMBERS_PAGE_SIZE).map(toRow), page, hasNext: found.length > MEMBERS_PAGE_SIZE };
}

export interface AdminMemberDetail extends AdminMemberRow {
  statusReason: string | null;
  approvedAt: Date | null;
  profileDone: boolean;
  closedAt: Date | null;
  bio: string | null;
  account: { id: number; balanceMinutes: number; heldMinutes: number; floorMinutes: number } | null;
  exchanges: { open: number; confirmed: number; disputed: number };
  history: { id: bigint; at: Date; action: string; actorName: string | null; details: Prisma.JsonValue }[];
}

export const MEMBER_HISTORY_LIMIT = 20;

export async function getMemberForAdmin(memberId: string, database: PrismaClient = db()): Promise<AdminMemberDetail | null> {
  if (!isUuid(memberId)) return null;
  const m = await database.user.findUnique({
    where: { id: memberId },
    select: {
      ...ROW_SELECT,
      statusReason: true,
      approvedAt: true,
      profileDoneAt: true,
      closedAt: true,
      bio: true,
      ledgerAccount: { select: { id: true, balanceMinutes: true, heldMinutes: true, floorMinutes: true } },
    },
  });
  if (!m) return null;
  const party = { OR: [{ providerId: memberId }, { payerId: memberId }] };
  const [open, confirmed, disputed, history] = await Promise.all([
    database.exchange.count({ where: { ...party, state: { in: ["proposed", "accepted", "delivered"] } } }),
    database.exchange.count({ where: { ...party, state: { in: ["confirmed", "resolved"] } } }),
    database.exchange.count({ where: { ...party, state: "disputed" } }),
    database.auditLog.findMany({
      where: { targetType: "member", targetId: memberId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: MEMBER_HISTORY_LIMIT,
      select: { id: true, at: true, action: true, details: true, actor: { select: { name: true } } },
    }),
  ]);
  const account = m.ledgerAccount;
  return {
    ...toRow(m),
    statusReason: m.statusReason,
    approvedAt: m.approvedAt,
    profileDone: m.profileDoneAt !== null,
    closedAt: m.closedAt,
    bio: m.bio,
    account: account ? { id: account.id, balanceMinutes: account.balanceMinutes, heldMinutes: account.heldMinutes, floorMinutes: account.floorMinutes ?? 0 } : null,
    exchanges: { open, confirmed, disputed },
    history: history.map((h) => ({ id: h.id, at: h.at, action: h.action, actorName: h.actor?.name ?? null, details: h.details })),
  };
}
