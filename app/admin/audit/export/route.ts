// The audit log as CSV, with the page's filters (admins only: lib/admin/route.ts).
import { adminDownload } from "@/lib/admin/route";
import { exportAuditLog } from "@/lib/audit/csv";
import { parseAuditFilters } from "@/lib/audit/queries";
import { csvResponse } from "@/lib/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return adminDownload(request, "the audit log", async (admin, url) => {
    const { filters } = parseAuditFilters(Object.fromEntries(url.searchParams));
    const { filename, stream } = await exportAuditLog(admin.id, filters);
    return csvResponse(stream, filename);
  });
}
