import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Card, Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { getCampaignForEdit } from "@/lib/campaigns/queries";
import { isoDay } from "@/lib/format/date";
import { listSkillsForSelect } from "@/lib/listings/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit the campaign" };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent(`/campaigns/${id}/edit`));
  const campaign = await getCampaignForEdit(id, { id: member.id, role: member.role, active: member.status === "active" && member.profileDone });
  if (!campaign) notFound();
  const skills = await listSkillsForSelect();
  return (
    <Page width="narrow" title="Edit the campaign" intro={campaign.title}>
      <Card>
        <CampaignForm
          campaignId={campaign.id}
          hubName={campaign.hubName}
          skills={skills}
          organisers={campaign.organisers}
          cancelHref={`/campaigns/${campaign.id}`}
          initial={{
            title: campaign.title,
            aim: campaign.aim,
            whyItMatters: campaign.whyItMatters,
            startsOn: isoDay(campaign.startsOn),
            endsOn: isoDay(campaign.endsOn),
            targetHours: String(campaign.targetMinutes / 60),
            hubId: "",
            skillIds: campaign.skillIds,
            organiserIds: campaign.organisers.map((o) => o.id),
            organiserEmails: "",
          }}
        />
      </Card>
    </Page>
  );
}
