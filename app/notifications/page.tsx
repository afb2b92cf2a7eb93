import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MarkReadForm } from "@/components/layout/mark-read-form";
import { Badge, EmptyState, Page } from "@/components/ui/page";
import { Pagination } from "@/components/ui/pagination";
import { currentMember } from "@/lib/auth/session";
import { formatDay } from "@/lib/format/date";
import { listNotifications } from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "Notifications" };

const MAX_PAGE = 1000;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const member = await currentMember();
  if (!member) redirect("/signin?callbackUrl=%2Fnotifications");
  const raw = Number((await searchParams).page);
  const page = Number.isInteger(raw) && raw >= 1 && raw <= MAX_PAGE ? raw : 1;
  const { items, hasNext } = await listNotifications(member.id, page);
  const anyUnread = items.some((n) => !n.readAt);
  return (
    <Page
      title="Notifications"
      intro={
        <>
          What has happened in your exchanges. Choose which ones also come by email in{" "}
          <Link href="/settings" className="font-semibold text-brand-700 underline">
            settings
          </Link>
          .
        </>
      }
      actions={anyUnread ? <MarkReadForm label="Mark all as read" /> : undefined}
    >
      {items.length === 0 ? (
        <EmptyState title="Nothing yet">
          When someone proposes an exchange, sends you a message or confirms your help, you will see it here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-line">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 p-4 sm:p-5 ${n.readAt ? "" : "bg-brand-50/60"}`} data-testid="notification">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  {!n.readAt && <Badge tone="brand">New</Badge>}
                  {n.link ? (
                    <Link href={n.link} className="font-semibold break-words text-brand-800 underline-offset-4 hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    <span className="font-semibold break-words">{n.title}</span>
                  )}
                </p>
                <p className="break-words text-ink-muted">{n.body}</p>
                <p className="text-sm text-ink-muted">
                  <time dateTime={n.createdAt.toISOString()}>{formatDay(n.createdAt)}</time>
                </p>
              </div>
              {!n.readAt && <MarkReadForm id={n.id} label="Mark as read" />}
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/notifications" params={{}} page={page} hasNext={hasNext} label="Notification pages" />
    </Page>
  );
}
