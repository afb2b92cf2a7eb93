import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProjectForm } from "@/components/projects/project-form";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Start a project" };

export default async function NewProjectPage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=%2Fprojects%2Fnew");
  const reason = whyCannotTrade(member);
  return (
    <Page
      width="narrow"
      title="Start an improvement project"
      intro="Write down what you want to improve and how you will know. You can change it as you learn, move it through the method’s steps, record PDSA cycles, and ask members for help with it."
    >
      {reason ? (
        <Alert tone="warning" title="You cannot start a project yet">
          {reason}
        </Alert>
      ) : (
        <Card>
          <ProjectForm cancelHref="/projects" />
        </Card>
      )}
    </Page>
  );
}
