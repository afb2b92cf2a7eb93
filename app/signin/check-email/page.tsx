import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, Page } from "@/components/ui/page";
import { emailSchema } from "@/lib/auth/email-address";
import { devMailboxEnabled } from "@/lib/config";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const sent = emailSchema.safeParse((await searchParams).to ?? "");
  return (
    <Page title="Check your email" width="narrow">
      <Card className="space-y-4">
        <p className="text-lg" data-testid="sent-to">
          {sent.success ? (
            <>
              We have sent a sign-in link to <strong className="break-all">{sent.data}</strong>. Open the email and follow the link on this device.
            </>
          ) : (
            "We have sent you a link to sign in. Open the email and follow the link on this device."
          )}
        </p>
        <p className="text-ink-muted">
          The link works once and expires after 10 minutes. If nothing arrives, check your spam folder or{" "}
          <Link href="/signin" className="font-semibold text-brand-700 underline">
            ask for a new link
          </Link>
          .
        </p>
        {devMailboxEnabled() && (
          <Alert tone="info" title="No email server is set up here">
            The email is in the{" "}
            <Link href="/dev/mailbox" className="font-semibold underline">
              development mailbox
            </Link>{" "}
            and the server log.
          </Alert>
        )}
      </Card>
    </Page>
  );
}
