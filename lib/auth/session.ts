// Who is asking. Every page and action asks here; the proxy protects nothing. The session holds
// only the member's id: status and role are read from the database on every request, so a
// suspension takes effect at once.
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { memberForSessionToken, sessionCookieName, type SessionMember } from "./session-store";
import { AppError } from "../errors";

export type { SessionMember };

/** The signed-in member, or null: one query for the session cookie's member. Cached for one request. */
export const currentMember = cache(async (): Promise<SessionMember | null> => {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(process.env.AUTH_URL ?? process.env.NEXTAUTH_URL, requestHeaders.get("x-forwarded-proto"));
  const token = jar.get(name)?.value;
  return token ? memberForSessionToken(token) : null;
});

export async function requireMember(): Promise<SessionMember> {
  const member = await currentMember();
  if (!member) throw new AppError("unauthenticated", "Please sign in first.");
  return member;
}

/** Why a member who is not active cannot trade, in words for them. */
export function whyCannotTrade(member: Pick<SessionMember, "status" | "profileDone">): string | null {
  if (!member.profileDone) return "Finish your profile first: the bank needs to know who you are before you can trade.";
  switch (member.status) {
    case "active":
      return null;
    case "pending":
      return "Your membership is waiting for an admin's approval. You can look around, but you cannot offer, ask or exchange until you are approved.";
    case "suspended":
      return "Your membership is suspended, so you cannot offer, ask or exchange. Contact the bank's admins if you think this is a mistake.";
    default:
      return "This account is closed.";
  }
}

export async function requireActiveMember(): Promise<SessionMember> {
  const member = await requireMember();
  const reason = whyCannotTrade(member);
  if (reason) throw new AppError("forbidden", reason);
  return member;
}

export async function requireAdmin(): Promise<SessionMember> {
  const member = await requireActiveMember();
  if (member.role !== "admin") throw new AppError("forbidden", "Only the bank's admins can do that.");
  return member;
}
