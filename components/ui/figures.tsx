/** Headline figures in a grid of tiles: the value large, its label under it (a description list). */
export function Figures({ items, testId }: { items: { label: string; value: string }[]; testId: string }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map((item) => (
        <div key={item.label} className="flex flex-col-reverse justify-end rounded-xl bg-white px-4 py-4 shadow-sm ring-1 ring-line">
          <dt className="mt-1 text-sm text-ink-muted">{item.label}</dt>
          <dd className="text-2xl font-bold text-brand-800 tabular-nums" data-testid={testId}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
