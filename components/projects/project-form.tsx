"use client";
// Starting or editing an improvement project: title, aim, measures, setting, and (when starting)
// the step of the method it starts at. What was typed stays after an error.
import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { createProjectAction, updateProjectAction } from "@/app/projects/actions";
import { FormMessage } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { AIM_MAX_CHARS, MEASURES_MAX_CHARS, PROJECT_TITLE_MAX_CHARS, SETTING_MAX_CHARS } from "@/lib/projects/schemas";
import { PROJECT_STAGES, STAGE_EXPLANATIONS, STAGE_LABELS } from "@/lib/projects/stages";

export interface ProjectFormValues {
  title: string;
  aim: string;
  measures: string;
  setting: string;
  stage: string;
}

export function ProjectForm({ projectId, initial, cancelHref }: { projectId?: string; initial?: ProjectFormValues; cancelHref: string }) {
  const editing = Boolean(projectId);
  const [state, formAction] = useActionState(editing ? updateProjectAction : createProjectAction, null);
  const [values, setValues] = useState<ProjectFormValues>(initial ?? { title: "", aim: "", measures: "", setting: "", stage: "identify" });
  const set = (name: keyof ProjectFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const stageRef = useRef<HTMLSelectElement>(null);
  const chosenStage = values.stage;
  useEffect(() => {
    // React resets a form after its action; a <select> goes back to its first option.
    if (stageRef.current) stageRef.current.value = chosenStage;
  }, [state, chosenStage]);

  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} />
      {editing ? <input type="hidden" name="projectId" value={projectId} /> : <RequestKey />}

      <Field id="title" label="Title" hint="A few words people will recognise. For example: “Antibiotics within the hour for sepsis on the AMU”." errors={errors.title}>
        {(aria) => <TextInput {...aria} name="title" value={values.title} onChange={set("title")} maxLength={PROJECT_TITLE_MAX_CHARS} required />}
      </Field>

      <Field id="aim" label="Aim" hint="What will improve, for whom, by how much and by when." errors={errors.aim}>
        {(aria) => <TextArea {...aria} name="aim" rows={4} value={values.aim} onChange={set("aim")} maxLength={AIM_MAX_CHARS} required />}
      </Field>

      <Field
        id="measures"
        label="Measures"
        hint="How you will know a change is an improvement: an outcome measure, a process measure, and a balancing measure that would show harm elsewhere."
        errors={errors.measures}
      >
        {(aria) => <TextArea {...aria} name="measures" rows={4} value={values.measures} onChange={set("measures")} maxLength={MEASURES_MAX_CHARS} required />}
      </Field>

      <Field id="setting" label="Setting" hint="Where the work happens. For example: “Ward 7 (older people), Bramley General Hospital”." errors={errors.setting}>
        {(aria) => <TextInput {...aria} name="setting" value={values.setting} onChange={set("setting")} maxLength={SETTING_MAX_CHARS} required />}
      </Field>

      {!editing && (
        <Field id="stage" label="Where are you in the method?" hint={STAGE_EXPLANATIONS[chosenStage as keyof typeof STAGE_EXPLANATIONS] ?? "Most projects start at the first step."} errors={errors.stage}>
          {(aria) => (
            <Select {...aria} ref={stageRef} name="stage" defaultValue={chosenStage} onChange={set("stage")}>
              {PROJECT_STAGES.map((s, i) => (
                <option key={s} value={s}>
                  Step {i + 1}: {STAGE_LABELS[s]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <SubmitButton pendingLabel={editing ? "Saving…" : "Starting…"}>{editing ? "Save changes" : "Start the project"}</SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
