import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { EmptyState, Page } from "@/components/ui/page";
import { devMailboxEnabled } from "@/lib/config";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Development mailbox" };
export const dynamic = "force-dynamic";

const SHOWN = 50;

/** Every email the app sent, when it runs without SMTP outside production. Never in production. */
export default async function DevMailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const mails = await db().devMail.findMany({ orderBy: { createdAt: "desc" }, take: SHOWN });
  return (
    <Page title="Development mailbox" intro="This bank has no email server set up (SMTP_URL), so the emails it would send are kept here, newest first. Production banks never show this page.">
      <div className="mb-6">
        <Alert tone="warning">Anyone who can open this page can sign in as anyone. Set SMTP_URL for a real bank.</Alert>
      </div>
      {mails.length === 0 ? (
        <EmptyState title="No email yet">Ask for a sign-in link and it will appear here.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {mails.map((m) => (
            <li key={m.id} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-line" data-testid="dev-mail">
              <p className="text-sm text-ink-muted">
                To <span className="font-semibold text-ink">{m.to}</span> ·{" "}
                <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
              </p>
              <h2 className="mt-1 text-lg font-semibold">{m.subject}</h2>
              <pre className="mt-3 font-sans text-[0.95rem] break-words whitespace-pre-wrap">
                {m.text.split(/(https?:\/\/\S+)/g).map((part, i) =>
                  /^https?:\/\//.test(part) ? (
                    <a key={i} href={part} className="font-semibold break-all text-brand-700 underline">
                      {part}
                    </a>
                  ) : (
                    part
                  ),
                )}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
