"use client";
import { useActionState } from "react";
import { markReadAction } from "@/app/notifications/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export function MarkReadForm({ id, label }: { id?: string; label: string }) {
  const [state, action] = useActionState(markReadAction, null);
  return (
    <form action={action}>
      {id && <input type="hidden" name="id" value={id} />}
      <SubmitButton variant={id ? "ghost" : "secondary"} pendingLabel="Marking…" className={id ? "min-h-9 px-2 text-sm" : ""}>
        {label}
      </SubmitButton>
      {state && !state.ok && <p className="text-sm text-red-800" role="alert">{state.message}</p>}
    </form>
  );
}
