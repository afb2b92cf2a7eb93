"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { formatMinutes } from "@/lib/format/minutes";
import { donateHours, type DonationResult } from "@/lib/members/donate-hours";
import { donateSchema } from "@/lib/members/schemas";

export async function donateAction(_prev: FormState, formData: FormData): Promise<ActionResult<DonationResult>> {
  const result = await runAction(donateSchema, formData, (_data, actor, raw) => donateHours(actor.id, raw));
  if (!result.ok) return result;
  revalidatePath("/dashboard");
  const parsed = donateSchema.safeParse(Object.fromEntries(formData.entries()));
  const amount = parsed.success ? formatMinutes(parsed.data.minutes) : "The hours";
  return { ...result, message: `Thank you: ${amount} given.` };
}
