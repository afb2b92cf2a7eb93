import Link from "next/link";
import type { BankTotals as Totals } from "@/lib/bank/public";
import { Figures } from "@/components/ui/figures";
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
      <div className="mt-6">
        <Figures items={items} testId="bank-total" />
      </div>
      <p className="mt-4">
        <Link href="/impact" className="link">
          See the bank&rsquo;s impact: projects helped, skills exchanged and who takes part
        </Link>
      </p>
    </section>
  );
}
