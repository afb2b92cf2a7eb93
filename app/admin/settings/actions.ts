"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { bankSettingsSchema } from "@/lib/admin/schemas";
import { updateBankSettings } from "@/lib/admin/settings";

export async function saveBankSettingsAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ changed: number }>> {
  const result = await runAction(bankSettingsSchema, formData, async (_data, actor, raw) => {
    const changes = await updateBankSettings(actor.id, raw);
    return { changed: Object.keys(changes).length };
  }, { caller: "admin" });
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  return { ...result, message: result.data.changed === 0 ? "Nothing to save: the settings were already like this." : "Saved. The change is in the audit log." };
}
