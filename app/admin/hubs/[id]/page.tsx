import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminsOnly } from "@/components/admin/admins-only";
import { AddCoordinatorForm, HubForm, RemoveCoordinatorForm } from "@/components/hubs/hub-forms";
import { ButtonLink } from "@/components/ui/button";
import { Flash } from "@/components/ui/flash";
import { Card, Page } from "@/components/ui/page";
import { adminForPage } from "@/lib/admin/page";
import { hubForAdmin } from "@/lib/hubs/queries";
import { addCoordinatorAction, removeCoordinatorAction, updateHubAction } from "../actions";

export const metadata: Metadata = { title: "Hub" };

export default async function HubAdminPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const admin = await adminForPage(`/admin/hubs/${id}`);
  if (!admin) return <AdminsOnly />;
  const hub = await hubForAdmin(id);
  if (!hub) notFound();
  const { saved } = await searchParams;
  return (
    <Page
      title={hub.name}
      intro="Change the hub's name, description and organisations, and name the members who coordinate it."
      actions={
        <>
          <ButtonLink href={`/hub/${hub.id}`} variant="secondary">
            The hub&rsquo;s page
          </ButtonLink>
          <ButtonLink href="/admin/hubs" variant="secondary">
            All hubs
          </ButtonLink>
        </>
      }
    >
      {saved === "created" && (
        <div className="mb-6">
          <Flash message="Hub created. Now add its coordinators." />
        </div>
      )}
      <div className="grid gap-8 lg:grid-cols-[3fr_2fr]">
        <Card aria-labelledby="hub-edit-heading">
          <h2 id="hub-edit-heading" className="mb-4 text-xl font-semibold text-brand-900">
            The hub
          </h2>
          <HubForm action={updateHubAction} hub={hub} organisations={hub.organisations} submitLabel="Save the hub" />
        </Card>
        <Card aria-labelledby="coordinators-heading">
          <h2 id="coordinators-heading" className="mb-2 text-xl font-semibold text-brand-900">
            Coordinators
          </h2>
          <p className="mb-4 text-ink-muted">
            Coordinators approve members joining the hub and see its figures, and nothing of any other hub. Each must belong to the hub.
          </p>
          {hub.coordinators.length === 0 ? (
            <p className="mb-4 text-ink-muted">No one coordinates this hub yet.</p>
          ) : (
            <ul className="mb-6 space-y-3">
              {hub.coordinators.map((c) => (
                <li key={c.id} className="rounded-lg p-3 ring-1 ring-line" data-testid="coordinator">
                  <p className="font-semibold break-words">{c.name ?? "A member"}</p>
                  <p className="text-sm break-words text-ink-muted">{[c.email, c.organisation].filter(Boolean).join(" · ")}</p>
                  <div className="mt-2">
                    <RemoveCoordinatorForm hubId={hub.id} memberId={c.id} name={c.name ?? "this member"} action={removeCoordinatorAction} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          <AddCoordinatorForm hubId={hub.id} action={addCoordinatorAction} />
        </Card>
      </div>
    </Page>
  );
}
