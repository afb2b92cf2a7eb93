import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ListingForm } from "@/components/listings/listing-form";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { isoDay } from "@/lib/format/date";
import { getListingForEdit, listSkillsForSelect } from "@/lib/listings/queries";
import { bankToday } from "@/lib/listings/rules";
import { getProjectForEdit, listOwnOpenProjects } from "@/lib/projects/queries";
import { campaignChoices } from "@/lib/campaigns/queries";
import { splitMinutes } from "@/lib/validation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit" };

export default async function EditListingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent(`/listings/${id}/edit`));
  const listing = await getListingForEdit(id, member.id);
  if (!listing) notFound();
  const reason = whyCannotTrade(member);
  const [skills, open, campaigns] = reason
    ? [[], [], []]
    : await Promise.all([listSkillsForSelect(), listing.kind === "request" ? listOwnOpenProjects(member.id) : [], campaignChoices(listing.campaignId)]);
  // A request keeps a project it already has, even one that has since finished.
  const current = listing.projectId && !open.some((p) => p.id === listing.projectId) ? await getProjectForEdit(listing.projectId, member.id) : null;
  const projects = current ? [...open, { id: current.id, title: current.title }] : open;
  const { hours, mins } = splitMinutes(listing.estimatedMinutes);
  const isOffer = listing.kind === "offer";

  return (
    <Page width="narrow" title={isOffer ? "Edit your offer" : "Edit your request"} intro={listing.status === "paused" ? "It is paused: it stays hidden from browse until you reopen it." : undefined}>
      {reason ? (
        <Alert tone="warning" title="You cannot edit this now">
          {reason}
        </Alert>
      ) : (
        <Card>
          <ListingForm
            kind={listing.kind}
            skills={skills}
            projects={projects}
            campaigns={campaigns}
            today={isoDay(bankToday())}
            listingId={listing.id}
            cancelHref={`/listings/${listing.id}`}
            initial={{
              title: listing.title,
              description: listing.description,
              skillId: listing.skillId,
              tags: listing.tags.join(", "),
              hours: String(hours),
              mins: String(mins),
              wantedBy: listing.wantedBy ? isoDay(listing.wantedBy) : "",
              projectId: listing.projectId ?? "",
              campaignId: listing.campaignId ?? "",
            }}
          />
        </Card>
      )}
    </Page>
  );
}
