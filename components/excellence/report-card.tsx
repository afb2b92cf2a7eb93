// One report of excellence in a list: who it is from or for, its themes, what they did and why it
// mattered, when, and a link to the report itself.
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/page";
import type { ReportSummary } from "@/lib/excellence/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { ThemeTags } from "./theme-tags";

export function ReportCard({ report, title, headingLevel = 3, children }: { report: ReportSummary; title: string; headingLevel?: 2 | 3; children?: ReactNode }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <Card as="article" className="border-t-4 border-brand-600" data-testid="excellence-report">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Heading className="text-lg font-semibold break-words text-ink">{title}</Heading>
        <time dateTime={isoDay(report.createdAt)} className="text-sm text-ink-muted">
          {formatDay(report.createdAt)}
        </time>
      </div>
      <div className="mt-2">
        <ThemeTags themes={report.themes} />
      </div>
      <p className="mt-3 leading-relaxed break-words whitespace-pre-line text-ink">{report.whatTheyDid}</p>
      <p className="mt-2 break-words whitespace-pre-line text-ink-muted">
        <span className="font-semibold text-ink">Why it mattered: </span>
        {report.whyItMattered}
      </p>
      <p className="mt-3 text-sm">
        <Link href={`/excellence/${report.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
          Open the report<span className="sr-only">: {title}</span>
        </Link>
      </p>
      {children && <div className="mt-4 border-t border-line pt-4">{children}</div>}
    </Card>
  );
}
