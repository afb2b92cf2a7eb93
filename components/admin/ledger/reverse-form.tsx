"use client";
// Reversing a transfer in two steps: the reason, then a summary of what will move to confirm.
import { useActionState, useId, useState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ reversalId: string }>>;

export function ReverseForm({
  transferId,
  summary,
  reasonMin,
  reasonMax,
  action,
}: {
  transferId: string;
  /** What the reversal moves, in words: "2 h 30 min from Sam Jones back to Priya Shah". */
  summary: string;
  reasonMin: number;
  reasonMax: number;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, null);
  const [step, setStep] = useState<"closed" | "reason" | "confirm">("closed");
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const id = useId();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  if (step === "closed") {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        <Button variant="danger" onClick={() => setStep("reason")}>
          Reverse this transfer…
        </Button>
      </div>
    );
  }
  const next = () => {
    const short = reason.trim().length < reasonMin;
    setTooShort(short);
    if (!short) setStep("confirm");
  };
  return (
    <form action={formAction} className="space-y-4 rounded-lg bg-red-50/50 p-4 ring-1 ring-red-200">
      <FormMessage state={state} />
      <input type="hidden" name="transferId" value={transferId} />
      {step === "reason" ? (
        <>
          <Field
            id={`${id}-reason`}
            label="Why are you reversing it?"
            hint={`Kept with the reversal for good (${reasonMin} to ${reasonMax} characters); the members it touches see it.`}
            errors={tooShort ? [`Give a reason of at least ${reasonMin} characters.`] : errors.reason}
          >
            {(aria) => <TextArea {...aria} name="reason" rows={3} maxLength={reasonMax} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" onClick={next}>
              Continue
            </Button>
            <Button variant="ghost" onClick={() => setStep("closed")}>
              Keep the transfer
            </Button>
          </div>
        </>
      ) : (
        <>
          <input type="hidden" name="reason" value={reason} />
          <div className="space-y-2" role="status">
            <p className="font-semibold">Reverse transfer #{transferId}?</p>
            <p>
              A new transfer will move {summary}, linked to this one, with your reason: “{reason.trim()}”. A transfer can be reversed only once, and the
              reversal itself cannot be reversed.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" pendingLabel="Reversing…">
              Confirm the reversal
            </SubmitButton>
            <Button variant="ghost" onClick={() => setStep("reason")}>
              Change the reason
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
