// The authorisation matrix rows for certificates (tests/security/matrix.ts explains the columns).
import type { Entry } from "./matrix-kit";

export const CERTIFICATES_MATRIX: Entry[] = [];
