"use client";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Field, FieldNotes, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { RESOLUTION_NOTE_MAX_CHARS, RESOLUTION_NOTE_MIN_CHARS } from "@/lib/disputes/schemas";
import { formatMinutes } from "@/lib/format/minutes";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ postedMinutes: number }>>;
type Outcome = "recorded" | "amount" | "void";

/** Settle a dispute: post what was recorded, post another amount up to what is held, or void it. */
export function ResolveDisputeForm({
  exchangeId,
  recordedMinutes,
  heldMinutes,
  action,
}: {
  exchangeId: string;
  recordedMinutes: number;
  heldMinutes: number;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, null);
  const [outcome, setOutcome] = useState<Outcome>("recorded");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) return <FormMessage state={state} />;
  const choices: [Outcome, string, string][] = [
    ["recorded", `Post the ${formatMinutes(recordedMinutes)} recorded`, "The provider's record stands: the hours move as if the payer had confirmed."],
    ["amount", "Post a different amount", `Any amount up to the ${formatMinutes(heldMinutes)} held; the rest of the hold is released.`],
    ["void", "Void it: no hours move", "The held hours go back to the member who was helped."],
  ];
  return (
    <form action={formAction} className="space-y-5">
      <FormMessage state={state} />
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <fieldset className="space-y-2">
        <legend className="font-semibold text-ink">How do you settle it?</legend>
        <FieldNotes id="outcome" errors={errors.outcome} />
        {choices.map(([value, label, hint]) => (
          <label key={value} className="flex gap-3 rounded-lg p-3 ring-1 ring-line has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
            <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} className="mt-1 size-5" />
            <span>
              <span className="block font-semibold">{label}</span>
              <span className="block text-sm text-ink-muted">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {outcome === "amount" && (
        <TimeFields id="minutes" legend="Hours to post" hint={`At most ${formatMinutes(heldMinutes)}.`} errors={errors.minutes} maxMinutes={heldMinutes} />
      )}
      <Field
        id="note"
        label="Note to both members"
        hint={`Both members are sent this with the outcome (${RESOLUTION_NOTE_MIN_CHARS} to ${RESOLUTION_NOTE_MAX_CHARS} characters).`}
        errors={errors.note}
      >
        {(aria) => <TextArea {...aria} name="note" rows={4} maxLength={RESOLUTION_NOTE_MAX_CHARS} required minLength={RESOLUTION_NOTE_MIN_CHARS} />}
      </Field>
      <SubmitButton pendingLabel="Resolving…">Resolve the dispute</SubmitButton>
    </form>
  );
}
