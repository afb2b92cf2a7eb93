import type { BankTotals as Totals } from "@/lib/bank/public";
import { formatMinutes } from "@/lib/format/minutes";

const count = new Intl.NumberFormat("en-GB");

export function BankTotals({ totals }: { totals: Totals }) {
  const items = [
    { label: "Active members", value: count.format(totals.activeMembers) },
    { label: "Organisations", value: count.format(totals.organisations) },
    { label: "Hours exchanged", value: formatMinutes(totals.exchangedMinutes) },
    { label: "Exchanges completed", value: count.format(totals.completedExchanges) },
    { label: "Open offers", value: count.format(totals.openOffers) },
    { label: "Open requests", value: count.format(totals.openRequests) },
  ];
  return (
    <section aria-labelledby="totals-heading" className="mx-auto max-w-6xl px-4 pt-12 sm:px-6">
      <h2 id="totals-heading" className="text-2xl font-bold tracking-tight text-brand-900">
        The bank in numbers
      </h2>
      <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {items.map((item) => (
          <div key={item.label} className="flex flex-col-reverse justify-end rounded-xl bg-white px-4 py-4 shadow-sm ring-1 ring-line">
            <dt className="mt-1 text-sm text-ink-muted">{item.label}</dt>
            <dd className="text-2xl font-bold text-brand-800 tabular-nums" data-testid="bank-total">
              {item.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
