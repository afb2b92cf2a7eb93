"use server";
// Thin server action for certificates: who is asking -> parse -> one lib call -> revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { issueCertificate, type IssuedCertificate } from "@/lib/certificates/issue-certificate";
import { issueCertificateSchema } from "@/lib/certificates/schemas";

export async function issueCertificateAction(_prev: FormState, formData: FormData): Promise<ActionResult<IssuedCertificate>> {
  const result = await runAction(issueCertificateSchema, formData, async (_data, actor, raw) => issueCertificate(actor.id, raw));
  if (!result.ok) return result;
  revalidatePath("/certificates");
  redirect(`/certificates?${result.data.replayed ? "same" : "issued"}=${result.data.id}#issued`);
}
