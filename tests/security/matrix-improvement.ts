// The authorisation matrix's rows for improvement work (issue 7), one file per area, spread here.
import type { Entry } from "./matrix-kit";
import { CERTIFICATES_MATRIX } from "./matrix-certificates";
import { EXCELLENCE_MATRIX } from "./matrix-excellence";
import { METHODS_MATRIX } from "./matrix-methods";
import { PROJECTS_MATRIX } from "./matrix-projects";

export const IMPROVEMENT_MATRIX: Entry[] = [...PROJECTS_MATRIX, ...EXCELLENCE_MATRIX, ...METHODS_MATRIX, ...CERTIFICATES_MATRIX];
