"use server";
// The method library's one action: an admin writes or edits a skill's page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { saveMethodPage, type SavedMethodPage } from "@/lib/methods/save-method-page";
import { saveMethodPageSchema } from "@/lib/methods/schemas";

export async function saveMethodPageAction(_prev: FormState, formData: FormData): Promise<ActionResult<SavedMethodPage>> {
  const result = await runAction(saveMethodPageSchema, formData, (_data, actor, raw) => saveMethodPage(actor.id, raw), { caller: "admin" });
  if (!result.ok) return result;
  revalidatePath("/methods");
  revalidatePath(`/methods/${result.data.slug}`);
  redirect(`/methods/${result.data.slug}?saved=${result.data.created ? "created" : result.data.changed.length > 0 ? "updated" : "unchanged"}`);
}
