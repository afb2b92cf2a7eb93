"use client";
// Follow or unfollow a project: followers are told when it moves stage or records a PDSA cycle.
import { useActionState } from "react";
import { followProjectAction, unfollowProjectAction } from "@/app/projects/actions";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function FollowButton({ projectId, following }: { projectId: string; following: boolean }) {
  const [followState, follow] = useActionState(followProjectAction, null);
  const [unfollowState, unfollow] = useActionState(unfollowProjectAction, null);
  // The most recent answer is the one whose action matches what the page now shows.
  const state = following ? followState : unfollowState;
  return (
    <div className="space-y-3">
      <FormMessage state={state ?? (following ? unfollowState : followState)} />
      <form action={following ? unfollow : follow}>
        <input type="hidden" name="projectId" value={projectId} />
        <SubmitButton variant={following ? "secondary" : "primary"} pendingLabel={following ? "Unfollowing…" : "Following…"} className="w-full sm:w-auto">
          {following ? "Unfollow" : "Follow this project"}
        </SubmitButton>
      </form>
    </div>
  );
}
