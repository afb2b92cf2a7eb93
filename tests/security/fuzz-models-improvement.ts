// The fuzz models of improvement work's actions (issue 7), one file per area, spread here.
import type { ActionModel } from "./fuzz-kit";
import { CERTIFICATES_MODELS } from "./fuzz-models-certificates";
import { EXCELLENCE_MODELS } from "./fuzz-models-excellence";
import { METHODS_MODELS } from "./fuzz-models-methods";
import { PROJECTS_MODELS } from "./fuzz-models-projects";

export const IMPROVEMENT_MODELS: Record<string, ActionModel> = { ...PROJECTS_MODELS, ...EXCELLENCE_MODELS, ...METHODS_MODELS, ...CERTIFICATES_MODELS };
