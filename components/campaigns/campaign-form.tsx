"use client";
// Starting or editing a campaign. After an error the form shows what was sent (React resets a form
// after its action, so the fields are remounted with the sent values as their defaults).
import Link from "next/link";
import { useActionState, useEffect, useRef, type RefObject } from "react";
import { createCampaignAction, updateCampaignAction } from "@/app/campaigns/actions";
import { FormMessage } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, FieldNotes, Select, TextArea, TextInput } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import {
  CAMPAIGN_AIM_MAX_CHARS,
  CAMPAIGN_MAX_ORGANISERS,
  CAMPAIGN_MAX_SKILLS,
  CAMPAIGN_TARGET_MAX_HOURS,
  CAMPAIGN_TITLE_MAX_CHARS,
  CAMPAIGN_WHY_MAX_CHARS,
} from "@/lib/campaigns/schemas";

export interface CampaignFormValues {
  title: string;
  aim: string;
  whyItMatters: string;
  startsOn: string;
  endsOn: string;
  targetHours: string;
  hubId: string;
  skillIds: string[];
  organiserIds: string[];
  organiserEmails: string;
}

interface Sent {
  result: FormState<{ id: string }>;
  values: CampaignFormValues | null;
  round: number;
}

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ id: string }>>;

export function CampaignForm({
  campaignId,
  initial,
  hubs,
  hubName,
  skills,
  organisers = [],
  cancelHref,
}: {
  /** Set when editing. */
  campaignId?: string;
  initial: CampaignFormValues;
  /** Starting one: the hubs (id "" for the whole bank) the member may start one for. */
  hubs?: { id: string; name: string }[];
  /** Editing: the hub that runs it (it does not change), or null for the whole bank. */
  hubName?: string | null;
  skills: { id: string; name: string; category: string }[];
  /** Editing: its organisers now, to keep or take off. */
  organisers?: { id: string; name: string }[];
  cancelHref: string;
}) {
  const editing = Boolean(campaignId);
  const action: Action = editing ? updateCampaignAction : createCampaignAction;
  const [state, formAction] = useActionState<Sent, FormData>(
    async (prev, formData) => {
      const result = await action(prev.result, formData);
      return { result, values: result.ok ? prev.values : valuesOf(formData), round: prev.round + 1 };
    },
    { result: null, values: null, round: 0 },
  );
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  // React resets a form after its action, and a <select>'s reset goes back to its first option
  // whatever defaultValue said: the effect puts the hub that was sent back.
  const hubRef = useRef<HTMLSelectElement>(null);
  const sentHub = (state.values ?? initial).hubId;
  useEffect(() => {
    if (hubRef.current) hubRef.current.value = sentHub;
  }, [state, sentHub]);
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state.result} />
      {editing ? <input type="hidden" name="campaignId" value={campaignId} /> : <RequestKey />}
      <CampaignFields key={state.round} v={state.values ?? initial} errors={errors} hubRef={hubRef} hubs={hubs} hubName={hubName} skills={skills} organisers={organisers} />
      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <SubmitButton pendingLabel={editing ? "Saving…" : "Starting…"}>{editing ? "Save changes" : "Start the campaign"}</SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

function valuesOf(formData: FormData): CampaignFormValues {
  const one = (name: string) => String(formData.get(name) ?? "");
  return {
    title: one("title"),
    aim: one("aim"),
    whyItMatters: one("whyItMatters"),
    startsOn: one("startsOn"),
    endsOn: one("endsOn"),
    targetHours: one("targetHours"),
    hubId: one("hubId"),
    skillIds: formData.getAll("skillIds").map(String),
    organiserIds: formData.getAll("organiserIds").map(String),
    organiserEmails: one("organiserEmails"),
  };
}

