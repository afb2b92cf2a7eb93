"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { formatMinutes } from "@/lib/format/minutes";
import {
  checkSchema,
  correctionSchema,
  postCorrection,
  reverseSchema,
  reverseTransfer,
  runCheck,
  type CorrectionResult,
  type ReversalResult,
} from "@/lib/ledger-admin/corrections";

export async function runCheckAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ ok: boolean; problemCount: number }>> {
  const result = await runAction(
    checkSchema,
    formData,
    async (_data, actor, raw) => {
      const run = await runCheck(actor.id, raw);
      return { ok: run.ok, problemCount: run.problemCount };
    },
    { caller: "admin" },
  );
  if (!result.ok) return result;
  revalidatePath("/admin/ledger");
  revalidatePath("/admin");
  const { ok, problemCount } = result.data;
  return { ...result, message: ok ? "Checked: no problems." : `Checked: ${problemCount} problem${problemCount === 1 ? "" : "s"} found. They are listed above.` };
}

export async function reverseTransferAction(_prev: FormState, formData: FormData): Promise<ActionResult<ReversalResult>> {
  const result = await runAction(reverseSchema, formData, (_data, actor, raw) => reverseTransfer(actor.id, raw), { caller: "admin" });
  if (!result.ok) return result;
  revalidatePath("/admin/ledger", "layout");
  return { ...result, message: `Reversed: the hours moved back in transfer #${result.data.reversalId}.` };
}

export async function postCorrectionAction(_prev: FormState, formData: FormData): Promise<ActionResult<CorrectionResult>> {
  const result = await runAction(correctionSchema, formData, (_data, actor, raw) => postCorrection(actor.id, raw), { caller: "admin" });
  if (!result.ok) return result;
  revalidatePath("/admin/ledger", "layout");
  const what = result.data.replayed ? "This correction was already posted" : `Posted: ${formatMinutes(result.data.minutes)}`;
  return { ...result, message: `${what} (transfer #${result.data.transferId}).` };
}
