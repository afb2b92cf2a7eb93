"use server";
// Thin server actions for reports of excellence: who is asking -> parse -> one lib call -> revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { setReportShownSchema, writeReportSchema } from "@/lib/excellence/schemas";
import { setReportShown } from "@/lib/excellence/set-report-shown";
import { writeReport } from "@/lib/excellence/write-report";

type Saved = { id: string; shownOnProfile: boolean; recipientId: string };

export async function writeReportAction(_prev: FormState, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(writeReportSchema, formData, async (_data, actor, raw) => {
    const report = await writeReport(actor.id, raw);
    return { id: report.id, shownOnProfile: report.shownOnProfile, recipientId: report.recipientId };
  });
  if (!result.ok) return result;
  revalidatePath("/excellence");
  redirect(`/excellence/${result.data.id}?saved=written`);
}

export async function setReportShownAction(_prev: FormState, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(setReportShownSchema, formData, async (_data, actor, raw) => {
    const report = await setReportShown(actor.id, raw);
    return { id: report.id, shownOnProfile: report.shownOnProfile, recipientId: report.recipientId };
  });
  if (!result.ok) return result;
  revalidatePath("/excellence");
  revalidatePath(`/excellence/${result.data.id}`);
  revalidatePath(`/members/${result.data.recipientId}`);
  return {
    ...result,
    message: result.data.shownOnProfile ? "Shown on your profile: members who visit it can read this report." : "Hidden from your profile. Only you, its author and the bank's admins can see it.",
  };
}
