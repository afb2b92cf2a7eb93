import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CycleForm } from "@/components/projects/cycle-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getCycleForEdit } from "@/lib/projects/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Record a PDSA cycle" };

export default async function CyclePage({ params }: { params: Promise<{ id: string; cycleId: string }> }) {
  const { id, cycleId } = await params;
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent(`/projects/${id}/cycles/${cycleId}`));
  const cycle = await getCycleForEdit(id, cycleId, member.id);
  if (!cycle) notFound();
  const reason = whyCannotTrade(member);
  const back = `/projects/${cycle.project.id}#cycle-${cycle.number}`;
  return (
    <Page
      width="narrow"
      title={`PDSA cycle ${cycle.number}`}
      intro={`For “${cycle.project.title}”. Record what happened and what you learned; choose a decision when the test is done.`}
    >
      {reason ? (
        <Alert tone="warning" title="You cannot change this cycle now">
          {reason}
        </Alert>
      ) : cycle.completedAt ? (
        <Alert tone="info" title="This cycle is complete">
          <p>A complete cycle is part of the project’s record and is not changed. Plan a new cycle to test the next change.</p>
          <ButtonLink href={back} variant="secondary" className="mt-3">
            Back to the project
          </ButtonLink>
        </Alert>
      ) : (
        <Card>
          <CycleForm
            projectId={cycle.project.id}
            cycleId={cycle.id}
            cancelHref={back}
            initial={{
              title: cycle.title,
              plan: cycle.plan,
              prediction: cycle.prediction,
              happened: cycle.happened ?? "",
              learned: cycle.learned ?? "",
              decision: cycle.decision ?? "",
            }}
          />
        </Card>
      )}
    </Page>
  );
}
