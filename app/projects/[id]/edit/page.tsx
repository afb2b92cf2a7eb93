import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ProjectForm } from "@/components/projects/project-form";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { getProjectForEdit } from "@/lib/projects/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit project" };

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent(`/projects/${id}/edit`));
  const project = await getProjectForEdit(id, member.id);
  if (!project) notFound();
  const reason = whyCannotTrade(member);
  return (
    <Page width="narrow" title="Edit your project" intro="Sharpen the aim and measures as you learn. Move the project between steps from its page.">
      {reason ? (
        <Alert tone="warning" title="You cannot edit this now">
          {reason}
        </Alert>
      ) : (
        <Card>
          <ProjectForm
            projectId={project.id}
            cancelHref={`/projects/${project.id}`}
            initial={{ title: project.title, aim: project.aim, measures: project.measures, setting: project.setting, stage: project.stage }}
          />
        </Card>
      )}
    </Page>
  );
}
