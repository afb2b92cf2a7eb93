"use client";
// The recipient's switch: show a report of excellence on their profile, or hide it again.
import { useActionState } from "react";
import { setReportShownAction } from "@/app/excellence/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function ShowOnProfileForm({ reportId, shown, authorFirstName }: { reportId: string; shown: boolean; authorFirstName: string }) {
  const [state, formAction] = useActionState(setReportShownAction, null);
  const isShown = state?.ok ? state.data.shownOnProfile : shown;
  return (
    <div className="space-y-2" data-testid="show-on-profile">
      <FormMessage state={state} />
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="shown" value={isShown ? "false" : "true"} />
        <p className="text-sm text-ink-muted" data-testid="shown-state">
          {isShown ? "Shown on your profile." : "Not on your profile: only you, the author and admins can see it."}
        </p>
        <SubmitButton variant="secondary" className="min-h-10 px-3 text-sm" pendingLabel="Saving…">
          {isShown ? "Hide from my profile" : "Show on my profile"}
          <span className="sr-only"> (the report from {authorFirstName})</span>
        </SubmitButton>
      </form>
    </div>
  );
}
