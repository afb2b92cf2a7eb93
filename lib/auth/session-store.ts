// Sessions as next-auth's Prisma adapter keeps them (auth_sessions, database strategy), read
// straight from PostgreSQL for every request: lib/auth/session.ts asks here who a request's
// session cookie belongs to. next-auth itself still signs members in and out.
import "server-only";
import { SESSION_MAX_AGE_SECONDS } from "../config";
import { db, type PrismaClient } from "../db/client";
import type { MemberRole, MemberStatus } from "../db/generated/client";

export interface SessionMember {
  id: string;
  email: string;
  name: string | null;
  status: MemberStatus;
  role: MemberRole;
  profileDone: boolean;
}

/** next-auth's default: a session's expiry is pushed back at most once a day. */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/**
 * The session cookie's name as next-auth chooses it: `__Secure-` when the app's address (AUTH_URL,
 * or else the request's forwarded protocol, https when none is given) is https. A cookie of the
 * other name is not read: on https a plain cookie could have been planted over plain http.
 */
export function sessionCookieName(authUrl: string | undefined, forwardedProto: string | null): string {
  const protocol = authUrl ? new URL(authUrl).protocol : `${(forwardedProto ?? "https").split(",")[0]!.trim().replace(/:$/, "")}:`;
  return `${protocol === "https:" ? "__Secure-" : ""}authjs.session-token`;
}

interface SessionRow {
  id: string;
  email: string;
  name: string | null;
  status: MemberStatus;
  role: MemberRole;
  profile_done: boolean;
  expires: Date;
}

/**
 * The member a session token belongs to, or null. One query for the session and its member (what
 * next-auth's auth() took three for, with a whole request and response built around them); an
 * expired session is deleted, and an active one is extended as next-auth would (SESSION_MAX_AGE
 * from now, at most once every SESSION_UPDATE_AGE).
 */
export async function memberForSessionToken(token: string, database: PrismaClient = db()): Promise<SessionMember | null> {
  if (!token || token.length > 200) return null;
  const [row] = await database.$queryRaw<SessionRow[]>`
    SELECT m.id, m.email, m.name, m.status::text AS status, m.role::text AS role,
           m.profile_done_at IS NOT NULL AS profile_done, s.expires
      FROM auth_sessions s JOIN members m ON m.id = s.user_id
     WHERE s.session_token = ${token}`;
  if (!row) return null;
  const now = Date.now();
  if (row.expires.getTime() <= now) {
    await database.session.deleteMany({ where: { sessionToken: token } });
    return null;
  }
  if (row.expires.getTime() - SESSION_MAX_AGE_SECONDS * 1000 + SESSION_UPDATE_AGE_SECONDS * 1000 <= now) {
    await database.session.updateMany({ where: { sessionToken: token }, data: { expires: new Date(now + SESSION_MAX_AGE_SECONDS * 1000) } });
  }
  if (row.status === "closed") return null;
  return { id: row.id, email: row.email, name: row.name, status: row.status, role: row.role, profileDone: row.profile_done };
}

