"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<unknown>>;

export function CloseAccountForm({ action, confirmWord }: { action: Action; confirmWord: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <Field id="confirm" label={`Type ${confirmWord} to confirm`} errors={errors.confirm}>
        {(aria) => <TextInput {...aria} name="confirm" autoComplete="off" autoCapitalize="characters" spellCheck={false} className="max-w-xs" />}
      </Field>
      <SubmitButton variant="danger" pendingLabel="Closing…">
        Close my account
      </SubmitButton>
    </form>
  );
}
