import { ButtonLink } from "@/components/ui/button";

export function Welcome({ bankName }: { bankName: string }) {
  return (
    <section aria-labelledby="welcome-heading" className="bg-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:px-6 md:grid-cols-[3fr_2fr] md:items-center md:py-14">
        <div className="space-y-5">
          <h1 id="welcome-heading" className="text-3xl leading-tight font-bold tracking-tight text-brand-900 sm:text-4xl">
            Welcome to {bankName}
          </h1>
          <p className="max-w-prose text-lg leading-relaxed">
            A place for people who improve health and care services to share their skills. Nurses, doctors,
            therapists, analysts, managers and patient partners help each other with quality improvement, from
            process mapping to SPC charts, and every hour given earns an hour to spend.
          </p>
          <p className="inline-flex flex-wrap items-center gap-x-1.5 rounded-full bg-brand-50 px-4 py-2 text-[0.9rem] font-semibold text-brand-800 ring-1 ring-brand-100 sm:gap-x-2 sm:text-base">
            <span>One hour given</span>
            <span aria-hidden="true">=</span>
            <span className="sr-only">equals</span>
            <span>one hour to spend</span>
          </p>
          <div className="flex flex-wrap gap-3 pt-1">
            <ButtonLink href="/signin">Join or sign in</ButtonLink>
            <ButtonLink href="/browse" variant="secondary">
              Browse offers and requests
            </ButtonLink>
          </div>
        </div>
        <HourExchange />
      </div>
    </section>
  );
}

/** Two members and the hour that moves between them. Decorative: the text says the same. */
function HourExchange() {
  return (
    <svg viewBox="0 0 320 190" className="mx-auto w-full max-w-sm" aria-hidden="true" focusable="false">
      <rect x="4" y="4" width="312" height="182" rx="24" fill="#eef5fc" />
      <g>
        <circle cx="74" cy="80" r="30" fill="#005eb8" />
        <circle cx="74" cy="70" r="11" fill="#ffffff" />
        <path d="M54 100a20 16 0 0 1 40 0z" fill="#ffffff" />
        <text x="74" y="140" textAnchor="middle" fontSize="14" fontWeight="600" fill="#003d78">gives an hour</text>
      </g>
      <g>
        <circle cx="246" cy="80" r="30" fill="#007567" />
        <circle cx="246" cy="70" r="11" fill="#ffffff" />
        <path d="M226 100a20 16 0 0 1 40 0z" fill="#ffffff" />
        <text x="246" y="140" textAnchor="middle" fontSize="14" fontWeight="600" fill="#004a41">is helped</text>
      </g>
      <path d="M120 64h80" stroke="#005eb8" strokeWidth="4" strokeLinecap="round" />
      <path d="M192 56l10 8-10 8" fill="none" stroke="#005eb8" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
      <text x="160" y="52" textAnchor="middle" fontSize="12" fill="#425563">help</text>
      <path d="M200 100h-80" stroke="#007567" strokeWidth="4" strokeLinecap="round" />
      <path d="M128 92l-10 8 10 8" fill="none" stroke="#007567" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
      <rect x="138" y="110" width="44" height="24" rx="12" fill="#ffffff" stroke="#007567" strokeWidth="2" />
      <text x="160" y="127" textAnchor="middle" fontSize="13" fontWeight="700" fill="#004a41">1 h</text>
      <text x="160" y="170" textAnchor="middle" fontSize="12" fill="#425563">Everyone&#8217;s hour is worth the same</text>
    </svg>
  );
}
