import { Logomark } from "./logomark";

export function SiteHeader({ bankName }: { bankName: string }) {
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-4 sm:px-6">
        <Logomark className="size-10 shrink-0" />
        <div className="min-w-0">
          <p className="text-xl leading-tight font-bold tracking-tight break-words">{bankName}</p>
          <p className="text-sm text-brand-100">Time bank for health and care improvement</p>
        </div>
      </div>
    </header>
  );
}
