"use client";
// The owner marks the project finished (after a confirming step) or reopens it.
import { useActionState } from "react";
import { setProjectFinishedAction } from "@/app/projects/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function FinishForm({ projectId, finished }: { projectId: string; finished: boolean }) {
  const [state, formAction] = useActionState(setProjectFinishedAction, null);
  if (finished) {
    return (
      <form action={formAction} className="space-y-3">
        <FormMessage state={state} />
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="finished" value="no" />
        <p className="text-sm text-ink-muted">Reopen it to move its stage or test more changes.</p>
        <SubmitButton variant="secondary" pendingLabel="Reopening…">
          Reopen the project
        </SubmitButton>
      </form>
    );
  }
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <details className="group">
        <summary className="inline-flex min-h-11 cursor-pointer list-none items-center rounded-lg bg-white px-4 py-2 font-semibold text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50 [&::-webkit-details-marker]:hidden">
          Mark as finished…
        </summary>
        <form action={formAction} className="mt-2 max-w-sm rounded-lg bg-brand-50 p-3 ring-1 ring-brand-200">
          <input type="hidden" name="projectId" value={projectId} />
          <input type="hidden" name="finished" value="yes" />
          <p className="text-sm text-brand-900">
            A finished project keeps its page, its requests and its history. You cannot move its stage or add cycles until you reopen it.
          </p>
          <SubmitButton className="mt-3" pendingLabel="Saving…">
            Yes, it is finished
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
