"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { closeAccount, type CloseAccountResult } from "@/lib/members/close-account";
import { setEmailPreferences } from "@/lib/members/email-preferences";
import { closeAccountSchema, emailPreferencesSchema } from "@/lib/members/schemas";

/** next-auth's session cookie names (plain and, over HTTPS, __Secure-). */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export async function emailPreferencesAction(_prev: FormState, formData: FormData): Promise<ActionResult<unknown>> {
  const result = await runAction(emailPreferencesSchema, formData, (_data, actor, raw) => setEmailPreferences(actor.id, raw), {
    caller: "signed-in",
    message: "Your email settings are saved.",
  });
  if (result.ok) revalidatePath("/settings");
  return result;
}

export async function closeAccountAction(_prev: FormState, formData: FormData): Promise<ActionResult<CloseAccountResult>> {
  const result = await runAction(closeAccountSchema, formData, (_data, actor, raw) => closeAccount(actor.id, raw), { caller: "signed-in" });
  if (!result.ok) return result;
  // closeAccount deleted the session rows; the cookie goes too, so the browser forgets it at once.
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  revalidatePath("/", "layout");
  redirect("/settings/closed");
}
