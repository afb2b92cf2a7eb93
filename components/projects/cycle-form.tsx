"use client";
// A PDSA cycle: planning a new one (the change, the plan, the prediction), or, for one that is not
// complete yet, changing its plan and recording what happened, what was learned and the decision.
import Link from "next/link";
import { useActionState, useState } from "react";
import { addCycleAction, updateCycleAction } from "@/app/projects/actions";
import { FormMessage } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, FieldNotes, describedByOf, TextArea, TextInput } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { CYCLE_TEXT_MAX_CHARS, CYCLE_TITLE_MAX_CHARS, DECISION_LABELS, PDSA_DECISIONS } from "@/lib/projects/schemas";

export interface CycleFormValues {
  title: string;
  plan: string;
  prediction: string;
  happened: string;
  learned: string;
  decision: string;
}

const EMPTY: CycleFormValues = { title: "", plan: "", prediction: "", happened: "", learned: "", decision: "" };

export function CycleForm({ projectId, cycleId, initial, cancelHref }: { projectId: string; cycleId?: string; initial?: CycleFormValues; cancelHref: string }) {
  const editing = Boolean(cycleId);
  const [state, formAction] = useActionState(editing ? updateCycleAction : addCycleAction, null);
  const [values, setValues] = useState<CycleFormValues>(initial ?? EMPTY);
  const set = (name: keyof CycleFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const decisionHint = "Choosing one completes the cycle: it can no longer be changed. Leave it blank to save what you have so far.";
  const decisionNotes = describedByOf("decision", decisionHint, errors.decision);

  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} />
      {editing ? <input type="hidden" name="cycleId" value={cycleId} /> : <RequestKey />}
      {!editing && <input type="hidden" name="projectId" value={projectId} />}

      <fieldset className="space-y-5">
        <legend className="text-lg font-semibold text-brand-900">Plan and prediction</legend>
        <Field id="title" label="The change you are testing" hint="For example: “Sepsis trolley on the AMU with antibiotics pre-packed”." errors={errors.title}>
          {(aria) => <TextInput {...aria} name="title" value={values.title} onChange={set("title")} maxLength={CYCLE_TITLE_MAX_CHARS} required />}
        </Field>
        <Field id="plan" label="Plan" hint="Who will do what, where, when and for how long, and what you will measure." errors={errors.plan}>
          {(aria) => <TextArea {...aria} name="plan" rows={4} value={values.plan} onChange={set("plan")} maxLength={CYCLE_TEXT_MAX_CHARS} required />}
        </Field>
        <Field id="prediction" label="Prediction" hint="What you think will happen, written before you test." errors={errors.prediction}>
          {(aria) => <TextArea {...aria} name="prediction" rows={3} value={values.prediction} onChange={set("prediction")} maxLength={CYCLE_TEXT_MAX_CHARS} required />}
        </Field>
      </fieldset>

      {editing && (
        <div className="border-t border-line pt-5">
          <fieldset className="space-y-5">
            <legend className="text-lg font-semibold text-brand-900">Do, study and act</legend>
            <Field id="happened" label="What happened" optional hint="Do and study: what you saw and what the data showed, compared with the prediction." errors={errors.happened}>
              {(aria) => <TextArea {...aria} name="happened" rows={4} value={values.happened} onChange={set("happened")} maxLength={CYCLE_TEXT_MAX_CHARS} />}
            </Field>
            <Field id="learned" label="What was learned" optional hint="Act: what this tells you about the change and the system." errors={errors.learned}>
              {(aria) => <TextArea {...aria} name="learned" rows={4} value={values.learned} onChange={set("learned")} maxLength={CYCLE_TEXT_MAX_CHARS} />}
            </Field>
            <fieldset className="space-y-2" aria-describedby={decisionNotes.describedBy}>
              <legend className="font-semibold text-ink">
                Decision <span className="font-normal text-ink-muted">(optional)</span>
              </legend>
              <FieldNotes id="decision" hint={decisionHint} errors={errors.decision} />
              <div className="grid gap-2 sm:grid-cols-2">
                <Choice name="decision" value="" label="Not decided yet" hint="The test is still running." checked={values.decision === ""} onChange={set("decision")} />
                {PDSA_DECISIONS.map((d) => (
                  <Choice key={d} name="decision" value={d} label={DECISION_LABELS[d].label} hint={DECISION_LABELS[d].hint} checked={values.decision === d} onChange={set("decision")} />
                ))}
              </div>
            </fieldset>
          </fieldset>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <SubmitButton pendingLabel="Saving…">{editing ? "Save the cycle" : "Add the cycle"}</SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

function Choice({ name, value, label, hint, checked, onChange }: { name: string; value: string; label: string; hint: string; checked: boolean; onChange: (e: { target: { value: string } }) => void }) {
  const id = `${name}-${value || "none"}`;
  return (
    <label htmlFor={id} className="flex cursor-pointer items-start gap-3 rounded-lg bg-white p-3 ring-1 ring-line has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600">
      <input id={id} type="radio" name={name} value={value} checked={checked} onChange={onChange} className="mt-1 size-4 accent-brand-700" />
      <span>
        <span className="block font-semibold text-ink">{label}</span>
        <span className="block text-sm text-ink-muted">{hint}</span>
      </span>
    </label>
  );
}
