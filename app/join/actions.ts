"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { completeProfile, type CompleteProfileResult } from "@/lib/members/complete-profile";
import { profileSchema } from "@/lib/members/schemas";

export async function completeProfileAction(_prev: FormState, formData: FormData): Promise<ActionResult<CompleteProfileResult>> {
  const result = await runAction(profileSchema, formData, (_data, actor, raw) => completeProfile(actor.id, raw), { caller: "signed-in" });
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  redirect("/dashboard");
}
