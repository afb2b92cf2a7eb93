import type { Metadata, Viewport } from "next";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { currentMember } from "@/lib/auth/session";
import { bankNameForRequest } from "@/lib/bank/public";
import { headerCounts } from "@/lib/exchanges/queries";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const name = await bankNameForRequest();
  return {
    title: { default: name, template: `%s · ${name}` },
    description:
      "A skill-exchange time bank for people who improve health and care services: give an hour of quality-improvement help, get an hour back.",
  };
}

// Every page shows who is signed in and the bank's name from the database: nothing is prerendered.
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#005eb8",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [bankName, member] = await Promise.all([bankNameForRequest(), currentMember()]);
  const { unread, waiting } = member ? await headerCounts(member.id) : { unread: 0, waiting: 0 };
  return (
    <html lang="en-GB">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-30 focus:rounded-md focus:bg-focus focus:px-4 focus:py-2 focus:font-semibold focus:text-ink"
        >
          Skip to main content
        </a>
        <SiteHeader bankName={bankName} member={member} unread={unread} waiting={waiting} />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter bankName={bankName} />
      </body>
    </html>
  );
}
