"use client";
// One small form per exchange step. Each posts only the exchange id (and its own fields); the
// server decides again whether this member may take the step now.
import { useActionState, useState } from "react";
import {
  acceptExchangeAction,
  cancelExchangeAction,
  confirmExchangeAction,
  declineExchangeAction,
  deliverExchangeAction,
  disputeExchangeAction,
  thankExchangeAction,
} from "@/app/exchanges/actions";
import { FormMessage } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { TimeFields } from "@/components/ui/time-fields";

type StepAction = (prev: FormState, formData: FormData) => Promise<ActionResult<unknown>>;

const MAX_TEXT = 1000;

function OneButtonForm({
  action,
  exchangeId,
  label,
  pendingLabel,
  variant = "primary",
  testId,
}: {
  action: StepAction;
  exchangeId: string;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  testId: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2" data-testid={testId}>
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <SubmitButton variant={variant} pendingLabel={pendingLabel} className="w-full sm:w-auto">
        {label}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function AcceptForm({ exchangeId, label }: { exchangeId: string; label: string }) {
  return <OneButtonForm action={acceptExchangeAction} exchangeId={exchangeId} label={label} pendingLabel="Accepting…" testId="step-accept" />;
}

const MAX_DECLINE_REASON = 500;

/** Declining asks once more, with room for an optional reason that the proposer is told. */
export function DeclineForm({ exchangeId, otherName }: { exchangeId: string; otherName: string }) {
  const [asking, setAsking] = useState(false);
  const [state, formAction] = useActionState(declineExchangeAction, null);
  const [reason, setReason] = useState("");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className={asking ? "w-full basis-full" : ""} data-testid="step-decline">
      {!asking ? (
        <Button variant="secondary" onClick={() => setAsking(true)} className="w-full sm:w-auto">
          Decline
        </Button>
      ) : (
        <form action={formAction} className="space-y-3 rounded-lg bg-page p-4 ring-1 ring-line" noValidate data-testid="step-decline-confirm">
          <input type="hidden" name="exchangeId" value={exchangeId} />
          <p className="font-semibold text-ink">Decline this proposal?</p>
          <p className="text-sm text-ink">{otherName} is told, with your reason if you give one. Nothing is taken from anyone&apos;s hours.</p>
          {state && !state.ok && <FormMessage state={state} />}
          <Field id="decline-reason" label="Why are you declining?" optional hint={`${otherName} will see this. Up to ${MAX_DECLINE_REASON} characters.`} errors={errors?.reason}>
            {(aria) => (
              <TextArea {...aria} name="reason" rows={2} maxLength={MAX_DECLINE_REASON} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
            )}
          </Field>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" pendingLabel="Declining…">
              Yes, decline it
            </SubmitButton>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              Keep it
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

export function ConfirmForm({ exchangeId, label }: { exchangeId: string; label: string }) {
  return <OneButtonForm action={confirmExchangeAction} exchangeId={exchangeId} label={label} pendingLabel="Confirming…" testId="step-confirm" />;
}

/** Cancelling asks once more before it is sent. */
export function CancelForm({ exchangeId, consequence }: { exchangeId: string; consequence: string }) {
  const [asking, setAsking] = useState(false);
  const [state, formAction] = useActionState(cancelExchangeAction, null);
  if (!asking) {
    return (
      <Button variant="danger" onClick={() => setAsking(true)} className="w-full sm:w-auto" data-testid="step-cancel">
        Cancel exchange
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-3 rounded-lg bg-red-50 p-4 ring-1 ring-red-200" data-testid="step-cancel-confirm">
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <p className="font-semibold text-red-900">Cancel this exchange?</p>
      <p className="text-sm text-red-900">{consequence}</p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel="Cancelling…">
          Yes, cancel it
        </SubmitButton>
        <Button variant="secondary" onClick={() => setAsking(false)} autoFocus>
          Keep it
        </Button>
      </div>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function DeliverForm({ exchangeId, agreedMinutes, agreedLabel }: { exchangeId: string; agreedMinutes: number; agreedLabel: string }) {
  const [state, formAction] = useActionState(deliverExchangeAction, null);
  const [submitted, setSubmitted] = useState<{ hours?: string; mins?: string; note?: string } | undefined>();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      action={(fd) => {
        setSubmitted({ hours: String(fd.get("hours") ?? ""), mins: String(fd.get("mins") ?? ""), note: String(fd.get("note") ?? "") });
        return formAction(fd);
      }}
      className="space-y-4"
      noValidate
      data-testid="step-deliver"
    >
      <h3 className="text-lg font-semibold text-ink">Record the help you gave</h3>
      {state && !state.ok && <FormMessage state={state} />}
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <TimeFields
        id="minutesGiven"
        legend="How long did it take?"
        hint={`Up to the ${agreedLabel} you agreed. If it took longer, agree a further exchange for the extra time.`}
        errors={errors?.minutesGiven}
        maxMinutes={agreedMinutes}
        defaultMinutes={agreedMinutes}
        values={submitted}
      />
      <Field id="deliver-note" label="What you did" optional hint={`Up to ${MAX_TEXT} characters.`} errors={errors?.note}>
        {(aria) => <TextArea {...aria} name="note" rows={3} maxLength={MAX_TEXT} defaultValue={submitted?.note} />}
      </Field>
      <SubmitButton pendingLabel="Recording…">Record help given</SubmitButton>
    </form>
  );
}

export function DisputeForm({ exchangeId }: { exchangeId: string }) {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState(disputeExchangeAction, null);
  const [reason, setReason] = useState("");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (!open) {
    return (
      <Button variant="danger" onClick={() => setOpen(true)} className="w-full sm:w-auto" data-testid="step-dispute">
        Something is wrong: dispute
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-3 rounded-lg bg-red-50 p-4 ring-1 ring-red-200" noValidate data-testid="step-dispute-form">
      <input type="hidden" name="exchangeId" value={exchangeId} />
      {state && !state.ok && <FormMessage state={state} />}
      <Field
        id="dispute-reason"
        label="What is wrong?"
        hint="An admin reads this and decides what moves. The hours stay held until then. At least 10 characters."
        errors={errors?.reason}
      >
        {(aria) => <TextArea {...aria} name="reason" rows={3} maxLength={MAX_TEXT} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel="Sending…">
          Dispute this exchange
        </SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Never mind
        </Button>
      </div>
    </form>
  );
}

export function ThankForm({ exchangeId, otherName }: { exchangeId: string; otherName: string }) {
  const [state, formAction] = useActionState(thankExchangeAction, null);
  const [thanks, setThanks] = useState("");
  const [learned, setLearned] = useState("");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="step-thank">
      <h3 className="text-lg font-semibold text-ink">Say thank you to {otherName}</h3>
      {state && !state.ok && <FormMessage state={state} />}
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <Field id="thanks" label="Your thanks" hint={`${otherName} will see this. Up to ${MAX_TEXT} characters.`} errors={errors?.thanks}>
        {(aria) => <TextArea {...aria} name="thanks" rows={3} maxLength={MAX_TEXT} value={thanks} onChange={(e) => setThanks(e.target.value)} />}
      </Field>
      <Field id="learned" label="What I learned" optional hint="A line or two for your own record and for the bank's impact report." errors={errors?.learned}>
        {(aria) => <TextArea {...aria} name="learned" rows={3} maxLength={MAX_TEXT} value={learned} onChange={(e) => setLearned(e.target.value)} />}
      </Field>
      <SubmitButton variant="primary" pendingLabel="Sending…">
        Send thanks
      </SubmitButton>
    </form>
  );
}
