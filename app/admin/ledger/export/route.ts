// Transfers as CSV, with the ledger page's filters (admins only: lib/admin/route.ts).
import { adminDownload, errorResponse } from "@/lib/admin/route";
import { csvResponse } from "@/lib/csv";
import { exportTransfersCsv } from "@/lib/ledger-admin/csv";
import { parseTransferFilters } from "@/lib/ledger-admin/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return adminDownload(request, "the ledger", async (admin, url) => {
    const { filters, memberSearch, errors } = parseTransferFilters(Object.fromEntries(url.searchParams));
    if (memberSearch || Object.keys(errors).length > 0) {
      return errorResponse(400, "Some filters could not be read: choose them again on the ledger page.", { fields: errors });
    }
    const { filename, stream } = await exportTransfersCsv(admin.id, filters);
    return csvResponse(stream, filename);
  });
}
