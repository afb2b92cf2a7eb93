// One account's statement as CSV (admins only: lib/admin/route.ts).
import { adminDownload, errorResponse } from "@/lib/admin/route";
import { csvResponse } from "@/lib/csv";
import { exportStatementCsv } from "@/lib/ledger-admin/csv";
import { parseAccountId } from "@/lib/ledger-admin/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return adminDownload(request, "the ledger", async (admin) => {
    const accountId = parseAccountId((await params).id);
    if (accountId === null) return errorResponse(404, "No account has that number.");
    const { filename, stream } = await exportStatementCsv(admin.id, accountId);
    return csvResponse(stream, filename);
  });
}
