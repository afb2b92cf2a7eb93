"use client";
import { useActionState } from "react";
import { requestSignInLink } from "@/app/signin/actions";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(requestSignInLink, null);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field id="email" label="Email address" hint="Use your work address. We will email you a link that signs you in." errors={state && !state.ok ? state.fieldErrors?.email : undefined}>
        {(aria) => <TextInput {...aria} name="email" type="email" autoComplete="email" inputMode="email" required spellCheck={false} />}
      </Field>
      <SubmitButton pendingLabel="Sending the link…" className="w-full sm:w-auto">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
