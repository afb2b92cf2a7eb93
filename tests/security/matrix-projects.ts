// The authorisation matrix rows for projects (tests/security/matrix.ts explains the columns).
import type { Entry } from "./matrix-kit";

export const PROJECTS_MATRIX: Entry[] = [];
