// The step-by-step method an improvement project moves through, in order (the project_stage enum),
// with the words members see. Shared by the project pages and the reports.
export const PROJECT_STAGES = ["identify", "understand", "aim", "test", "sustain"] as const;
export type ProjectStageValue = (typeof PROJECT_STAGES)[number];

export const STAGE_LABELS: Record<ProjectStageValue, string> = {
  identify: "Identify the problem",
  understand: "Understand it",
  aim: "Set an aim and measures",
  test: "Test changes in PDSA cycles",
  sustain: "Sustain and spread",
};

/** Short names for a chart's axis. */
export const STAGE_SHORT_LABELS: Record<ProjectStageValue, string[]> = {
  identify: ["Identify"],
  understand: ["Understand"],
  aim: ["Aim and", "measures"],
  test: ["Test", "(PDSA)"],
  sustain: ["Sustain", "and spread"],
};

/** One plain line on each step, for the project page's progress indicator and the stage form. */
export const STAGE_EXPLANATIONS: Record<ProjectStageValue, string> = {
  identify: "Name the problem and why it matters to patients, families and staff.",
  understand: "Find out how the system works now: map the process, listen, look at the data.",
  aim: "Say what will improve, by how much and by when, and how you will measure it.",
  test: "Try changes on a small scale, one plan-do-study-act cycle at a time.",
  sustain: "Make what works the normal way of doing things, and share it with others.",
};

/** The step after `stage` in the method, or null at the last. */
export function nextStage(stage: ProjectStageValue): ProjectStageValue | null {
  return PROJECT_STAGES[PROJECT_STAGES.indexOf(stage) + 1] ?? null;
}
