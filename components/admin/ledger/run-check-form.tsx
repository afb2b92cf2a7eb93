"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";
import type { LedgerCheckKind } from "@/lib/ledger";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ ok: boolean; problemCount: number }>>;

/** "Run now" for one check; the panel above it shows the new result once the page reloads its data. */
export function RunCheckForm({ kind, label, action }: { kind: LedgerCheckKind; label: string; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="kind" value={kind} />
      <SubmitButton variant="secondary" pendingLabel="Checking…">
        Run now<span className="sr-only">: {label}</span>
      </SubmitButton>
      <div aria-live="polite">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
