"use server";
// A hub's coordinators approve or decline the members joining their hub. The lib call checks that
// the caller coordinates the member's hub (or is an admin); a coordinator of another hub is
// refused, and runAction records the refusal in the audit log.
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { approveHubMember, declineHubMember } from "@/lib/members/approve-member";
import { declineSchema, memberIdSchema } from "@/lib/members/schemas";

function refresh() {
  revalidatePath("/hub", "layout");
  revalidatePath("/admin/members");
  revalidatePath("/dashboard");
}

export async function approveHubMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(memberIdSchema, formData, async (data, actor) => {
    await approveHubMember(actor.id, data.memberId);
    return null;
  }, { message: "Approved. They have been told." });
  if (result.ok) refresh();
  return result;
}

export async function declineHubMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(declineSchema, formData, async (_data, actor, raw) => {
    await declineHubMember(actor.id, raw);
    return null;
  }, { message: "Declined. They have been emailed your reason." });
  if (result.ok) refresh();
  return result;
}
