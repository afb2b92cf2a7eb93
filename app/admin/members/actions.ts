"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { approveMember, declineMember } from "@/lib/members/approve-member";
import { declineSchema, memberIdSchema } from "@/lib/members/schemas";

export async function approveMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(memberIdSchema, formData, async (data, actor) => {
    await approveMember(actor.id, data.memberId);
    return null;
  }, { message: "Approved. They have been told." });
  if (result.ok) revalidatePath("/admin/members");
  return result;
}

export async function declineMemberAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(declineSchema, formData, async (_data, actor, raw) => {
    await declineMember(actor.id, raw);
    return null;
  }, { message: "Declined. They will see your reason when they sign in." });
  if (result.ok) revalidatePath("/admin/members");
  return result;
}
