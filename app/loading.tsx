// Shown while a page's data loads: the shape of a page, so nothing jumps when it arrives.
export default function Loading() {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6" role="status" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="animate-pulse space-y-6" aria-hidden="true">
        <div className="h-9 w-2/3 max-w-md rounded-lg bg-line" />
        <div className="h-4 w-full max-w-xl rounded bg-line/70" />
        <div className="grid gap-4 sm:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-32 rounded-xl bg-white ring-1 ring-line" />
          ))}
        </div>
        <div className="h-48 rounded-xl bg-white ring-1 ring-line" />
      </div>
    </div>
  );
}
