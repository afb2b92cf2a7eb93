import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Links work once and only for 10 minutes.",
  AccessDenied: "This account cannot sign in.",
  Configuration: "Sign-in is not working on this bank just now. Please tell the bank's admins.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = (error && Object.hasOwn(MESSAGES, error) && MESSAGES[error]) || "Something went wrong while signing you in.";
  return (
    <Page title="That link did not sign you in" width="narrow">
      <Card className="space-y-5">
        <p className="text-lg" data-testid="signin-error">{message}</p>
        <ButtonLink href="/signin">Ask for a new link</ButtonLink>
      </Card>
    </Page>
  );
}
