// One admin report as a CSV download: /admin/reports/<report>/csv?months=12 (admins only:
// lib/admin/route.ts); the download is audited by exportReportCsv.
import { adminDownload, errorResponse } from "@/lib/admin/route";
import { csvResponse } from "@/lib/csv";
import { exportReportCsv, REPORT_NAMES } from "@/lib/reports/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ report: string }> }): Promise<Response> {
  return adminDownload(request, "reports", async (admin, url) => {
    const { report } = await params;
    if (!(REPORT_NAMES as readonly string[]).includes(report)) return errorResponse(404, "There is no such report.");
    const file = await exportReportCsv(admin.id, { report, months: url.searchParams.get("months") ?? undefined });
    return csvResponse(file.body, file.filename);
  });
}
