import type { Metadata } from "next";
import { CampaignGrid } from "@/components/campaigns/campaign-card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { campaignHubChoices, listCampaigns } from "@/lib/campaigns/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const member = await currentMember();
  const viewer = member ? { id: member.id, role: member.role, active: member.status === "active" && member.profileDone } : null;
  const [campaigns, hubs] = await Promise.all([listCampaigns(member?.id ?? null), viewer ? campaignHubChoices(viewer) : []]);
  const running = campaigns.filter((c) => c.phase === "running");
  const upcoming = campaigns.filter((c) => c.phase === "upcoming");
  const finished = campaigns.filter((c) => c.phase === "finished");
  return (
    <Page
      title="Campaigns"
      intro="Themed drives on issues that matter to the whole service, where many small exchanges add up to one aim. Join one, tag your offers and requests to it, or give hours to its pool."
      actions={hubs.length > 0 ? <ButtonLink href="/campaigns/new">Start a campaign</ButtonLink> : undefined}
    >
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">The bank’s admins and hub coordinators start campaigns. When they do, they show here.</EmptyState>
      ) : (
        <div className="space-y-10">
          {running.length > 0 && (
            <section aria-labelledby="running-heading">
              <h2 id="running-heading" className="mb-4 text-xl font-semibold text-brand-900">
                Running now
              </h2>
              <CampaignGrid campaigns={running} />
            </section>
          )}
          {upcoming.length > 0 && (
            <section aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading" className="mb-4 text-xl font-semibold text-brand-900">
                Starting soon
              </h2>
              <CampaignGrid campaigns={upcoming} />
            </section>
          )}
          {finished.length > 0 && (
            <section aria-labelledby="finished-heading">
              <h2 id="finished-heading" className="mb-4 text-xl font-semibold text-brand-900">
                Finished
              </h2>
              <CampaignGrid campaigns={finished} />
            </section>
          )}
        </div>
      )}
    </Page>
  );
}
