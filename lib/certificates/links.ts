// Where a certificate is checked and what its PDF is called.
import { appUrl } from "../config";
import type { Period } from "./period";

/** The public page that shows what the certificate with this code says. */
export function verifyPathOf(code: string): string {
  return `/verify/${encodeURIComponent(code)}`;
}

/** The full address printed on the certificate: APP_URL + /verify/<code>. */
export function verifyUrlOf(code: string): string {
  return `${appUrl()}${verifyPathOf(code)}`;
}

export function pdfPathOf(id: string): string {
  return `/certificates/${id}/pdf`;
}

/** "certificate-of-hours-given-2025-04-01-to-2026-03-31-ABCD-EFGH-JKLM.pdf": only letters, digits and dashes. */
export function certificateFilename(c: { period: Period; code: string }): string {
  return `certificate-of-hours-given-${c.period.from}-to-${c.period.to}-${c.code}.pdf`;
}
