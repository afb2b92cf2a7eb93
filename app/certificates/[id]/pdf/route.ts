// A certificate as a PDF download: the certificate's own member only (a route handler is a public
// endpoint, so it checks the caller itself). Someone else's certificate, or a malformed id, reads
// as "not found", so ids reveal nothing; anyone else checks a certificate by its code at /verify.
import { currentMember } from "@/lib/auth/session";
import { getBankName } from "@/lib/bank/public";
import { certificateFilename, verifyUrlOf } from "@/lib/certificates/links";
import { renderCertificatePdf } from "@/lib/certificates/pdf";
import { getOwnCertificate } from "@/lib/certificates/queries";

export const dynamic = "force-dynamic";

const refuse = (status: number, error: string) => Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const member = await currentMember();
  if (!member) return refuse(401, "Please sign in first.");
  const { id } = await params;
  const certificate = await getOwnCertificate(id, member.id);
  if (!certificate) return refuse(404, "You have no certificate at that address.");
  const pdf = await renderCertificatePdf(certificate, { bankName: await getBankName(), verifyUrl: verifyUrlOf(certificate.code) });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${certificateFilename(certificate)}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
