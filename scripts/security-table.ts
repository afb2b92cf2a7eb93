// Writes the authorisation matrix (tests/security/matrix.ts) into SECURITY.md between its markers.
import { readFileSync, writeFileSync } from "node:fs";
import { renderMatrixTable } from "../tests/security/matrix-table";

const file = "SECURITY.md";
const doc = readFileSync(file, "utf8");
const start = doc.indexOf("<!-- matrix:start");
const end = doc.indexOf("<!-- matrix:end -->");
if (start < 0 || end < 0) throw new Error(`${file} has no <!-- matrix:start --> … <!-- matrix:end --> markers`);
writeFileSync(file, doc.slice(0, start) + renderMatrixTable() + doc.slice(end + "<!-- matrix:end -->".length));
console.log(`${file}: matrix table written`);
