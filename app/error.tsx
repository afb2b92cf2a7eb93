"use client";
// Shown when a page fails to render. Nothing is changed by a page failing: actions answer with
// their own messages. The digest lets an admin find the error in the server log.
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Page title="Something went wrong" width="narrow">
      <Card className="space-y-5">
        <p className="text-lg">This page could not be shown just now. Nothing you did was lost or changed.</p>
        {error.digest && <p className="text-sm text-ink-muted">If it keeps happening, tell the bank&rsquo;s admins this reference: {error.digest}</p>}
        <div className="flex flex-wrap gap-3">
          <Button onClick={reset}>Try again</Button>
          <ButtonLink href="/dashboard" variant="secondary">
            My dashboard
          </ButtonLink>
        </div>
      </Card>
    </Page>
  );
}
