import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { campaignHubChoices } from "@/lib/campaigns/queries";
import { isoDay } from "@/lib/format/date";
import { listSkillsForSelect } from "@/lib/listings/queries";
import { bankToday } from "@/lib/listings/rules";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Start a campaign" };

export default async function NewCampaignPage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/campaigns/new"));
  const hubs = await campaignHubChoices({ id: member.id, role: member.role, active: member.status === "active" && member.profileDone });
  const skills = hubs.length > 0 ? await listSkillsForSelect() : [];
  const today = bankToday();
  return (
    <Page
      width="narrow"
      title="Start a campaign"
      intro="A campaign gathers many small exchanges behind one aim. It gets its own pool that members can give hours to, and its organisers spend the pool on the campaign’s requests."
    >
      {hubs.length === 0 ? (
        <Alert tone="warning" title="Only admins and hub coordinators start campaigns">
          The bank’s admins start campaigns for the whole bank or a hub, and a hub’s coordinators start campaigns for their own hub. Any member can join a campaign and help.
        </Alert>
      ) : (
        <Card>
          <CampaignForm
            hubs={hubs.map((h) => ({ id: h.id ?? "", name: h.name }))}
            skills={skills}
            cancelHref="/campaigns"
            initial={{
              title: "",
              aim: "",
              whyItMatters: "",
              startsOn: isoDay(today),
              endsOn: isoDay(new Date(today.getTime() + 90 * 86_400_000)),
              targetHours: "",
              hubId: hubs[0]!.id ?? "",
              skillIds: [],
              organiserIds: [],
              organiserEmails: member.email,
            }}
          />
        </Card>
      )}
    </Page>
  );
}
