// The fuzz models of the projects actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import { KEY, NOTE, choice, id, text, type ActionModel, type FieldSpec } from "./fuzz-kit";

const FILE = "app/projects/actions.ts";
const STAGES = ["identify", "understand", "aim", "test", "sustain"];
/** Ids of every kind but a project (the valid form's own project is "setup"). */
const PROJECT_ID: FieldSpec = id("own.listing", "other.listing", "other.member");

const PROJECT_FIELDS = {
  title: text([3, 120], "Discharge before noon", "Café QI ☕ – sepsis ✓", "<b>Bold</b> & 'quoted'"),
  aim: text([10, 1000], "Half of discharges before noon by March.", "Réduire les chutes de 30 % 📉 d’ici juin."),
  measures: text([3, 1000], "Discharges before noon; readmissions.", "Run chart 📈\nweekly"),
  setting: text([2, 200], "Ward 7, Bramley General", "Unité de soins ✓"),
};
const CYCLE_FIELDS = {
  title: text([3, 120], "Criteria-led discharge", "Trolley 🛒 in bay 1"),
  plan: text([3, 2000], "Consultants write criteria on Monday.", "Plan:\n1. brief\n2. test"),
  prediction: text([3, 2000], "Two more discharges before noon.", "Moins de 60 min ⏱"),
};

export const PROJECTS_MODELS: Record<string, ActionModel> = {
  [`${FILE}#createProjectAction`]: { caller: "party", keepsSetup: true, fields: { ...PROJECT_FIELDS, stage: choice(...STAGES), requestKey: KEY } },
  [`${FILE}#updateProjectAction`]: { caller: "party", keepsSetup: true, fields: { projectId: PROJECT_ID, ...PROJECT_FIELDS } },
  [`${FILE}#moveProjectStageAction`]: { caller: "party", keepsSetup: true, fields: { projectId: PROJECT_ID, stage: choice(...STAGES), note: NOTE } },
  [`${FILE}#setProjectFinishedAction`]: { caller: "party", keepsSetup: true, fields: { projectId: PROJECT_ID, finished: choice("yes", "no") } },
  [`${FILE}#addCycleAction`]: { caller: "party", keepsSetup: true, fields: { projectId: PROJECT_ID, ...CYCLE_FIELDS, requestKey: KEY } },
  [`${FILE}#updateCycleAction`]: {
    caller: "party",
    fields: {
      cycleId: id("own.listing", "other.listing", "own.notification"),
      ...CYCLE_FIELDS,
      happened: text([2000], "Three before noon, up from one.", ""),
      learned: text([2000], "Criteria written early help.", ""),
      decision: choice("adopt", "adapt", "abandon", ""),
    },
  },
  [`${FILE}#followProjectAction`]: { caller: "party", keepsSetup: true, fields: { projectId: PROJECT_ID } },
  [`${FILE}#unfollowProjectAction`]: { caller: "party", keepsSetup: true, fields: { projectId: PROJECT_ID } },
};
