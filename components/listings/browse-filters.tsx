// The browse page's search box and filters: a plain GET form, so results have a shareable address
// and work without JavaScript. Stacks to one column on a phone.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/field";
import type { BrowseFilters } from "@/lib/listings/queries";
import { MAX_QUERY_CHARS } from "@/lib/listings/queries";

type Choice = { id: string; name: string };

export function BrowseFiltersForm({
  filters,
  skills,
  organisations,
  regions,
}: {
  filters: BrowseFilters;
  skills: (Choice & { category: string })[];
  organisations: Choice[];
  regions: Choice[];
}) {
  const label = "block text-sm font-semibold text-ink";
  const categories = [...new Set(skills.map((s) => s.category))];
  return (
    <form method="get" action="/browse" role="search" aria-label="Offers and requests" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor="q" className={label}>
            Search
          </label>
          <TextInput
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={MAX_QUERY_CHARS}
            placeholder="For example: SPC chart, process mapping, “patient experience”"
            className="mt-1"
            aria-describedby="q-hint"
          />
        </div>
        <button type="submit" className={buttonClass("primary", "sm:w-auto")}>
          Search
        </button>
      </div>
      <p id="q-hint" className="mt-1.5 text-sm text-ink-muted">
        Searches titles, descriptions, tags and skills. Put a phrase in quotes; put - before a word to leave it out.
      </p>
      <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="kind" className={label}>
            Show
          </label>
          <Select id="kind" name="kind" defaultValue={filters.kind ?? ""} className="mt-1">
            <option value="">Offers and requests</option>
            <option value="offer">Offers only</option>
            <option value="request">Requests only</option>
          </Select>
        </div>
        <div>
          <label htmlFor="skill" className={label}>
            Skill
          </label>
          <Select id="skill" name="skill" defaultValue={filters.skillId ?? ""} className="mt-1">
            <option value="">Any skill</option>
            {categories.map((category) => (
              <optgroup key={category} label={category}>
                {skills
                  .filter((s) => s.category === category)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="organisation" className={label}>
            Organisation
          </label>
          <Select id="organisation" name="organisation" defaultValue={filters.organisationId ?? ""} className="mt-1">
            <option value="">Any organisation</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="region" className={label}>
            Region
          </label>
          <Select id="region" name="region" defaultValue={filters.regionId ?? ""} className="mt-1">
            <option value="">Any region</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("secondary")}>
          Apply filters
        </button>
        <Link href="/browse" className={buttonClass("ghost")}>
          Clear all
        </Link>
      </div>
    </form>
  );
}
