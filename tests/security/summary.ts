// Each security test file writes its figures here (.test-reports/security/<part>.json);
// scripts/security-summary.mjs prints them together after `npm run test:security`.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SecurityFigures {
  violations: string[];
  [figure: string]: unknown;
}

const DIR = path.resolve(import.meta.dirname, "../../.test-reports/security");

export function recordSummary(part: string, figures: SecurityFigures): void {
  mkdirSync(DIR, { recursive: true });
  const suffix = process.env.DATABASE_URL ? "-system-pg" : "";
  writeFileSync(path.join(DIR, `${part}${suffix}.json`), JSON.stringify({ part, at: new Date().toISOString(), ...figures }, null, 2));
}
