// The fuzz models of the certificates actions, keyed by matrix id (tests/security/fuzz-models.ts explains them).
import type { ActionModel } from "./fuzz-kit";

export const CERTIFICATES_MODELS: Record<string, ActionModel> = {};
