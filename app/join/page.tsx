import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProfileForm } from "@/components/members/profile-form";
import { Alert } from "@/components/ui/alert";
import { Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { getMyProfile, profileFormValues, getProfileFormOptions } from "@/lib/members/queries";
import { completeProfileAction } from "./actions";

export const metadata: Metadata = { title: "Join the bank" };

export default async function JoinPage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/join"));
  if (member.profileDone) redirect("/profile");
  const [profile, options] = await Promise.all([getMyProfile(member.id), getProfileFormOptions()]);
  if (!profile) redirect("/signin?callbackUrl=" + encodeURIComponent("/join"));
  if (member.status === "suspended") {
    return (
      <Page title="Join the bank" width="narrow">
        <Alert tone="warning" title="Your membership is suspended">
          {profile.statusReason ?? "Contact the bank's admins if you think this is a mistake."}
        </Alert>
      </Page>
    );
  }
  return (
    <Page
      title="Welcome: tell us about yourself"
      width="narrow"
      intro="Members choose who to help and who to ask by what they can see here. Your email address is never shown to other members."
    >
      <ProfileForm
        action={completeProfileAction}
        options={options}
        submitLabel="Save and continue"
        initial={profileFormValues(profile)}
      />
    </Page>
  );
}
