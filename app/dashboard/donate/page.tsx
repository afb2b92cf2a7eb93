import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DonateForm } from "@/components/dashboard/donate-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade } from "@/lib/auth/session";
import { formatMinutes } from "@/lib/format/minutes";
import { communityPoolMinutes, getAccountFigures, listDonationRecipients } from "@/lib/members/queries";
import { donateAction } from "./actions";

export const metadata: Metadata = { title: "Give hours" };

export default async function DonatePage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/dashboard/donate"));
  const reason = whyCannotTrade(member);
  const [figures, recipients, pool] = await Promise.all([getAccountFigures(member.id), listDonationRecipients(member.id), communityPoolMinutes()]);
  return (
    <Page
      title="Give hours"
      width="narrow"
      intro="Give some of your hours to a colleague or to the community pool. A gift cannot be undone, so check the name and the amount."
      actions={<ButtonLink href="/dashboard" variant="secondary">Back to my dashboard</ButtonLink>}
    >
      {reason ? (
        <Alert tone="warning" title="You cannot give hours yet">
          {reason}
        </Alert>
      ) : (
        <Card>
          {pool !== null && <p className="mb-4 text-sm text-ink-muted">The community pool holds {formatMinutes(pool)}.</p>}
          <DonateForm action={donateAction} recipients={recipients} canSpend={formatMinutes(figures.givableMinutes)} />
        </Card>
      )}
    </Page>
  );
}
