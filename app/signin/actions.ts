"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { captureRequestContext, withRequestContext } from "@/lib/audit/context";
import { signIn, signOut } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { emailSchema } from "@/lib/auth/email-address";
import { fieldErrorsOf } from "@/lib/actions/run";
import type { FormState } from "@/lib/actions/result";
import { RateLimitedError } from "@/lib/rate-limit/consume";
import { limitSignInEmail } from "@/lib/rate-limit/sign-in";

const signInInput = z.object({ email: emailSchema, callbackUrl: z.string().optional() });

/** Sends a sign-in link. Anyone may ask; the answer does not say whether the address is a member. */
export async function requestSignInLink(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInInput.safeParse({ email: formData.get("email") ?? "", callbackUrl: formData.get("callbackUrl") ?? undefined });
  if (!parsed.success) {
    return { ok: false, message: "Please check your email address.", fieldErrors: fieldErrorsOf(parsed.error) };
  }
  // Counted before next-auth sends anything: per address and per client (lib/rate-limit).
  const context = await captureRequestContext();
  try {
    await withRequestContext(context, () => limitSignInEmail(parsed.data.email, context.ip));
  } catch (err) {
    if (err instanceof RateLimitedError) return { ok: false, message: err.message, code: err.code };
    throw err;
  }
  try {
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: safeCallbackUrl(parsed.data.callbackUrl), redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      console.error("[auth] sign-in link not sent", err.cause ?? err);
      return { ok: false, message: "We could not send the sign-in email just now. Please try again in a minute." };
    }
    throw err;
  }
  // The address goes with the member to the next page, so they can spot a typo.
  redirect(`/signin/check-email?to=${encodeURIComponent(parsed.data.email)}`);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
