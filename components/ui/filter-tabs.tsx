import Link from "next/link";

export interface FilterTab {
  href: string;
  label: string;
  /** Shown beside the label when given. */
  count?: number;
  current: boolean;
}

/**
 * Links that filter a list (by status, by stage), the current one marked. `wrap`: on narrow
 * screens the links wrap onto more lines instead of scrolling sideways.
 */
export function FilterTabs({ label, tabs, wrap = false }: { label: string; tabs: FilterTab[]; wrap?: boolean }) {
  return (
    <nav aria-label={label} className={wrap ? "mb-5" : "mb-5 -mx-1 overflow-x-auto"}>
      <ul className={wrap ? "flex flex-wrap gap-1.5" : "flex gap-1 px-1"}>
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center gap-1.5 rounded-lg px-3 font-semibold whitespace-nowrap ${
                t.current ? "bg-brand-700 text-white" : "bg-white text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50"
              }`}
            >
              {t.label}
              {t.count !== undefined && <span className={`rounded-full px-2 text-sm ${t.current ? "bg-white/20" : "bg-page"}`}>{t.count}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
