import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Account closed" };

export default function AccountClosedPage() {
  return (
    <Page title="Your account is closed" width="narrow">
      <Card>
        <p>Thank you for the help you gave and received. Your profile and email address are removed and you are signed out.</p>
        <p className="mt-3 text-ink-muted">
          Your past exchanges stay in the bank&apos;s books under a pseudonym, so that every other member&apos;s hours still add up. If you want to come
          back, sign in again with your email and you will join as a new member.
        </p>
        <div className="mt-5">
          <ButtonLink href="/">Back to the home page</ButtonLink>
        </div>
      </Card>
    </Page>
  );
}
