"use client";
import { useActionState } from "react";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/actions/result";
import type { ProfileFormOptions } from "@/lib/members/queries";
import { AVAILABILITY_MAX_CHARS, BIO_MAX_CHARS, PROFESSIONS, SKILLS_MAX, TAGS_MAX } from "@/lib/members/schemas";

export interface ProfileValues {
  name: string;
  profession: string;
  organisationId: string;
  regionId: string;
  bio: string;
  skillIds: string[];
  tags: string[];
  availability: string;
}

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** The values the member typed, read back from the form they submitted (kept after an error). */
function submitted(formData: FormData | null, fallback: ProfileValues): ProfileValues {
  if (!formData) return fallback;
  const text = (k: string) => String(formData.get(k) ?? "");
  return {
    name: text("name"),
    profession: text("profession"),
    organisationId: text("organisationId"),
    regionId: text("regionId"),
    bio: text("bio"),
    skillIds: formData.getAll("skills[]").map(String),
    tags: text("tags")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    availability: text("availability"),
  };
}

export function ProfileForm({
  action,
  options,
  initial,
  submitLabel,
}: {
  action: Action;
  options: ProfileFormOptions;
  initial: ProfileValues;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(async (prev: { result: FormState; values: ProfileValues }, formData: FormData) => {
    const result = await action(prev.result, formData);
    return { result, values: submitted(formData, initial) };
  }, { result: null, values: initial });
  const v = state.values;
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  // A new key after each submission remounts the fields with the values just sent.
  const formKey = JSON.stringify(v);

  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state.result} />
      <div key={formKey} className="space-y-6">
        <Field id="name" label="Your name" hint="As colleagues know you. Other members see it." errors={errors.name}>
          {(aria) => <TextInput {...aria} name="name" autoComplete="name" defaultValue={v.name} required maxLength={100} />}
        </Field>

        <div className="grid gap-6 sm:grid-cols-2">
          <Field id="profession" label="Profession" errors={errors.profession}>
            {(aria) => (
              <Select {...aria} name="profession" defaultValue={v.profession} required>
                <option value="">Choose…</option>
                {PROFESSIONS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="regionId" label="Region" errors={errors.regionId}>
            {(aria) => (
              <Select {...aria} name="regionId" defaultValue={v.regionId} required>
                <option value="">Choose…</option>
                {options.regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>

        <Field id="organisationId" label="Organisation" hint="Where you work or volunteer." errors={errors.organisationId}>
          {(aria) => (
            <Select {...aria} name="organisationId" defaultValue={v.organisationId} required>
              <option value="">Choose…</option>
              {options.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
              <option value="none">My organisation is not listed</option>
            </Select>
          )}
        </Field>

        <Field
          id="bio"
          label="About you"
          hint={`What you do and what you would like to learn or share (up to ${BIO_MAX_CHARS} characters).`}
          errors={errors.bio}
        >
          {(aria) => <TextArea {...aria} name="bio" rows={5} defaultValue={v.bio} required maxLength={BIO_MAX_CHARS} />}
        </Field>

        <fieldset className="space-y-3" aria-describedby={errors.skills ? "skills-error" : "skills-hint"}>
          <legend className="font-semibold text-ink">Skills you can share</legend>
          <p id="skills-hint" className="text-sm text-ink-muted">
            Choose between 1 and {SKILLS_MAX}.
          </p>
          {errors.skills && (
            <p id="skills-error" className="text-sm font-semibold text-red-800" data-testid="error-skills">
              <span className="sr-only">Error: </span>
              {errors.skills.join(" ")}
            </p>
          )}
          {options.skillGroups.length === 0 && <p className="text-ink-muted">The bank has no skills listed yet. Ask an admin to add some.</p>}
          <div className="grid gap-4 sm:grid-cols-2">
            {options.skillGroups.map((group) => (
              <div key={group.category} className="rounded-lg bg-page p-4 ring-1 ring-line">
                <p className="mb-2 text-sm font-semibold tracking-wide text-ink-muted uppercase">{group.category}</p>
                <ul className="space-y-1.5">
                  {group.skills.map((s) => (
                    <li key={s.id}>
                      <label className="flex min-h-8 cursor-pointer items-start gap-2.5">
                        <input
                          type="checkbox"
                          name="skills[]"
                          value={s.id}
                          defaultChecked={v.skillIds.includes(s.id)}
                          className="mt-1 size-4 shrink-0 accent-brand-600"
                        />
                        <span className="min-w-0 break-words">{s.name}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </fieldset>

        <Field
          id="tags"
          label="Topics"
          optional
          hint={`Up to ${TAGS_MAX} words or short phrases, separated by commas, e.g. sepsis, discharge, falls.`}
          errors={errors.tags}
        >
          {(aria) => <TextInput {...aria} name="tags" defaultValue={v.tags.join(", ")} />}
        </Field>

        <Field
          id="availability"
          label="When you are usually free"
          optional
          hint="e.g. Tuesday afternoons, remote."
          errors={errors.availability}
        >
          {(aria) => <TextInput {...aria} name="availability" defaultValue={v.availability} maxLength={AVAILABILITY_MAX_CHARS} />}
        </Field>
      </div>
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
