"use client";
// Join or leave a campaign.
import { useActionState } from "react";
import { joinCampaignAction, leaveCampaignAction } from "@/app/campaigns/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function JoinButton({ campaignId, joined }: { campaignId: string; joined: boolean }) {
  const [joinState, join] = useActionState(joinCampaignAction, null);
  const [leaveState, leave] = useActionState(leaveCampaignAction, null);
  // The most recent answer is the one whose action matches what the page now shows.
  const state = joined ? joinState : leaveState;
  return (
    <div className="space-y-3">
      <FormMessage state={state ?? (joined ? leaveState : joinState)} />
      <form action={joined ? leave : join}>
        <input type="hidden" name="campaignId" value={campaignId} />
        <SubmitButton variant={joined ? "secondary" : "primary"} pendingLabel={joined ? "Leaving…" : "Joining…"} className="w-full sm:w-auto">
          {joined ? "Leave the campaign" : "Join the campaign"}
        </SubmitButton>
      </form>
    </div>
  );
}
