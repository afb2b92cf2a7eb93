// The authorisation matrix rows for methods (tests/security/matrix.ts explains the columns).
import type { Entry } from "./matrix-kit";

export const METHODS_MATRIX: Entry[] = [];
