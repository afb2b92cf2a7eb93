import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CloseAccountForm } from "@/components/members/close-account-form";
import { EmailPreferencesForm } from "@/components/members/email-preferences-form";
import { Card, Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { getMyProfile } from "@/lib/members/queries";
import { CLOSE_CONFIRMATION } from "@/lib/members/schemas";
import { NOTIFICATION_KINDS, notificationKinds } from "@/lib/notifications/kinds";
import { closeAccountAction, emailPreferencesAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/settings"));
  const profile = await getMyProfile(member.id);
  if (!profile) redirect("/signin?callbackUrl=" + encodeURIComponent("/settings"));
  const kinds = notificationKinds.map((kind) => ({ kind, label: NOTIFICATION_KINDS[kind] }));

  return (
    <Page title="Settings" width="narrow" intro={<>Signed in as {profile.email}.</>}>
      <div className="space-y-6">
        <Card aria-labelledby="email-heading">
          <h2 id="email-heading" className="mb-4 text-lg font-semibold text-brand-900">
            Email
          </h2>
          <EmailPreferencesForm action={emailPreferencesAction} kinds={kinds} optedOut={profile.emailOptOut} />
        </Card>

        <Card aria-labelledby="data-heading">
          <h2 id="data-heading" className="text-lg font-semibold text-brand-900">
            My data
          </h2>
          <p className="mt-2 text-ink-muted">
            Everything the bank holds about you in one file (JSON): your profile, offers and requests, exchanges and their messages, notifications and
            every entry on your hours account. Other members appear by first name only.
          </p>
          <a
            href="/api/my-data"
            download
            className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-white px-4 py-2 font-semibold text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50"
          >
            Download my data
          </a>
        </Card>

        <Card aria-labelledby="close-heading" className="ring-red-200">
          <h2 id="close-heading" className="text-lg font-semibold text-red-900">
            Close my account
          </h2>
          <div className="mt-2 space-y-2 text-ink-muted">
            <p>Closing your account cannot be undone. When you close it:</p>
            <ul className="list-disc space-y-1 pl-5">
              <li>exchanges that are proposed or agreed are cancelled, any hours held for them are released, and the other member is told;</li>
              <li>your open offers and requests are closed;</li>
              <li>your name, email, profile and skills are removed, and you are signed out everywhere;</li>
              <li>your hours account stays in the bank&apos;s books under the name “Former member”, so everyone else&apos;s records still add up.</li>
            </ul>
            <p>If help has been given but not yet confirmed, or an exchange is disputed, settle it first.</p>
          </div>
          <div className="mt-4">
            <CloseAccountForm action={closeAccountAction} confirmWord={CLOSE_CONFIRMATION} />
          </div>
        </Card>
      </div>
    </Page>
  );
}
