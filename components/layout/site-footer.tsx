import Link from "next/link";

export function SiteFooter({ bankName }: { bankName: string }) {
  return (
    <footer className="mt-16 border-t border-line bg-white">
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-8 text-sm text-ink-muted sm:px-6">
        <p>
          <span className="font-semibold text-ink">{bankName}</span> is a time bank for people who improve health and
          care services. Everyone&rsquo;s hour is worth the same, and no money changes hands.
        </p>
        <nav aria-label="About the bank">
          <ul className="flex flex-wrap gap-x-6 gap-y-1">
            {([
              ["/impact", "Our impact"],
              ["/projects", "Improvement projects"],
              ["/campaigns", "Campaigns"],
              ["/methods", "Method library"],
              ["/verify", "Check a certificate"],
            ] as const).map(([href, label]) => (
              <li key={href}>
                <Link href={href} className="link">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>This software is open source, free to use and adapt under the MIT licence.</p>
      </div>
    </footer>
  );
}
