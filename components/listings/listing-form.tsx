"use client";
// The form for posting or editing an offer or a request. Inputs are controlled so that what the
// member typed stays after an error (the time and skill inputs keep it as their defaultValue, which
// React's reset after an action restores).
import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { createListingAction, updateListingAction } from "@/app/listings/actions";
import { FormMessage } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import {
  DESCRIPTION_MAX_CHARS,
  MAX_LISTING_HOURS,
  MAX_LISTING_MINUTES,
  MAX_TAGS,
  MIN_LISTING_MINUTES,
  TITLE_MAX_CHARS,
  type ListingKindValue,
} from "@/lib/listings/schemas";

export interface ListingFormValues {
  title: string;
  description: string;
  skillId: string;
  tags: string;
  hours: string;
  mins: string;
  wantedBy: string;
  /** The improvement project a request belongs to ("" for none). */
  projectId?: string;
  /** The campaign it is tagged to ("" for none). */
  campaignId?: string;
}

export function ListingForm({
  kind,
  skills,
  today,
  listingId,
  initial,
  cancelHref,
  projects = [],
  campaigns = [],
}: {
  kind: ListingKindValue;
  skills: { id: string; name: string; category: string }[];
  /** Today in the bank's calendar, YYYY-MM-DD (the earliest wanted-by date). */
  today: string;
  /** Set when editing. */
  listingId?: string;
  initial?: ListingFormValues;
  cancelHref: string;
  /** The member's own projects a request may belong to (requests only; none: no choice shown). */
  projects?: { id: string; title: string }[];
  /** Campaigns it may be tagged to (none: no choice shown). */
  campaigns?: { id: string; title: string }[];
}) {
  const editing = Boolean(listingId);
  const [state, formAction] = useActionState(editing ? updateListingAction : createListingAction, null);
  const [values, setValues] = useState<ListingFormValues>(
    initial ?? { title: "", description: "", skillId: "", tags: "", hours: "1", mins: "0", wantedBy: "", projectId: "", campaignId: "" },
  );
  const set = (name: keyof ListingFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const skillRef = useRef<HTMLSelectElement>(null);
  const projectRef = useRef<HTMLSelectElement>(null);
  const campaignRef = useRef<HTMLSelectElement>(null);
  const chosenSkill = values.skillId;
  const chosenProject = values.projectId ?? "";
  const chosenCampaign = values.campaignId ?? "";
  useEffect(() => {
    if (skillRef.current) skillRef.current.value = chosenSkill;
    if (projectRef.current) projectRef.current.value = chosenProject;
    if (campaignRef.current) campaignRef.current.value = chosenCampaign;
  }, [state, chosenSkill, chosenProject, chosenCampaign]);
  const categories = [...new Set(skills.map((s) => s.category))];
  const isOffer = kind === "offer";

  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} />
      {editing ? <input type="hidden" name="listingId" value={listingId} /> : <RequestKey />}
      {!editing && <input type="hidden" name="kind" value={kind} />}

      <Field
        id="title"
        label="Title"
        hint={isOffer ? "What you can help with, in a few words. For example: “I can coach you through your first SPC chart”." : "What you need help with. For example: “Help us map our discharge process”."}
        errors={errors.title}
      >
        {(aria) => <TextInput {...aria} name="title" value={values.title} onChange={set("title")} maxLength={TITLE_MAX_CHARS} required />}
      </Field>

      <Field
        id="description"
        label="Description"
        hint={isOffer ? "What you would do, how (in person, on a call), and anything the other member should prepare." : "Your project, what you have tried, and what good help would look like."}
        errors={errors.description}
      >
        {(aria) => (
          <TextArea {...aria} name="description" rows={6} value={values.description} onChange={set("description")} maxLength={DESCRIPTION_MAX_CHARS} required />
        )}
      </Field>

      <Field
        id="skillId"
        label="Skill"
        hint={
          <>
            The one quality-improvement skill it is closest to. Not sure? The{" "}
            <Link href="/methods" target="_blank" className="font-semibold text-brand-700 underline underline-offset-4">
              method library (opens in a new tab)
            </Link>{" "}
            explains each one.
          </>
        }
        errors={errors.skillId}
      >
        {(aria) => (
          // React 19 resets a form after its action, and a <select>'s reset goes back to its first
          // option whatever defaultValue said: the effect above puts the member's choice back.
          <Select {...aria} ref={skillRef} name="skillId" defaultValue={values.skillId} onChange={set("skillId")} required>
            <option value="">Choose a skill…</option>
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
        )}
      </Field>

      <TimeFields
        id="time"
        legend="About how long will it take?"
        hint={`Between ${MIN_LISTING_MINUTES} minutes and ${MAX_LISTING_HOURS} hours. An estimate: the exchange agrees the actual time.`}
        errors={errors.estimatedMinutes}
        maxMinutes={MAX_LISTING_MINUTES}
        values={{ hours: values.hours, mins: values.mins }}
        onChange={(e) => setValues((v) => ({ ...v, [e.target.name]: e.target.value }))}
      />

      <Field id="tags" label="Tags" optional hint={`Words that help people find it, separated by commas (up to ${MAX_TAGS}). For example: run charts, excel, sepsis.`} errors={errors.tags}>
        {(aria) => <TextInput {...aria} name="tags" value={values.tags} onChange={set("tags")} autoComplete="off" />}
      </Field>

      {!isOffer && (
        <Field id="wantedBy" label="Wanted by" optional hint="The date you need the help by, if there is one." errors={errors.wantedBy}>
          {(aria) => <TextInput {...aria} name="wantedBy" type="date" min={today} value={values.wantedBy} onChange={set("wantedBy")} className="sm:max-w-56" />}
        </Field>
      )}

      {!isOffer && projects.length > 0 && (
        <Field id="projectId" label="Part of project" optional hint="If this help is for one of your improvement projects, choose it: the project page shows the help asked and given." errors={errors.projectId}>
          {(aria) => (
            <Select {...aria} ref={projectRef} name="projectId" defaultValue={chosenProject} onChange={set("projectId")}>
              <option value="">Not part of a project</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}

      {campaigns.length > 0 && (
        <Field
          id="campaignId"
          label="Part of a campaign"
          optional
          hint={
            <>
              If this help is for one of the bank’s{" "}
              <Link href="/campaigns" target="_blank" className="font-semibold text-brand-700 underline underline-offset-4">
                campaigns (opens in a new tab)
              </Link>
              , choose it: the hours of its exchanges count toward the campaign.
            </>
          }
          errors={errors.campaignId}
        >
          {(aria) => (
            <Select {...aria} ref={campaignRef} name="campaignId" defaultValue={chosenCampaign} onChange={set("campaignId")}>
              <option value="">Not part of a campaign</option>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <SubmitButton variant={isOffer ? "primary" : "request"} pendingLabel={editing ? "Saving…" : "Posting…"}>
          {editing ? "Save changes" : isOffer ? "Post offer" : "Post request"}
        </SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
