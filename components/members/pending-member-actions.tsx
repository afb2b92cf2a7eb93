"use client";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { DECLINE_REASON_MAX_CHARS, DECLINE_REASON_MIN_CHARS } from "@/lib/members/schemas";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<null>>;

/** Approve, or decline with a reason the member will see. */
export function PendingMemberActions({ memberId, memberName, approve, decline }: { memberId: string; memberName: string; approve: Action; decline: Action }) {
  const [approveState, approveAction] = useActionState(approve, null);
  const [declineState, declineAction] = useActionState(decline, null);
  const [declining, setDeclining] = useState(false);
  const errors = declineState && !declineState.ok ? (declineState.fieldErrors ?? {}) : {};
  const reasonId = `reason-${memberId}`;

  if (approveState?.ok || declineState?.ok) return <FormMessage state={approveState?.ok ? approveState : declineState} />;

  return (
    <div className="space-y-3">
      <FormMessage state={approveState} />
      <FormMessage state={declineState} />
      <div className="flex flex-wrap gap-2">
        <form action={approveAction}>
          <input type="hidden" name="memberId" value={memberId} />
          <SubmitButton pendingLabel="Approving…">Approve {memberName}</SubmitButton>
        </form>
        {!declining && (
          <Button variant="danger" onClick={() => setDeclining(true)} aria-expanded={false} aria-controls={reasonId}>
            Decline…
          </Button>
        )}
      </div>
      {declining && (
        <form action={declineAction} className="space-y-3 rounded-lg bg-red-50/50 p-4 ring-1 ring-red-200">
          <input type="hidden" name="memberId" value={memberId} />
          <Field
            id={reasonId}
            label="Why are you declining?"
            hint={`The member sees this reason (${DECLINE_REASON_MIN_CHARS} to ${DECLINE_REASON_MAX_CHARS} characters). Be kind and say what they can do.`}
            errors={errors.reason}
          >
            {(aria) => <TextArea {...aria} name="reason" rows={3} maxLength={DECLINE_REASON_MAX_CHARS} autoFocus />}
          </Field>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" pendingLabel="Declining…">
              Decline {memberName}
            </SubmitButton>
            <Button variant="ghost" onClick={() => setDeclining(false)}>
              Keep pending
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
