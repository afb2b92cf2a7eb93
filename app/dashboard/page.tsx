import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AccountFigures } from "@/components/dashboard/account-figures";
import { NeedsAction } from "@/components/dashboard/needs-action";
import { Statement } from "@/components/dashboard/statement";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/page";
import { currentMember, whyCannotTrade, type SessionMember } from "@/lib/auth/session";
import { exchangesNeedingAction } from "@/lib/exchanges/queries";
import { hubsCoordinatedBy } from "@/lib/hubs/queries";
import { getAccountFigures, getMyProfile, getStatement, STATEMENT_PAGE_SIZE } from "@/lib/members/queries";

export const metadata: Metadata = { title: "My dashboard" };

/** How many waiting exchanges the dashboard lists (the rest are on /exchanges). */
const NEEDS_ACTION_LIMIT = 5;

function WhatNext({ member, statusReason }: { member: SessionMember; statusReason: string | null }) {
  if (!member.profileDone) {
    return (
      <Link href="/join" className="font-semibold underline">
        Finish your profile
      </Link>
    );
  }
  if (member.status === "pending") {
    return <>An admin will look at your profile soon. You will get a notification (and an email, unless you turn it off) when you are approved.</>;
  }
  if (member.status === "suspended" && statusReason) return <>The reason given: “{statusReason}”</>;
  return null;
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=" + encodeURIComponent("/dashboard"));
  if (!member.profileDone) redirect("/join");
  const { before } = await searchParams;
  const cursor = typeof before === "string" && /^\d{1,19}$/.test(before) ? before : null;
  const reason = whyCannotTrade(member);
  const [profile, figures, statement, waiting, hubs] = await Promise.all([
    getMyProfile(member.id),
    getAccountFigures(member.id),
    getStatement(member.id, { before: cursor, limit: STATEMENT_PAGE_SIZE }),
    reason ? Promise.resolve([]) : exchangesNeedingAction(member.id, NEEDS_ACTION_LIMIT),
    reason ? Promise.resolve([]) : hubsCoordinatedBy(member.id),
  ]);
  const first = member.name?.trim().split(/\s+/)[0];

  return (
    <Page
      title={first ? `Hello, ${first}` : "My dashboard"}
      intro="Your hours, what is waiting for you, and every hour that has moved."
      actions={
        reason ? undefined : (
          <>
            <ButtonLink href="/listings/new">New offer</ButtonLink>
            <ButtonLink href="/listings/new?kind=request" variant="request">
              New request
            </ButtonLink>
            <ButtonLink href="/browse" variant="secondary">
              Browse
            </ButtonLink>
          </>
        )
      }
    >
      <div className="space-y-8">
        {reason && (
          <Alert tone="warning" title="You cannot trade yet">
            <p>{reason}</p>
            <p className="mt-2">
              <WhatNext member={member} statusReason={profile?.statusReason ?? null} />
            </p>
          </Alert>
        )}

        <section aria-labelledby="hours-heading">
          <h2 id="hours-heading" className="sr-only">
            Your hours
          </h2>
          <AccountFigures figures={figures} />
          {!reason && (
            <p className="mt-3 text-sm">
              <Link href="/dashboard/donate" className="font-semibold text-brand-700 underline">
                Give hours to a colleague or the community pool
              </Link>
            </p>
          )}
        </section>

        {!reason && (
          <section aria-labelledby="action-heading">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="action-heading" className="text-xl font-semibold text-brand-900">
                Needs your action
              </h2>
              <Link href="/exchanges" className="text-sm font-semibold text-brand-700 underline">
                All my exchanges
              </Link>
            </div>
            <NeedsAction exchanges={waiting} />
          </section>
        )}

        {hubs.length > 0 && (
          <section aria-labelledby="hubs-heading">
            <h2 id="hubs-heading" className="mb-3 text-xl font-semibold text-brand-900">
              Hubs you coordinate
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2">
              {hubs.map((h) => (
                <li key={h.id} className="card">
                  <Link href={`/hub/${h.id}`} className="link font-semibold">
                    {h.name}
                  </Link>
                  <p className="mt-1 text-sm text-ink-muted" data-testid="hub-pending">
                    {h.pendingMembers === 0 ? "No one is waiting to join." : `${h.pendingMembers} waiting for your approval.`}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="statement-heading" id="statement" className="scroll-mt-4">
          <h2 id="statement-heading" className="mb-3 text-xl font-semibold text-brand-900">
            Statement
          </h2>
          <Statement page={statement} isFirstPage={cursor === null} basePath="/dashboard" />
        </section>
      </div>
    </Page>
  );
}
