import { Badge } from "@/components/ui/page";
import type { CampaignPhase } from "@/lib/campaigns/campaign";

const PHASES: Record<CampaignPhase, { label: string; tone: "success" | "brand" | "neutral" }> = {
  running: { label: "Running", tone: "success" },
  upcoming: { label: "Starting soon", tone: "brand" },
  finished: { label: "Finished", tone: "neutral" },
};

export function CampaignPhaseBadge({ phase }: { phase: CampaignPhase }) {
  return <Badge tone={PHASES[phase].tone}>{PHASES[phase].label}</Badge>;
}
