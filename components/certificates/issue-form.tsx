"use client";
// Issues the certificate for the period previewed above it. The server computes the totals again
// when it issues, so what is printed is what the ledger says at that moment.
import { useActionState } from "react";
import { issueCertificateAction } from "@/app/certificates/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Period } from "@/lib/certificates/period";

export function IssueForm({ period }: { period: Period }) {
  const [state, formAction] = useActionState(issueCertificateAction, null);
  const errors = state && !state.ok ? Object.values(state.fieldErrors ?? {}).flat() : [];
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      {errors.length > 0 && (
        <ul className="list-disc pl-5 text-sm font-semibold text-red-800">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <input type="hidden" name="from" value={period.from} />
      <input type="hidden" name="to" value={period.to} />
      <SubmitButton pendingLabel="Issuing…">Issue the certificate</SubmitButton>
    </form>
  );
}
