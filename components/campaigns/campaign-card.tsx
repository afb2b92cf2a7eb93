// One campaign as a card (/campaigns, a hub's page): its phase, who runs it, its dates and progress.
import Link from "next/link";
import { Badge } from "@/components/ui/page";
import type { CampaignSummary } from "@/lib/campaigns/queries";
import { formatDay, isoDay } from "@/lib/format/date";
import { CampaignProgressBar } from "./campaign-progress";
import { CampaignPhaseBadge } from "./phase-badge";

export function CampaignCard({ campaign, headingLevel = 3 }: { campaign: CampaignSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card border-request-600" data-testid="campaign-card">
      <div className="flex flex-wrap gap-2">
        <CampaignPhaseBadge phase={campaign.phase} />
        {campaign.myHub && <Badge tone="request">My hub’s</Badge>}
        {campaign.joined && <Badge tone="brand">Joined</Badge>}
      </div>
      <Heading className="card-title">
        <Link href={`/campaigns/${campaign.id}`} className="underline-offset-4 hover:text-brand-800 hover:underline">
          {campaign.title}
        </Link>
      </Heading>
      <p className="card-text">{campaign.aim}</p>
      <div className="mt-auto space-y-3 pt-4">
        <CampaignProgressBar minutes={campaign.progress.minutes} targetMinutes={campaign.targetMinutes} />
        <dl className="card-facts">
          <dt className="text-ink-muted">Run by</dt>
          <dd className="min-w-0 break-words text-ink">{campaign.hub?.name ?? "The whole bank"}</dd>
          <dt className="text-ink-muted">Dates</dt>
          <dd className="text-ink">
            <time dateTime={isoDay(campaign.startsOn)}>{formatDay(campaign.startsOn)}</time> to <time dateTime={isoDay(campaign.endsOn)}>{formatDay(campaign.endsOn)}</time>
          </dd>
          <dt className="text-ink-muted">Exchanges</dt>
          <dd className="text-ink">{campaign.progress.exchanges}</dd>
          <dt className="text-ink-muted">Taking part</dt>
          <dd className="text-ink">{campaign.progress.participants}</dd>
        </dl>
      </div>
    </article>
  );
}

/** Cards in a grid: one column on a phone. */
export function CampaignGrid({ campaigns, headingLevel = 3 }: { campaigns: CampaignSummary[]; headingLevel?: 2 | 3 }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {campaigns.map((c) => (
        <li key={c.id}>
          <CampaignCard campaign={c} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
