// The admin pages' own check (the layout checks too, but a page never relies on it): the signed-in
// member must be an active admin now. Anyone else is recorded in the audit log and gets null, and
// the page shows why; a visitor who is not signed in is sent to sign in first.
import "server-only";
import { redirect } from "next/navigation";
import { captureRequestContext, withRequestContext } from "../audit/context";
import { recordRefusal } from "../audit/write";
import { currentMember, type SessionMember } from "../auth/session";

export function isAdmin(member: SessionMember | null): boolean {
  return !!member && member.role === "admin" && member.status === "active" && member.profileDone;
}

export async function adminForPage(path: string): Promise<SessionMember | null> {
  const member = await currentMember();
  if (!member) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (isAdmin(member)) return member;
  const context = await captureRequestContext();
  await withRequestContext({ ...context, path }, () => recordRefusal(member.id, "not an admin", { code: "forbidden" }));
  return null;
}
