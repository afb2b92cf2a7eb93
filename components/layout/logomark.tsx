/** The bank's mark: two hands of time passing an hour between them. Decorative. */
export function Logomark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 40 40" className={className} aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="10" fill="#ffffff" />
      <circle cx="20" cy="20" r="12" fill="none" stroke="#005eb8" strokeWidth="3" />
      <path d="M20 12v8l5.5 3.5" fill="none" stroke="#005eb8" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="31" cy="9" r="4" fill="#007567" />
    </svg>
  );
}