function CampaignFields({
  v,
  errors,
  hubRef,
  hubs,
  hubName,
  skills,
  organisers,
}: {
  v: CampaignFormValues;
  errors: FieldErrors;
  hubRef: RefObject<HTMLSelectElement | null>;
  hubs?: { id: string; name: string }[];
  hubName?: string | null;
  skills: { id: string; name: string; category: string }[];
  organisers: { id: string; name: string }[];
}) {
  const categories = [...new Set(skills.map((s) => s.category))];
  return (
    <>
      {hubs ? (
        <Field id="hubId" label="Who runs it" hint="A hub’s campaign is organised by members of that hub; members of every hub can still join it and help." errors={errors.hubId}>
          {(aria) => (
            <Select {...aria} ref={hubRef} name="hubId" defaultValue={v.hubId}>
              {hubs.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : (
        <p className="text-ink">
          <span className="font-semibold">Run by:</span> {hubName ?? "the whole bank"}
        </p>
      )}

      <Field id="title" label="Title" hint="A short name members will remember, for example “Home for lunch”." errors={errors.title}>
        {(aria) => <TextInput {...aria} name="title" defaultValue={v.title} maxLength={CAMPAIGN_TITLE_MAX_CHARS} required />}
      </Field>

      <Field id="aim" label="Aim" hint="What the campaign will achieve, by how much and by when." errors={errors.aim}>
        {(aria) => <TextArea {...aria} name="aim" rows={3} defaultValue={v.aim} maxLength={CAMPAIGN_AIM_MAX_CHARS} required />}
      </Field>

      <Field id="whyItMatters" label="Why it matters" hint="What it means for patients, carers and staff." errors={errors.whyItMatters}>
        {(aria) => <TextArea {...aria} name="whyItMatters" rows={4} defaultValue={v.whyItMatters} maxLength={CAMPAIGN_WHY_MAX_CHARS} required />}
      </Field>

      <div className="grid gap-6 sm:grid-cols-2">
        <Field id="startsOn" label="Starts on" errors={errors.startsOn}>
          {(aria) => <TextInput {...aria} name="startsOn" type="date" defaultValue={v.startsOn} required />}
        </Field>
        <Field id="endsOn" label="Ends on" hint="Up to three years after the start." errors={errors.endsOn}>
          {(aria) => <TextInput {...aria} name="endsOn" type="date" defaultValue={v.endsOn} required />}
        </Field>
      </div>

      <Field id="targetHours" label="Target in hours" hint={`The hours of help members aim to exchange for it, from 1 to ${CAMPAIGN_TARGET_MAX_HOURS.toLocaleString("en-GB")}.`} errors={errors.targetHours}>
        {(aria) => <TextInput {...aria} name="targetHours" type="number" inputMode="numeric" min={1} max={CAMPAIGN_TARGET_MAX_HOURS} step={1} defaultValue={v.targetHours} className="sm:max-w-40" required />}
      </Field>

      <fieldset className="space-y-3" aria-describedby={errors.skillIds ? "skillIds-hint skillIds-error" : "skillIds-hint"}>
        <legend className="font-semibold text-ink">Skills it needs</legend>
        <FieldNotes id="skillIds" hint={`Choose between 1 and ${CAMPAIGN_MAX_SKILLS}.`} errors={errors.skillIds} />
        <div className="grid gap-4 sm:grid-cols-2">
          {categories.map((category) => (
            <div key={category} className="rounded-lg bg-page p-4 ring-1 ring-line">
              <p className="mb-2 text-sm font-semibold tracking-wide text-ink-muted uppercase">{category}</p>
              <ul className="space-y-1.5">
                {skills
                  .filter((s) => s.category === category)
                  .map((s) => (
                    <li key={s.id}>
                      <label className="flex min-h-8 cursor-pointer items-start gap-2.5">
                        <input type="checkbox" name="skillIds" value={s.id} defaultChecked={v.skillIds.includes(s.id)} className="mt-1 size-4 shrink-0 accent-brand-600" />
                        <span className="min-w-0 break-words">{s.name}</span>
                      </label>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      </fieldset>

      {organisers.length > 0 && (
        <fieldset className="space-y-2" aria-describedby={errors.organiserIds ? "organiserIds-hint organiserIds-error" : "organiserIds-hint"}>
          <legend className="font-semibold text-ink">Organisers now</legend>
          <FieldNotes id="organiserIds" hint="Untick anyone who no longer organises it." errors={errors.organiserIds} />
          <ul className="space-y-1.5">
            {organisers.map((o) => (
              <li key={o.id}>
                <label className="flex min-h-8 cursor-pointer items-start gap-2.5">
                  <input type="checkbox" name="organiserIds" value={o.id} defaultChecked={v.organiserIds.includes(o.id)} className="mt-1 size-4 shrink-0 accent-brand-600" />
                  <span className="min-w-0 break-words">{o.name}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <Field
        id="organiserEmails"
        label={organisers.length > 0 ? "Add organisers" : "Organisers"}
        optional={organisers.length > 0}
        hint={`Their email addresses, separated by commas or new lines (up to ${CAMPAIGN_MAX_ORGANISERS} organisers in all). Organisers are active members (of the hub, for a hub’s campaign) and can spend the campaign’s pool.`}
        errors={errors.organiserEmails}
      >
        {(aria) => <TextArea {...aria} name="organiserEmails" rows={2} defaultValue={v.organiserEmails} autoComplete="off" />}
      </Field>
    </>
  );
}
