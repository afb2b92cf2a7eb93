import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CycleForm } from "@/components/projects/cycle-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getProjectForEdit } from "@/lib/projects/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Add a PDSA cycle" };

export default async function NewCyclePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent(`/projects/${id}/cycles/new`));
  const project = await getProjectForEdit(id, member.id);
  if (!project) notFound();
  const reason = whyCannotTrade(member);
  const back = `/projects/${project.id}`;
  return (
    <Page
      width="narrow"
      title="Plan a PDSA cycle"
      intro={`For “${project.title}”. Plan one small test of one change, and predict what will happen before you run it. You record what happened afterwards.`}
    >
      {reason ? (
        <Alert tone="warning" title="You cannot add a cycle now">
          {reason}
        </Alert>
      ) : project.finishedAt ? (
        <Alert tone="info" title="This project is finished">
          <p>Reopen it from its page to test more changes.</p>
          <ButtonLink href={back} variant="secondary" className="mt-3">
            Back to the project
          </ButtonLink>
        </Alert>
      ) : (
        <Card>
          <CycleForm projectId={project.id} cancelHref={back} />
        </Card>
      )}
    </Page>
  );
}
