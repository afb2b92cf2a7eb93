// Reads that show admins more than members (a page's admin-only figures, who last edited what)
// check the viewer in the data function itself, from the database: the page proves nothing.
import { db, type PrismaClient } from "../db/client";
import { forbidden } from "../errors";
import { isUuid } from "../validation";
import { ONLY_ADMINS } from "./guard";

type ViewerDb = Pick<PrismaClient, "user">;

/** True when the viewer is an active admin with a finished profile, now. */
export async function isActiveAdmin(viewerId: string | null | undefined, database: ViewerDb = db()): Promise<boolean> {
  if (!isUuid(viewerId)) return false;
  const m = await database.user.findUnique({ where: { id: viewerId }, select: { role: true, status: true, profileDoneAt: true } });
  return !!m && m.role === "admin" && m.status === "active" && m.profileDoneAt !== null;
}

/** Throws forbidden unless the viewer is an active admin. */
export async function requireAdminViewer(viewerId: string | null | undefined, database: ViewerDb = db()): Promise<void> {
  if (!(await isActiveAdmin(viewerId, database))) throw forbidden(ONLY_ADMINS);
}
