// A campaign's hours against its target as a bar, with the figures in words (the bar is drawn for
// sighted readers; its label and the text say the same).
import { formatMinutes } from "@/lib/format/minutes";

export function percentOf(minutes: number, targetMinutes: number): number {
  return targetMinutes > 0 ? Math.round((minutes / targetMinutes) * 100) : 0;
}

export function CampaignProgressBar({ minutes, targetMinutes, size = "small" }: { minutes: number; targetMinutes: number; size?: "small" | "large" }) {
  const percent = percentOf(minutes, targetMinutes);
  const label = `${formatMinutes(minutes)} of ${formatMinutes(targetMinutes)} (${percent}%)`;
  return (
    <div>
      <div
        role="progressbar"
        aria-label="Hours exchanged toward the target"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, percent)}
        aria-valuetext={label}
        className={`overflow-hidden rounded-full bg-page ring-1 ring-line ${size === "large" ? "h-5" : "h-3"}`}
      >
        {/* Drawn in SVG: the Content-Security-Policy allows no inline style attribute for a width. */}
        <svg className="block h-full w-full" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect x="0" y="0" width={Math.min(100, percent)} height="10" className="fill-request-600" />
        </svg>
      </div>
      <p className={`mt-1.5 tabular-nums ${size === "large" ? "text-base text-ink" : "text-sm text-ink-muted"}`} data-testid="campaign-progress-text">
        <strong className="font-semibold text-ink">{formatMinutes(minutes)}</strong> of {formatMinutes(targetMinutes)} · {percent}%
      </p>
    </div>
  );
}
