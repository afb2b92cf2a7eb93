// The authorisation matrix rows for excellence (tests/security/matrix.ts explains the columns).
import type { Entry } from "./matrix-kit";

export const EXCELLENCE_MATRIX: Entry[] = [];
