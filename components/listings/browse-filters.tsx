"use client";

// The browse page's search box and filters: a plain GET form, so results have a shareable address
// and work without JavaScript. Stacks to one column on a phone.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/field";
import type { BrowseFilters } from "@/lib/listings/queries";
import { MAX_ORGANISATION_CHARS, MAX_QUERY_CHARS } from "@/lib/listings/schemas";

type Choice = { id: string; name: string };

const LABEL = "block text-sm font-semibold text-ink";

export function BrowseFiltersForm({
  filters,
  skills,
  organisation,
  regions,
  myHub,
}: {
  filters: BrowseFilters;
  skills: (Choice & { category: string })[];
  /** What the organisation filter holds: the text typed, or the name of the organisation asked for by id. */
  organisation: string;
  regions: Choice[];
  /** The signed-in member's hub, for "only my hub"; null when they belong to none. */
  myHub: Choice | null;
}) {
  const categories = [...new Set(skills.map((s) => s.category))];
  return (
    <form method="get" action="/browse" role="search" aria-label="Offers and requests" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor="q" className={LABEL}>
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
        <FilterSelect name="kind" label="Show" value={filters.kind} any="Offers and requests">
          <option value="offer">Offers only</option>
          <option value="request">Requests only</option>
        </FilterSelect>
        <FilterSelect name="skill" label="Skill" value={filters.skillId} any="Any skill">
          {categories.map((category) => (
            <optgroup key={category} label={category}>
              <Options choices={skills.filter((s) => s.category === category)} />
            </optgroup>
          ))}
        </FilterSelect>
        <div>
          <label htmlFor="organisation" className={LABEL}>
            Organisation
          </label>
          <TextInput
            id="organisation"
            name="organisation"
            defaultValue={organisation}
            maxLength={MAX_ORGANISATION_CHARS}
            placeholder="Any organisation"
            className="mt-1"
            aria-describedby="organisation-hint"
          />
          <p id="organisation-hint" className="mt-1 text-sm text-ink-muted">
            Part of its name, for example “Bramley”.
          </p>
        </div>
        <FilterSelect name="region" label="Region" value={filters.regionId} any="Any region">
          <Options choices={regions} />
        </FilterSelect>
      </div>
      {myHub && (
        <label className="mt-4 flex min-h-11 items-center gap-3">
          <input type="checkbox" name="hub" value={myHub.id} defaultChecked={filters.hubId === myHub.id} className="size-5" />
          <span>
            Only members of my hub, <span className="font-semibold">{myHub.name}</span>
          </span>
        </label>
      )}
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

/** One filter: a labelled select whose first, blank choice means "any". */
function FilterSelect({ name, label, value, any, children }: { name: string; label: string; value: string | null; any: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className={LABEL}>
        {label}
      </label>
      <Select id={name} name={name} defaultValue={value ?? ""} className="mt-1">
        <option value="">{any}</option>
        {children}
      </Select>
    </div>
  );
}

function Options({ choices }: { choices: Choice[] }) {
  return choices.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
    </option>
  ));
}
