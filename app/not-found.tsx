import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <Page title="We could not find that page" width="narrow">
      <Card className="space-y-5">
        <p className="text-lg">
          The link may be old, or the offer, request or exchange may have been closed. Exchanges are only visible to the two
          members taking part.
        </p>
        <div className="flex flex-wrap gap-3">
          <ButtonLink href="/browse">Browse offers and requests</ButtonLink>
          <ButtonLink href="/dashboard" variant="secondary">
            My dashboard
          </ButtonLink>
        </div>
      </Card>
    </Page>
  );
}
