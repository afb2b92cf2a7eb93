"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { formatMinutes } from "@/lib/format/minutes";
import { resolveDispute } from "@/lib/disputes/resolve";
import { resolveDisputeSchema } from "@/lib/disputes/schemas";

export async function resolveDisputeAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ postedMinutes: number }>> {
  const result = await runAction(resolveDisputeSchema, formData, async (_data, actor, raw) => {
    const { postedMinutes } = await resolveDispute(actor.id, raw);
    return { postedMinutes };
  }, { caller: "admin" });
  if (!result.ok) return result;
  revalidatePath("/admin", "layout");
  const moved = result.data.postedMinutes === 0 ? "No hours moved; the hold is released." : `${formatMinutes(result.data.postedMinutes)} moved.`;
  return { ...result, message: `Resolved. ${moved} Both members have been told.` };
}
