import type { ReactNode } from "react";

const TONES = {
  info: "bg-brand-50 text-brand-900 ring-brand-200",
  success: "bg-green-50 text-green-900 ring-green-300",
  warning: "bg-amber-50 text-amber-950 ring-amber-300",
  error: "bg-red-50 text-red-900 ring-red-300",
} as const;

export function Alert({ tone = "info", title, children }: { tone?: keyof typeof TONES; title?: string; children?: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg px-4 py-3 ring-1 ${TONES[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-1 text-[0.95rem]" : "text-[0.95rem]"}>{children}</div>}
    </div>
  );
}

/** The message an action returned, above its form. */
export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>;
}
