import type { Metadata } from "next";
import Link from "next/link";
import { AdminsOnly } from "@/components/admin/admins-only";
import { HubForm } from "@/components/hubs/hub-forms";
import { Card, EmptyState, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { listHubs, organisationChoices } from "@/lib/hubs/queries";
import { createHubAction } from "./actions";

export const metadata: Metadata = { title: "Hubs" };

const count = new Intl.NumberFormat("en-GB");

export default async function HubsPage() {
  const admin = await adminForPage("/admin/hubs");
  if (!admin) return <AdminsOnly />;
  const [hubs, organisations] = await Promise.all([listHubs(), organisationChoices(null)]);
  return (
    <Page
      title="Hubs"
      intro="A hub is a region or partnership of organisations (an integrated care system, a group of hospitals) inside the bank. Its coordinators approve the members joining it and see its own figures; hours stay one currency across the whole bank."
    >
      <div className="grid gap-8 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="hubs-heading">
          <h2 id="hubs-heading" className="mb-3 text-xl font-semibold text-brand-900">
            The bank&rsquo;s hubs
          </h2>
          {hubs.length === 0 ? (
            <EmptyState title="No hubs yet">Create the first one with the form: name it and choose its organisations, then add its coordinators.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {hubs.map((h) => (
                <li key={h.id}>
                  <Card as="article" aria-labelledby={`hub-${h.id}`} data-testid="hub">
                    <h3 id={`hub-${h.id}`} className="card-title">
                      <Link href={`/admin/hubs/${h.id}`} className="link">
                        {h.name}
                      </Link>
                    </h3>
                    <p className="card-text">{h.description}</p>
                    <p className="mt-2 text-sm text-ink-muted">
                      {count.format(h.organisations)} organisations · {count.format(h.activeMembers)} active members
                      {h.pendingMembers > 0 && ` · ${count.format(h.pendingMembers)} waiting for approval`}
                    </p>
                    <p className="mt-1 text-sm text-ink-muted">
                      {h.coordinators.length === 0 ? "No coordinators yet" : `Coordinators: ${h.coordinators.join(", ")}`}
                    </p>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Card aria-labelledby="new-hub-heading">
          <h2 id="new-hub-heading" className="mb-4 text-xl font-semibold text-brand-900">
            Create a hub
          </h2>
          <HubForm action={createHubAction} organisations={organisations} submitLabel="Create hub" />
        </Card>
      </div>
    </Page>
  );
}
