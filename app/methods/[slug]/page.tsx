import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Flash } from "@/components/ui/flash";
import { Badge, Card, Page } from "@/components/ui/page";
import { currentMember } from "@/lib/auth/session";
import { formatDateTimeUtc } from "@/lib/format/date";
import { browseHref, getMethodPage } from "@/lib/methods/queries";
import { METHOD_PARTS } from "@/lib/methods/schemas";

export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string }>;

const load = cache(async (slug: string) => {
  const member = await currentMember();
  return getMethodPage(member?.id ?? null, slug);
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const view = await load((await params).slug);
  return { title: view ? `${view.skill.name}: method library` : "Not found" };
}

const SAVED = {
  created: "The page is written: members now see it here and from every offer and request with this skill.",
  updated: "Your changes are saved.",
  unchanged: "Nothing had changed, so nothing was saved.",
} as const;

const count = new Intl.NumberFormat("en-GB");
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

export default async function MethodPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const { slug } = await params;
  const { saved } = await searchParams;
  const view = await load(slug);
  if (!view) notFound();
  const { skill, page } = view;
  const savedMessage = view.viewerIsAdmin && saved && saved in SAVED ? SAVED[saved as keyof typeof SAVED] : null;

  return (
    <Page
      title={skill.name}
      intro={
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone="brand">{skill.category}</Badge>
          <Link href="/methods" className="font-semibold text-brand-700 underline underline-offset-4">
            Method library
          </Link>
        </span>
      }
      actions={
        view.viewerIsAdmin ? (
          <ButtonLink href={`/methods/${skill.slug}/edit`} variant="secondary" data-testid="edit-method">
            {page ? "Edit this page" : "Write this page"}
          </ButtonLink>
        ) : undefined
      }
    >
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          {savedMessage && <Flash message={savedMessage} />}
          {page ? (
            <Card as="article" className="border-t-4 border-brand-600" data-testid="method-page">
              {METHOD_PARTS.map((part, i) => (
                <section key={part.field} aria-labelledby={`part-${part.field}`} className={i > 0 ? "mt-6 border-t border-line pt-5" : ""}>
                  <h2 id={`part-${part.field}`} className="text-lg font-semibold text-brand-900">
                    {part.heading}
                  </h2>
                  <p className="mt-2 max-w-prose text-[1.05rem] leading-relaxed break-words whitespace-pre-line text-ink">{page[part.field]}</p>
                </section>
              ))}
            </Card>
          ) : (
            <Card as="article" data-testid="method-page-missing">
              <h2 className="text-lg font-semibold text-brand-900">What it is</h2>
              <p className="mt-2 max-w-prose text-[1.05rem] leading-relaxed break-words text-ink">{skill.description}</p>
              <div className="mt-5">
                <Alert tone="info">
                  {view.viewerIsAdmin
                    ? "This skill has no method page yet: members see only its short description. Write the page to tell them when to use it and what a good exchange of it looks like."
                    : "A fuller page on this skill is still to be written. Members who offer it are happy to explain it."}
                </Alert>
              </div>
            </Card>
          )}
        </div>

        <aside className="min-w-0 space-y-6">
          <Card aria-labelledby="in-bank-heading" data-testid="method-in-bank">
            <h2 id="in-bank-heading" className="text-lg font-semibold text-ink">
              In this bank
            </h2>
            <p className="mt-2 text-ink">
              <span className="text-2xl font-bold text-brand-800" data-testid="members-with-skill">
                {count.format(view.membersWithSkill)}
              </span>{" "}
              {view.membersWithSkill === 1 ? "member has" : "members have"} this skill on their profile.
            </p>
            <ul className="mt-4 space-y-2">
              <li>
                <Link href={browseHref(skill.id, "offer")} className="font-semibold text-brand-700 underline underline-offset-4" data-testid="browse-offers">
                  {plural(view.openOffers, "open offer", "open offers")} of help<span className="sr-only"> with {skill.name}</span>
                </Link>
              </li>
              <li>
                <Link href={browseHref(skill.id, "request")} className="font-semibold text-request-700 underline underline-offset-4" data-testid="browse-requests">
                  {plural(view.openRequests, "open request", "open requests")} for help<span className="sr-only"> with {skill.name}</span>
                </Link>
              </li>
            </ul>
          </Card>
          {view.edited && (
            <p className="text-sm text-ink-muted" data-testid="method-edited">
              Last edited {formatDateTimeUtc(view.edited.at)}
              {view.edited.byName ? ` by ${view.edited.byName}` : " (the library’s first version)"}. Only admins see this.
            </p>
          )}
        </aside>
      </div>
    </Page>
  );
}
