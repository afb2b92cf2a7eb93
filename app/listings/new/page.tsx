import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ListingForm } from "@/components/listings/listing-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { isoDay } from "@/lib/format/date";
import { listSkillsForSelect } from "@/lib/listings/queries";
import { bankToday } from "@/lib/listings/rules";
import { listOwnOpenProjects } from "@/lib/projects/queries";
import { campaignChoices } from "@/lib/campaigns/queries";
import { firstParam, isUuid } from "@/lib/validation";

export const dynamic = "force-dynamic";

type Search = Promise<{ kind?: string | string[]; project?: string | string[]; campaign?: string | string[] }>;
const kindOf = (raw: string | string[] | undefined) => ((Array.isArray(raw) ? raw[0] : raw) === "request" ? "request" : "offer");

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  return { title: kindOf((await searchParams).kind) === "request" ? "Ask for help" : "Offer your help" };
}

export default async function NewListingPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const kind = kindOf(search.kind);
  const askedProject = firstParam(search.project)?.trim() ?? "";
  const askedCampaign = firstParam(search.campaign)?.trim().toLowerCase() ?? "";
  const member = await currentMember();
  if (!member) {
    const back =
      kind === "request" && isUuid(askedProject)
        ? `/listings/new?kind=request&project=${askedProject}`
        : isUuid(askedCampaign)
          ? `/listings/new?kind=${kind}&campaign=${askedCampaign}`
          : `/listings/new?kind=${kind}`;
    redirect("/signin?callbackUrl=" + encodeURIComponent(back));
  }
  const reason = whyCannotTrade(member);
  const [skills, projects, campaigns] = reason ? [[], [], []] : await Promise.all([listSkillsForSelect(), kind === "request" ? listOwnOpenProjects(member.id) : [], campaignChoices()]);
  const projectId = projects.some((p) => p.id === askedProject.toLowerCase()) ? askedProject.toLowerCase() : "";
  const campaignId = campaigns.some((c) => c.id === askedCampaign) ? askedCampaign : "";
  const isOffer = kind === "offer";

  return (
    <Page
      width="narrow"
      title={isOffer ? "Offer your help" : "Ask for help"}
      intro={
        isOffer
          ? "Tell members what you can do for them. When someone asks, you agree the details together, and the hours you give are paid into your account."
          : "Tell members what help you need. Someone who can help offers to, you agree the details together, and you pay the hours they give from your account."
      }
    >
      <nav aria-label="Kind" className="mb-6 flex flex-wrap gap-2">
        <ButtonLink href={`/listings/new?kind=offer${campaignId ? `&campaign=${campaignId}` : ""}`} variant={isOffer ? "primary" : "secondary"} aria-current={isOffer ? "page" : undefined}>
          An offer
        </ButtonLink>
        <ButtonLink href={`/listings/new?kind=request${campaignId ? `&campaign=${campaignId}` : ""}`} variant={isOffer ? "secondary" : "request"} aria-current={isOffer ? undefined : "page"}>
          A request
        </ButtonLink>
      </nav>
      {reason ? (
        <Alert tone="warning" title="You cannot post yet">
          {reason}
        </Alert>
      ) : skills.length === 0 ? (
        <Alert tone="warning" title="No skills to choose from yet">
          Every offer and request belongs to a skill, and the bank has none yet. Ask an admin to add the skills taxonomy.
        </Alert>
      ) : (
        <Card>
          <ListingForm
            kind={kind}
            skills={skills}
            projects={projects}
            campaigns={campaigns}
            today={isoDay(bankToday())}
            cancelHref={projectId ? `/projects/${projectId}` : campaignId ? `/campaigns/${campaignId}` : "/listings"}
            initial={projectId || campaignId ? { title: "", description: "", skillId: "", tags: "", hours: "1", mins: "0", wantedBy: "", projectId, campaignId } : undefined}
          />
        </Card>
      )}
    </Page>
  );
}
