"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { profileSchema } from "@/lib/members/schemas";
import { updateProfile } from "@/lib/members/update-profile";

export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(profileSchema, formData, async (_data, actor, raw) => {
    await updateProfile(actor.id, raw);
    return null;
  }, { caller: "signed-in", message: "Your profile is saved." });
  if (result.ok) {
    revalidatePath("/profile");
    revalidatePath("/members/[id]", "page");
  }
  return result;
}
