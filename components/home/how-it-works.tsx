const STEPS = [
  {
    name: "Propose",
    text: "Find an offer of help, or a request you could answer, and propose an exchange: what you will do together and roughly how long it will take.",
  },
  {
    name: "Accept",
    text: "The other member accepts. The hours are set aside from the account of the member being helped, so they are ready when the work is done.",
  },
  {
    name: "Deliver",
    text: "You meet, in person or online, and do the work. The member who helped records the time actually given.",
  },
  {
    name: "Confirm",
    text: "The member who was helped confirms, and the hours move to the helper's account, ready to spend on help of their own.",
  },
];

export function HowItWorks() {
  return (
    <section aria-labelledby="how-heading" className="mx-auto max-w-6xl px-4 pt-12 sm:px-6">
      <h2 id="how-heading" className="text-2xl font-bold tracking-tight text-brand-900">
        How the time bank works
      </h2>
      <p className="mt-2 max-w-prose text-ink-muted">
        Time is the currency. One hour of help given earns one hour to spend, whatever your job or grade.
      </p>
      <ol className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {STEPS.map((step, i) => (
          <li key={step.name} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-line">
            <p className="flex items-center gap-3">
              <span
                aria-hidden="true"
                className="grid size-8 shrink-0 place-items-center rounded-full bg-brand-600 text-sm font-bold text-white"
              >
                {i + 1}
              </span>
              <span className="text-lg font-semibold text-brand-900">{step.name}</span>
            </p>
            <p className="mt-3 text-[0.95rem] leading-relaxed text-ink-muted">{step.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
