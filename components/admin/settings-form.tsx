"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { controlClass, Field, FieldNotes, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { MAX_WELCOME_GRANT_MINUTES } from "@/lib/admin/schemas";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ changed: number }>>;

export interface SettingsValues {
  name: string;
  joiningMode: "approval" | "open";
  welcomeGrantMinutes: number;
  defaultFloorMinutes: number;
}

/** The bank's settings. Each change is saved with who made it and what it was before. */
export function SettingsForm({ values, action }: { values: SettingsValues; action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-6">
      <FormMessage state={state} />
      <Field id="name" label="The bank's name" hint="Shown on every page and in every email." errors={errors.name}>
        {(aria) => <TextInput {...aria} name="name" defaultValue={values.name} maxLength={80} required />}
      </Field>

      <fieldset className="space-y-2" aria-describedby={errors.joiningMode ? "joiningMode-error" : undefined}>
        <legend className="font-semibold text-ink">How new members join</legend>
        <FieldNotes id="joiningMode" errors={errors.joiningMode} />
        {(
          [
            ["approval", "An admin approves each new member", "New members can look around but cannot trade until an admin approves them."],
            ["open", "Open joining", "Anyone who signs in and finishes their profile can trade at once (and gets the welcome grant)."],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value} className="flex gap-3 rounded-lg p-3 ring-1 ring-line has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
            <input type="radio" name="joiningMode" value={value} defaultChecked={values.joiningMode === value} className="mt-1 size-5" />
            <span>
              <span className="block font-semibold">{label}</span>
              <span className="block text-sm text-ink-muted">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <TimeFields
        id="welcomeGrantMinutes"
        legend="Welcome grant"
        hint={`Hours every newly approved member starts with, from the bank's issuance account (0 for none; at most ${MAX_WELCOME_GRANT_MINUTES / 60} hours). Members already approved are not affected.`}
        errors={errors.welcomeGrantMinutes}
        maxMinutes={MAX_WELCOME_GRANT_MINUTES}
        defaultMinutes={values.welcomeGrantMinutes}
      />

      <Field
        id="defaultFloorHours"
        label="Floor for new members (hours below zero)"
        hint="How far below zero a new member's account may go. Existing members keep theirs; change one member's floor on their page."
        errors={errors.defaultFloorMinutes}
      >
        {(aria) => (
          <input
            {...aria}
            name="defaultFloorHours"
            type="number"
            inputMode="decimal"
            min={0}
            max={1000}
            step="any"
            defaultValue={String(-values.defaultFloorMinutes / 60)}
            className={controlClass("w-32")}
          />
        )}
      </Field>

      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
