// The fuzz models of the projects actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import type { ActionModel } from "./fuzz-kit";

export const PROJECTS_MODELS: Record<string, ActionModel> = {};
