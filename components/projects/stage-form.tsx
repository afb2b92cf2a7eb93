"use client";
// The owner moves the project to another step of the method, forward or back, with a note.
import { useActionState, useState } from "react";
import { moveProjectStageAction } from "@/app/projects/actions";
import { FormMessage } from "@/components/ui/alert";
import { Field, Select, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { STAGE_NOTE_MAX_CHARS } from "@/lib/projects/schemas";
import { nextStage, PROJECT_STAGES, STAGE_LABELS, type ProjectStageValue } from "@/lib/projects/stages";

export function StageForm({ projectId, stage }: { projectId: string; stage: ProjectStageValue }) {
  const [state, formAction] = useActionState(moveProjectStageAction, null);
  const [chosen, setChosen] = useState<string>(nextStage(stage) ?? stage);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="projectId" value={projectId} />
      <Field id="move-stage" label="Move to" hint={`Now at “${STAGE_LABELS[stage]}”. Going back a step is part of the method too.`} errors={errors.stage}>
        {(aria) => (
          <Select {...aria} name="stage" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {PROJECT_STAGES.map((s, i) => (
              <option key={s} value={s} disabled={s === stage}>
                Step {i + 1}: {STAGE_LABELS[s]}
                {s === stage ? " (now)" : ""}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="stage-note" label="Note" optional hint="Why now: what you found, decided or learned. Followers see it." errors={errors.note}>
        {(aria) => <TextArea {...aria} name="note" rows={3} maxLength={STAGE_NOTE_MAX_CHARS} />}
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Moving…">
        Move the project
      </SubmitButton>
    </form>
  );
}
