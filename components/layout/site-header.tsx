import Link from "next/link";
import { signOutAction } from "@/app/signin/actions";
import type { SessionMember } from "@/lib/auth/session";
import { MAX_UNREAD_SHOWN } from "@/lib/notifications/queries";
import { DisclosureMenu } from "./disclosure-menu";
import { Logomark } from "./logomark";

const NAV_LINK = "inline-flex min-h-11 items-center rounded-md px-3 font-semibold text-white hover:bg-brand-800";

export function SiteHeader({
  bankName,
  member,
  unread = 0,
  waiting = 0,
}: {
  bankName: string;
  member?: SessionMember | null;
  unread?: number;
  /** Exchanges waiting on this member (accept, record help given, confirm). */
  waiting?: number;
}) {
  const unreadLabel = unread > MAX_UNREAD_SHOWN ? `${MAX_UNREAD_SHOWN}+` : String(unread);
  const links: { href: string; label: string; count?: number }[] = member
    ? [
        { href: "/dashboard", label: "Dashboard" },
        { href: "/browse", label: "Browse" },
        { href: "/projects", label: "Projects" },
        { href: "/campaigns", label: "Campaigns" },
        { href: "/exchanges", label: "Exchanges", count: waiting },
      ]
    : [
        { href: "/browse", label: "Browse" },
        { href: "/projects", label: "Projects" },
        { href: "/campaigns", label: "Campaigns" },
        { href: "/methods", label: "Method library" },
      ];
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={member ? "/dashboard" : "/"} className="flex min-w-0 items-center gap-3 rounded-md">
          <Logomark className="size-10 shrink-0" />
          <span className="min-w-0">
            <span className="block text-xl leading-tight font-bold tracking-tight break-words">{bankName}</span>
            <span className="block text-sm text-brand-100">Time bank for health and care improvement</span>
          </span>
        </Link>
        <nav aria-label="Main" className="ml-auto flex flex-wrap items-center gap-1">
          <ul className="hidden items-center gap-1 md:flex">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className={`${NAV_LINK} gap-2`}>
                  {l.label}
                  <CountBadge count={l.count} label="waiting for you" />
                </Link>
              </li>
            ))}
          </ul>
          {member ? (
            <>
              <Link href="/notifications" className={`${NAV_LINK} gap-2`} data-testid="notifications-link">
                <svg viewBox="0 0 24 24" className="size-5" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
                  <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" />
                  <path d="M10 20a2 2 0 0 0 4 0" />
                </svg>
                <span className="sr-only">Notifications</span>
                {unread > 0 && (
                  <span className="rounded-full bg-focus px-2 text-sm font-bold text-ink" data-testid="unread-count">
                    {unreadLabel}
                    <span className="sr-only"> unread</span>
                  </span>
                )}
              </Link>
              <DisclosureMenu className="group relative">
                <summary className={`${NAV_LINK} cursor-pointer list-none gap-1 [&::-webkit-details-marker]:hidden`}>
                  <span className="md:hidden">Menu</span>
                  <span className="hidden max-w-40 truncate md:inline">{member.name?.split(" ")[0] ?? "Account"}</span>
                  <svg viewBox="0 0 20 20" className="size-4 transition-transform group-open:rotate-180" aria-hidden="true" fill="currentColor">
                    <path d="M5 7l5 6 5-6z" />
                  </svg>
                </summary>
                <div className="absolute right-0 z-20 mt-2 w-60 rounded-xl bg-white p-2 text-ink shadow-lg ring-1 ring-line">
                  <ul className="md:hidden">
                    {links.map((l) => (
                      <li key={l.href}>
                        <Link href={l.href} className="flex items-center gap-2 rounded-md px-3 py-2.5 font-semibold hover:bg-brand-50">
                          {l.label}
                          <CountBadge count={l.count} label="waiting for you" />
                        </Link>
                      </li>
                    ))}
                  </ul>
                  <ul className="border-line max-md:mt-1 max-md:border-t max-md:pt-1">
                    <li>
                      <Link href={`/members/${member.id}`} className="block rounded-md px-3 py-2.5 hover:bg-brand-50">
                        My profile
                      </Link>
                    </li>
                    {([
                      ["/listings", "My offers and requests"],
                      ["/methods", "Method library"],
                      ["/excellence", "Reports of excellence"],
                      ["/certificates", "Certificates of hours given"],
                      ["/settings", "Settings and my data"],
                    ] as const).map(([href, label]) => (
                      <li key={href}>
                        <Link href={href} className="block rounded-md px-3 py-2.5 hover:bg-brand-50">
                          {label}
                        </Link>
                      </li>
                    ))}
                    {member.role === "admin" && (
                      <li>
                        <Link href="/admin" className="block rounded-md px-3 py-2.5 hover:bg-brand-50">
                          Admin
                        </Link>
                      </li>
                    )}
                    <li>
                      <form action={signOutAction}>
                        <button type="submit" className="block w-full rounded-md px-3 py-2.5 text-left hover:bg-brand-50">
                          Sign out
                        </button>
                      </form>
                    </li>
                  </ul>
                </div>
              </DisclosureMenu>
            </>
          ) : (
            <>
              <Link href="/browse" className={`${NAV_LINK} md:hidden`}>
                Browse
              </Link>
              <Link href="/signin" className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 font-semibold text-brand-800 hover:bg-brand-50">
                Sign in
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

function CountBadge({ count, label }: { count?: number; label: string }) {
  if (!count) return null;
  return (
    <span className="rounded-full bg-focus px-2 text-sm font-bold text-ink" data-testid="waiting-count">
      {count > MAX_UNREAD_SHOWN ? `${MAX_UNREAD_SHOWN}+` : count}
      <span className="sr-only"> {label}</span>
    </span>
  );
}
