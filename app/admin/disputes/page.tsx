import type { Metadata } from "next";
import Link from "next/link";
import { AdminsOnly } from "@/components/admin/admins-only";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { listDisputes, type DisputeRow } from "@/lib/disputes/queries";
import { formatDateTimeUtc } from "@/lib/format/date";
import { formatMinutes } from "@/lib/format/minutes";

export const metadata: Metadata = { title: "Disputes" };

export default async function DisputesPage() {
  const admin = await adminForPage("/admin/disputes");
  if (!admin) return <AdminsOnly />;
  const { open, recentlyResolved } = await listDisputes();
  return (
    <Page
      title="Disputes"
      intro="Exchanges where the member who was helped disputes the help recorded. The hours stay held until you settle it: post what was recorded, post another amount, or void it."
    >
      <section aria-labelledby="open-disputes" className="space-y-4">
        <h2 id="open-disputes" className="text-xl font-semibold text-brand-900">
          Waiting for an admin ({open.length})
        </h2>
        {open.length === 0 ? (
          <EmptyState title="No disputes are waiting">When a member disputes an exchange it appears here, oldest first, and the admins are told.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {open.map((d) => (
              <li key={d.id}>
                <DisputeCard dispute={d} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {recentlyResolved.length > 0 && (
        <section aria-labelledby="resolved-disputes" className="mt-10 space-y-4">
          <h2 id="resolved-disputes" className="text-xl font-semibold text-brand-900">
            Recently resolved
          </h2>
          <ul className="space-y-3">
            {recentlyResolved.map((d) => (
              <li key={d.id}>
                <DisputeCard dispute={d} resolved />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}

function DisputeCard({ dispute: d, resolved = false }: { dispute: DisputeRow; resolved?: boolean }) {
  return (
    <Card as="article" aria-labelledby={`dispute-${d.id}`} data-testid={resolved ? "resolved-dispute" : "open-dispute"}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`dispute-${d.id}`} className="text-lg font-semibold break-words">
          <Link href={`/admin/exchanges/${d.id}`} className="text-brand-800 underline-offset-4 hover:underline">
            {d.title}
          </Link>
        </h3>
        <p className="text-sm text-ink-muted">
          {resolved ? "Resolved" : "Disputed"} {formatDateTimeUtc(d.since)}
        </p>
      </div>
      <p className="mt-1">
        {d.provider.name} helped {d.payer.name}. Agreed {formatMinutes(d.agreedMinutes)}
        {d.deliveredMinutes !== null && `, recorded ${formatMinutes(d.deliveredMinutes)}`}.
      </p>
      {d.disputeReason && <p className="mt-2 break-words text-ink-muted">Dispute: “{d.disputeReason}”</p>}
      {resolved && d.resolutionNote && <p className="mt-2 break-words text-ink-muted">Resolution: “{d.resolutionNote}”</p>}
    </Card>
  );
}
