"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<unknown>>;

/** A checkbox per notification kind: ticked means "email me". */
export function EmailPreferencesForm({ action, kinds, optedOut }: { action: Action; kinds: { kind: string; label: string }[]; optedOut: string[] }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <fieldset>
        <legend className="font-semibold text-ink">Email me when…</legend>
        <p className="text-sm text-ink-muted">You always see every notification in the app; this only decides which also come by email.</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {kinds.map((k) => (
            <li key={k.kind}>
              <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg bg-page px-3 py-2.5 ring-1 ring-line">
                <input type="checkbox" name="kinds[]" value={k.kind} defaultChecked={!optedOut.includes(k.kind)} className="mt-1 size-4 shrink-0 accent-brand-600" />
                <span className="min-w-0 break-words">{k.label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save email settings</SubmitButton>
    </form>
  );
}
