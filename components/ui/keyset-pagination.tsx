import Link from "next/link";

/**
 * "Newer" / "Older" links for long histories paged by keyset (an id to continue after), not by
 * page number: a page deep in a million rows costs the same as the first. `after` continues to
 * older rows; `before` goes back to newer ones. Other query parameters are kept.
 */
export function KeysetPagination({
  basePath,
  params,
  newerCursor,
  olderCursor,
  label = "Pages",
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  /** the first row's key on this page, when there are newer rows */
  newerCursor: string | null;
  /** the last row's key on this page, when there are older rows */
  olderCursor: string | null;
  label?: string;
}) {
  if (!newerCursor && !olderCursor) return null;
  const href = (cursor: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "after" && k !== "before") q.set(k, v);
    for (const [k, v] of Object.entries(cursor)) q.set(k, v);
    return `${basePath}?${q.toString()}`;
  };
  const first = () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "after" && k !== "before") q.set(k, v);
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const link = "inline-flex min-h-11 items-center rounded-lg bg-white px-4 font-semibold text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50";
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap items-center justify-between gap-3">
      <span className="flex gap-2">
        {newerCursor && (
          <>
            <Link href={first()} className={link}>
              ⇤ Newest
            </Link>
            <Link href={href({ before: newerCursor })} className={link} rel="prev">
              ← Newer
            </Link>
          </>
        )}
      </span>
      {olderCursor && (
        <Link href={href({ after: olderCursor })} className={link} rel="next">
          Older →
        </Link>
      )}
    </nav>
  );
}
