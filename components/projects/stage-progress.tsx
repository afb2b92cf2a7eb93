// The method's five steps as a progress indicator: each step's name and a plain line about it,
// the project's current step marked (and announced as the current step), earlier steps ticked.
import { PROJECT_STAGES, STAGE_EXPLANATIONS, STAGE_LABELS, type ProjectStageValue } from "@/lib/projects/stages";

export function StageProgress({ stage, finished }: { stage: ProjectStageValue; finished: boolean }) {
  const at = PROJECT_STAGES.indexOf(stage);
  return (
    <ol className="grid gap-3 md:grid-cols-5" aria-label="The project's steps" data-testid="stage-progress">
      {PROJECT_STAGES.map((s, i) => {
        const state = i < at || (finished && i === at) ? "done" : i === at ? "current" : "later";
        return (
          <li
            key={s}
            aria-current={state === "current" ? "step" : undefined}
            className={`rounded-lg border-t-4 p-3 ring-1 ${
              state === "current"
                ? "border-brand-600 bg-brand-50 ring-brand-200"
                : state === "done"
                  ? "border-green-700 bg-white ring-line"
                  : "border-line bg-white ring-line"
            }`}
            data-testid={`stage-${s}`}
          >
            <p className="flex items-center gap-2 text-sm font-semibold text-ink-muted">
              <span
                aria-hidden="true"
                className={`inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs ${
                  state === "current" ? "bg-brand-700 text-white" : state === "done" ? "bg-green-700 text-white" : "bg-page text-ink-muted ring-1 ring-line"
                }`}
              >
                {state === "done" ? "✓" : i + 1}
              </span>
              <span>
                Step {i + 1}
                <span className="sr-only">{state === "done" ? " (done)" : state === "current" ? " (the project is here)" : ""}</span>
              </span>
            </p>
            <p className={`mt-1.5 font-semibold ${state === "current" ? "text-brand-900" : "text-ink"}`}>{STAGE_LABELS[s]}</p>
            <p className="mt-1 text-sm text-ink-muted">{STAGE_EXPLANATIONS[s]}</p>
          </li>
        );
      })}
    </ol>
  );
}
