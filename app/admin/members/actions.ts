"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { reactivateMember, setMemberFloor, suspendMember } from "@/lib/admin/members";
import { memberFloorSchema, memberStatusChangeSchema } from "@/lib/admin/schemas";
import { formatMinutes } from "@/lib/format/minutes";
import { approveMember, declineMember } from "@/lib/members/approve-member";
import { declineSchema, memberIdSchema } from "@/lib/members/schemas";

function refreshMemberPages(memberId?: string) {
  revalidatePath("/admin/members", "layout");
  if (memberId) revalidatePath(`/admin/members/${memberId}`);
}

export async function approveMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(memberIdSchema, formData, async (data, actor) => {
    await approveMember(actor.id, data.memberId);
    return null;
  }, { caller: "admin", message: "Approved. They have been told." });
  if (result.ok) refreshMemberPages();
  return result;
}

export async function declineMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(declineSchema, formData, async (_data, actor, raw) => {
    await declineMember(actor.id, raw);
    return null;
  }, { caller: "admin", message: "Declined. They have been emailed your reason." });
  if (result.ok) refreshMemberPages();
  return result;
}

export async function suspendMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(memberStatusChangeSchema, formData, async (data, actor, raw) => {
    await suspendMember(actor.id, raw);
    return null;
  }, { caller: "admin", message: "Suspended. They have been told, with your reason." });
  if (result.ok) refreshMemberPages(String(formData.get("memberId")));
  return result;
}

export async function reactivateMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(memberStatusChangeSchema, formData, async (_data, actor, raw) => {
    await reactivateMember(actor.id, raw);
    return null;
  }, { caller: "admin", message: "Reactivated. They can trade again and have been told." });
  if (result.ok) refreshMemberPages(String(formData.get("memberId")));
  return result;
}

export async function setMemberFloorAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ floorMinutes: number }>> {
  const result = await runAction(memberFloorSchema, formData, async (_data, actor, raw) => setMemberFloor(actor.id, raw), { caller: "admin" });
  if (result.ok) {
    refreshMemberPages(String(formData.get("memberId")));
    return { ...result, message: `Saved: this member can now go ${formatMinutes(-result.data.floorMinutes)} below zero.` };
  }
  return result;
}
