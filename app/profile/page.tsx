import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ProfileForm } from "@/components/members/profile-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { getMyProfile, profileFormValues, getProfileFormOptions } from "@/lib/members/queries";
import { updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "My profile" };

export default async function ProfilePage() {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/profile"));
  if (!member.profileDone) redirect("/join");
  const [profile, options] = await Promise.all([getMyProfile(member.id), getProfileFormOptions()]);
  if (!profile) redirect("/signin?callbackUrl=" + encodeURIComponent("/profile"));
  return (
    <Page
      title="My profile"
      width="narrow"
      intro={
        <>
          What other members see about you. Your email address ({profile.email}) is never shown to them.{" "}
          <Link href="/settings" className="font-semibold text-brand-700 underline">
            Email settings
          </Link>
        </>
      }
      actions={
        <ButtonLink href={`/members/${member.id}`} variant="secondary">
          See my public profile
        </ButtonLink>
      }
    >
      {member.status === "suspended" ? (
        <Alert tone="warning" title="Your membership is suspended">
          {profile.statusReason ?? "You cannot change your profile while suspended. Contact the bank's admins if you think this is a mistake."}
        </Alert>
      ) : (
        <ProfileForm
          action={updateProfileAction}
          options={options}
          submitLabel="Save profile"
          initial={profileFormValues(profile)}
        />
      )}
    </Page>
  );
}
