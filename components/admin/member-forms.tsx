"use client";
// The forms on an admin's member page: suspend or reactivate with a reason, and set the floor.
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { REASON_MAX_CHARS, REASON_MIN_CHARS } from "@/lib/admin/schemas";

type Action<T = null> = (prev: FormState, formData: FormData) => Promise<ActionResult<T>>;

const errorsOf = (state: FormState) => (state && !state.ok ? (state.fieldErrors ?? {}) : {});

function ReasonField({ id, label, hint, errors }: { id: string; label: string; hint: string; errors?: string[] }) {
  return (
    <Field id={id} label={label} hint={`${hint} (${REASON_MIN_CHARS} to ${REASON_MAX_CHARS} characters)`} errors={errors}>
      {(aria) => <TextArea {...aria} name="reason" rows={3} maxLength={REASON_MAX_CHARS} required minLength={REASON_MIN_CHARS} />}
    </Field>
  );
}

/** Suspend (an active member) or reactivate (a suspended one), with a reason the member is sent. */
export function MemberStatusForm({ memberId, memberName, mode, action }: { memberId: string; memberName: string; mode: "suspend" | "reactivate"; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const suspend = mode === "suspend";
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="memberId" value={memberId} />
      <ReasonField
        id={`${mode}-reason`}
        label={suspend ? `Why are you suspending ${memberName}?` : `Why are you reactivating ${memberName}?`}
        hint="The member is sent this with the notice, and it goes in the audit log"
        errors={errorsOf(state).reason}
      />
      <SubmitButton variant={suspend ? "danger" : "primary"} pendingLabel={suspend ? "Suspending…" : "Reactivating…"}>
        {suspend ? `Suspend ${memberName}` : `Reactivate ${memberName}`}
      </SubmitButton>
    </form>
  );
}

/** How far below zero this member may go, counting hours held for agreed exchanges. */
export function MemberFloorForm({ memberId, floorMinutes, action }: { memberId: string; floorMinutes: number; action: Action<{ floorMinutes: number }> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = errorsOf(state);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="memberId" value={memberId} />
      <TimeFields
        id="floor"
        legend="How far below zero may they go?"
        hint="0 means they can only spend hours they have. Hours held for agreed exchanges count."
        errors={errors.floorMinutesBelowZero}
        maxMinutes={60_000}
        defaultMinutes={-floorMinutes}
      />
      <ReasonField id="floor-reason" label="Why?" hint="Goes in the audit log" errors={errors.reason} />
      <SubmitButton pendingLabel="Saving…">Save floor</SubmitButton>
    </form>
  );
}
