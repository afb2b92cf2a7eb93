import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, Page } from "@/components/ui/page";
import { listMethodLibrary, methodHref } from "@/lib/methods/queries";

export const metadata: Metadata = { title: "Method library" };
export const dynamic = "force-dynamic";

export default async function MethodLibraryPage() {
  const categories = await listMethodLibrary();
  return (
    <Page
      title="Method library"
      intro="A short, plain-language page for every skill members exchange here: what it is, when to use it, and what a good exchange of it looks like. Start here if a skill is new to you."
    >
      {categories.length === 0 ? (
        <EmptyState title="The library is empty">The bank has no skills yet. Each skill gets a page here once it is added.</EmptyState>
      ) : (
        <div className="space-y-8">
          <nav aria-label="Categories" className="flex flex-wrap gap-2">
            {categories.map((c, i) => (
              <a key={c.category} href={`#category-${i}`} className="inline-flex min-h-11 items-center rounded-lg bg-white px-3 text-sm font-semibold text-brand-800 ring-1 ring-brand-200 hover:bg-brand-50">
                {c.category}
              </a>
            ))}
          </nav>
          {categories.map((c, i) => (
            <section key={c.category} aria-labelledby={`category-${i}`} className="scroll-mt-4" data-testid="method-category">
              <h2 id={`category-${i}`} className="mb-3 scroll-mt-4 text-xl font-semibold text-brand-900">
                {c.category}
              </h2>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {c.skills.map((s) => (
                  <li key={s.id}>
                    <article className="card border-brand-600">
                      <h3 className="card-title">
                        <Link href={methodHref(s.slug)} className="underline-offset-4 hover:text-brand-800 hover:underline">
                          {s.name}
                        </Link>
                      </h3>
                      <p className="card-text">{s.description}</p>
                      {!s.hasPage && (
                        <p className="mt-3">
                          <Badge tone="neutral">Page not written yet</Badge>
                        </p>
                      )}
                    </article>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Page>
  );
}
