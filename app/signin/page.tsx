import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, Page } from "@/components/ui/page";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentMember } from "@/lib/auth/session";
import { devMailboxEnabled } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackUrl(callbackUrl);
  if (await currentMember()) redirect(target);
  return (
    <Page title="Sign in or join" width="narrow" intro="There are no passwords: enter your email address and we will send you a link that signs you in. New here? The same link starts your membership.">
      <Card>
        <SignInForm callbackUrl={target} />
      </Card>
      <div className="mt-6 space-y-2 text-sm text-ink-muted">
        <p>The link works once and expires after 10 minutes. Your email address is never shown to other members.</p>
        {devMailboxEnabled() && (
          <p>
            This bank runs without an email server, so sign-in emails go to the{" "}
            <Link href="/dev/mailbox" className="font-semibold text-brand-700 underline">
              development mailbox
            </Link>
            . Demo members include admin@demo.timebank.local.
          </p>
        )}
      </div>
    </Page>
  );
}
