// The authorisation matrix as the Markdown table SECURITY.md shows (npm run security:table writes it).
import { CALLER_KINDS, CALLER_LABELS } from "./harness";
import { MATRIX, type Expect } from "./matrix";

const CELL: Record<Expect, string> = { allowed: "✅ allowed", refused: "⛔ refused", noop: "➖ no effect" };

export function renderMatrixTable(): string {
  const head = `| action or route | who may | "party" here | ${CALLER_KINDS.map((k) => CALLER_LABELS[k]).join(" | ")} | over HTTP |`;
  const rule = `| --- | --- | --- | ${CALLER_KINDS.map(() => "---").join(" | ")} | --- |`;
  const rows = MATRIX.map((e) => {
    const http = e.kind === "http-only" ? "only" : e.http ? "sampled" : "";
    return `| \`${e.id}\` | ${e.who} | ${e.party} | ${CALLER_KINDS.map((k) => CELL[e.expect[k]]).join(" | ")} | ${http} |`;
  });
  return ["<!-- matrix:start (generated from tests/security/matrix.ts by `npm run security:table`) -->", head, rule, ...rows, "<!-- matrix:end -->"].join("\n");
}
