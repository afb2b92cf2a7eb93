import type { ReactNode } from "react";

/** The main column of a page: its title, an optional intro and actions, then the content. */
export function Page({
  title,
  intro,
  actions,
  children,
  width = "wide",
}: {
  title: ReactNode;
  intro?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  width?: "wide" | "narrow";
}) {
  return (
    <div className={`mx-auto w-full px-4 py-8 sm:px-6 ${width === "narrow" ? "max-w-2xl" : "max-w-6xl"}`}>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <h1 className="text-2xl font-bold tracking-tight break-words text-brand-900 sm:text-3xl">{title}</h1>
          {intro && <div className="max-w-prose text-ink-muted">{intro}</div>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

export function Card({ children, className = "", as: Tag = "section", ...rest }: { children: ReactNode; className?: string; as?: "section" | "div" | "article"; "aria-labelledby"?: string; "data-testid"?: string }) {
  return (
    <Tag className={`rounded-xl bg-white p-5 shadow-sm ring-1 ring-line sm:p-6 ${className}`} {...rest}>
      {children}
    </Tag>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border-2 border-dashed border-line bg-white/60 px-6 py-10 text-center" data-testid="empty-state">
      <p className="text-lg font-semibold text-ink">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-prose text-ink-muted">{children}</div>}
      {action && <div className="mt-5 flex justify-center">{action}</div>}
    </div>
  );
}

// The tones are utilities in app/globals.css (badges repeat on every row of the ledger).
const BADGE_TONES = {
  neutral: "tone-neutral",
  brand: "tone-brand",
  request: "tone-request",
  success: "tone-success",
  warning: "tone-warning",
  danger: "tone-danger",
} as const;
export type BadgeTone = keyof typeof BADGE_TONES;

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge ${BADGE_TONES[tone]}`}>{children}</span>;
}
