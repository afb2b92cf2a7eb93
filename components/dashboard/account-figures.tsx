import { formatMinutes } from "@/lib/format/minutes";
import type { AccountFigures as Figures } from "@/lib/members/queries";

function Figure({ label, value, children, testId, tone = "text-brand-800" }: { label: string; value: string; children: React.ReactNode; testId: string; tone?: string }) {
  return (
    <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-line">
      <dt className="text-sm font-semibold tracking-wide text-ink-muted uppercase">{label}</dt>
      <dd className={`mt-1 text-3xl font-bold ${tone}`} data-testid={testId}>
        {value}
      </dd>
      <dd className="mt-2 text-sm text-ink-muted">{children}</dd>
    </div>
  );
}

/** The three figures a member needs: what they have, what is set aside, and how low they may go. */
export function AccountFigures({ figures }: { figures: Figures }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-3" aria-label="Your hours">
      <Figure label="Available" value={formatMinutes(figures.availableMinutes)} testId="available-minutes" tone={figures.availableMinutes < 0 ? "text-request-800" : "text-brand-800"}>
        Your balance of {formatMinutes(figures.balanceMinutes)} less hours held. You can spend up to{" "}
        <strong className="text-ink" data-testid="can-spend-minutes">{formatMinutes(figures.canSpendMinutes)}</strong>.
      </Figure>
      <Figure label="Held" value={formatMinutes(figures.heldMinutes)} testId="held-minutes" tone="text-ink">
        Set aside for exchanges you have agreed to receive help in. They move when you confirm the help, or come back if the exchange is cancelled.
      </Figure>
      <Figure label="Your floor" value={formatMinutes(figures.floorMinutes)} testId="floor-minutes" tone="text-ink">
        {figures.floorMinutes < 0
          ? `You can go down to ${formatMinutes(figures.floorMinutes)}: ask for help before you have given any, and give back later.`
          : "You can spend only the hours you have."}
      </Figure>
    </dl>
  );
}
