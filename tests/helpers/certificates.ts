// Shared by the certificate tests: the ledger's own answer to "how many minutes did this member
// give between two UK days" (written differently from lib/certificates/hours-given.ts, so each
// checks the other), and a PDF read back with pdfjs, as a reader would open it.
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** $1 member id, $2 first day, $3 last day: credited exchange transfers by UK day, none reversed. */
export const LEDGER_MINUTES_GIVEN_SQL = `
  SELECT coalesce(sum(t.amount_minutes), 0)::int AS minutes, count(*)::int AS transfers
    FROM ledger_transfers t
   WHERE t.kind = 'exchange'
     AND t.credit_account_id = (SELECT id FROM ledger_accounts WHERE member_id = $1::uuid)
     AND (t.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
     AND t.id NOT IN (SELECT reverses_transfer_id FROM ledger_transfers WHERE reverses_transfer_id IS NOT NULL)`;

export interface LedgerMinutes {
  minutes: number;
  transfers: number;
}

const STANDARD_FONTS = `${path.resolve(import.meta.dirname, "../../node_modules/pdfjs-dist/standard_fonts")}/`;

/** Opens a PDF with pdfjs and returns its page count and its text, white space folded. */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS, verbosity: 0 });
  try {
    const doc = await task.promise;
    let text = "";
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      text += content.items.map((i) => ("str" in i ? i.str : "")).join(" ") + "\n";
    }
    return { pages: doc.numPages, text: text.replace(/\s+/g, " ") };
  } finally {
    await task.destroy();
  }
}
