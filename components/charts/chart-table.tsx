// The numbers behind a chart as a real table (caption, column and row headers), folded under the
// chart in a <details> so the page stays short, and scrolling inside itself on a narrow screen.
import type { ReactNode } from "react";

export interface ChartTableRow {
  /** The row's header: a month, a skill, a group. */
  name: ReactNode;
  cells: ReactNode[];
}

export function ChartTable({
  caption,
  rowHeader,
  columns,
  rows,
  total,
  summary = "Show the numbers as a table",
}: {
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: ChartTableRow[];
  total?: ChartTableRow;
  summary?: string;
}) {
  const cell = "px-3 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <details className="mt-4 rounded-lg ring-1 ring-line">
      <summary className="flex min-h-11 cursor-pointer items-center px-3 font-semibold text-brand-800">{summary}</summary>
      <div className="overflow-x-auto border-t border-line">
        <table className="w-full text-left text-sm">
          <caption className="px-3 py-2 text-left text-ink-muted">{caption}</caption>
          <thead className="bg-page">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                {rowHeader}
              </th>
              {columns.map((c) => (
                <th key={c} scope="col" className="px-3 py-2 text-right font-semibold">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className="border-t border-line">
                <th scope="row" className="px-3 py-2 font-normal break-words">
                  {row.name}
                </th>
                {row.cells.map((c, j) => (
                  <td key={j} className={cell}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {total && (
            <tfoot>
              <tr className="border-t-2 border-ink-muted/40 font-semibold">
                <th scope="row" className="px-3 py-2">
                  {total.name}
                </th>
                {total.cells.map((c, j) => (
                  <td key={j} className={cell}>
                    {c}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </details>
  );
}
