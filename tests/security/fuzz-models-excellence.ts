// The fuzz models of the excellence actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import type { ActionModel } from "./fuzz-kit";

export const EXCELLENCE_MODELS: Record<string, ActionModel> = {};
