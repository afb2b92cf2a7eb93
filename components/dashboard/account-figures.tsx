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

/** The three figures a member needs, in their words: what they have, what is set aside, what they can spend. */
export function AccountFigures({ figures }: { figures: Figures }) {
  const credit = -figures.floorMinutes;
  return (
    <dl className="grid gap-4 sm:grid-cols-3" aria-label="Your hours">
      <Figure label="Your hours" value={formatMinutes(figures.balanceMinutes)} testId="balance-minutes" tone={figures.balanceMinutes < 0 ? "text-request-800" : "text-brand-800"}>
        {figures.balanceMinutes < 0
          ? "You have received more help than you have given so far. Giving help brings this back up."
          : "Hours you have earned by helping, less hours you have spent being helped."}
      </Figure>
      <Figure label="Set aside" value={formatMinutes(figures.heldMinutes)} testId="held-minutes" tone="text-ink">
        Kept for exchanges you have agreed to be helped in. They move when you confirm the help, or come back if the exchange is cancelled.
      </Figure>
      <Figure label="You can spend" value={formatMinutes(figures.canSpendMinutes)} testId="can-spend-minutes" tone="text-ink">
        {credit > 0
          ? `Your hours less those set aside, plus up to ${formatMinutes(credit)} of credit: you can be helped before you have given help, and give back later.`
          : "Your hours less those set aside."}
      </Figure>
    </dl>
  );
}
