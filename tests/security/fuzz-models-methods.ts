// The fuzz models of the methods actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import type { ActionModel } from "./fuzz-kit";

export const METHODS_MODELS: Record<string, ActionModel> = {};
