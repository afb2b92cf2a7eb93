// What a member may type into an improvement project and its PDSA cycles, and the limits on it
// (the same as the CHECK constraints on projects, project_stage_changes and pdsa_cycles). The
// server actions and the lib writes parse with these; each lib write parses its input again.
import { z } from "zod";
import { idField, textField, trimmed } from "../validation";
import { PROJECT_STAGES } from "./stages";

export const PROJECT_TITLE_MIN_CHARS = 3;
export const PROJECT_TITLE_MAX_CHARS = 120;
export const AIM_MIN_CHARS = 10;
export const AIM_MAX_CHARS = 1000;
export const MEASURES_MIN_CHARS = 3;
export const MEASURES_MAX_CHARS = 1000;
export const SETTING_MIN_CHARS = 2;
export const SETTING_MAX_CHARS = 200;
export const STAGE_NOTE_MAX_CHARS = 1000;
export const CYCLE_TITLE_MIN_CHARS = 3;
export const CYCLE_TITLE_MAX_CHARS = 120;
export const CYCLE_TEXT_MIN_CHARS = 3;
export const CYCLE_TEXT_MAX_CHARS = 2000;
/** The form's one-time key, as the projects_request_key_length and pdsa_cycles_request_key_length CHECKs allow. */
export const REQUEST_KEY_MIN_CHARS = 8;
export const REQUEST_KEY_MAX_CHARS = 100;

export const PDSA_DECISIONS = ["adopt", "adapt", "abandon"] as const;
export type PdsaDecisionValue = (typeof PDSA_DECISIONS)[number];

export const DECISION_LABELS: Record<PdsaDecisionValue, { label: string; hint: string }> = {
  adopt: { label: "Adopt", hint: "It worked: make it part of how things are done." },
  adapt: { label: "Adapt", hint: "Promising: change it and test again in another cycle." },
  abandon: { label: "Abandon", hint: "It did not help: stop, and try a different change." },
};

const blankAsNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : trimmed(v));


/** Optional text: blank is null. */
function optionalText(name: string, max: number) {
  return z.preprocess(
    blankAsNull,
    z
      .string({ error: `Write the ${name} as text.` })
      .max(max, { error: `Keep the ${name} to ${max.toLocaleString("en-GB")} characters or fewer.` })
      .nullable(),
  );
}

const requestKey = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.string().min(REQUEST_KEY_MIN_CHARS).max(REQUEST_KEY_MAX_CHARS).optional(),
);

export const projectIdSchema = idField("That project was not found.");
const stageSchema = z.enum(PROJECT_STAGES, { error: "Choose a stage of the method." });

const projectFields = {
  title: textField("title", PROJECT_TITLE_MIN_CHARS, PROJECT_TITLE_MAX_CHARS, "Give the project a title."),
  aim: textField("aim", AIM_MIN_CHARS, AIM_MAX_CHARS, "Say what the project aims to improve."),
  measures: textField("measures", MEASURES_MIN_CHARS, MEASURES_MAX_CHARS, "Say how you will know a change is an improvement."),
  setting: textField("setting", SETTING_MIN_CHARS, SETTING_MAX_CHARS, "Say where the work happens."),
};

export const createProjectSchema = z.object({
  ...projectFields,
  /** The stage it starts at: a team that already understands its problem may start further on. */
  stage: z.preprocess((v) => (v === undefined || v === null || v === "" ? "identify" : trimmed(v)), stageSchema),
  requestKey,
});
export type CreateProjectInput = z.output<typeof createProjectSchema>;

export const updateProjectSchema = z.object({ projectId: projectIdSchema, ...projectFields });
export type UpdateProjectInput = z.output<typeof updateProjectSchema>;

export const moveStageSchema = z.object({
  projectId: projectIdSchema,
  stage: z.preprocess(trimmed, stageSchema),
  note: optionalText("note", STAGE_NOTE_MAX_CHARS),
});
export type MoveStageInput = z.output<typeof moveStageSchema>;

export const setProjectFinishedSchema = z.object({
  projectId: projectIdSchema,
  finished: z.enum(["yes", "no"], { error: "Choose whether the project is finished." }),
});
export type SetProjectFinishedInput = z.output<typeof setProjectFinishedSchema>;

const cycleFields = {
  title: textField("change tested", CYCLE_TITLE_MIN_CHARS, CYCLE_TITLE_MAX_CHARS, "Name the change you are testing."),
  plan: textField("plan", CYCLE_TEXT_MIN_CHARS, CYCLE_TEXT_MAX_CHARS, "Describe the plan: who, what, where and when."),
  prediction: textField("prediction", CYCLE_TEXT_MIN_CHARS, CYCLE_TEXT_MAX_CHARS, "Say what you predict will happen."),
};

export const addCycleSchema = z.object({ projectId: projectIdSchema, ...cycleFields, requestKey });
export type AddCycleInput = z.output<typeof addCycleSchema>;

/**
 * The owner's changes to a cycle that is not complete yet: its plan, and (once the test has run)
 * what happened and what was learned. Choosing a decision completes it, which needs both.
 */
export const updateCycleSchema = z
  .object({
    cycleId: idField("That PDSA cycle was not found."),
    ...cycleFields,
    happened: optionalText("account of what happened", CYCLE_TEXT_MAX_CHARS),
    learned: optionalText("account of what was learned", CYCLE_TEXT_MAX_CHARS),
    decision: z.preprocess(blankAsNull, z.enum(PDSA_DECISIONS, { error: "Choose adopt, adapt or abandon." }).nullable()),
  })
  .superRefine((data, ctx) => {
    if (data.decision === null) return;
    if (data.happened === null) ctx.addIssue({ code: "custom", path: ["happened"], message: "Say what happened before you choose a decision." });
    if (data.learned === null) ctx.addIssue({ code: "custom", path: ["learned"], message: "Say what you learned before you choose a decision." });
  });
export type UpdateCycleInput = z.output<typeof updateCycleSchema>;

export const followSchema = z.object({ projectId: projectIdSchema });
export type FollowInput = z.output<typeof followSchema>;

/** The listing forms' "Part of project" field: blank is none; absent (undefined) leaves it as it is on an edit. */
export const listingProjectSchema = z.preprocess(
  (v) => (v === undefined ? undefined : blankAsNull(v)),
  z.guid({ error: "Choose one of your projects from the list." }).nullable().optional(),
);
