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
