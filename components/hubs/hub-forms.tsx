"use client";
// The admin's hub forms: the hub itself (name, description, its organisations by region) and its
// coordinators (add by email address, remove).
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { describedByOf, Field, FieldNotes, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult, FormState } from "@/lib/actions/result";
import type { HubOrganisationChoice } from "@/lib/hubs/queries";
import { HUB_DESCRIPTION_MAX_CHARS, HUB_NAME_MAX_CHARS } from "@/lib/hubs/schemas";

const ORGANISATIONS_HINT = "Members belong to the hub of their organisation. An organisation is in one hub at most.";

type Action<T> = (prev: FormState, formData: FormData) => Promise<ActionResult<T>>;

function byRegion(organisations: HubOrganisationChoice[]): [string, HubOrganisationChoice[]][] {
  const groups = new Map<string, HubOrganisationChoice[]>();
  for (const o of organisations) {
    const region = o.region ?? "No region";
    groups.set(region, [...(groups.get(region) ?? []), o]);
  }
  return [...groups];
}

export function HubForm({
  action,
  hub,
  organisations,
  submitLabel,
}: {
  action: Action<{ id: string }>;
  hub?: { id: string; name: string; description: string };
  organisations: HubOrganisationChoice[];
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-6">
      <FormMessage state={state} />
      {hub && <input type="hidden" name="hubId" value={hub.id} />}
      <Field id="name" label="Name" hint="For example the integrated care system or partnership: “North Coast Partnership”." errors={errors.name}>
        {(aria) => <TextInput {...aria} name="name" defaultValue={hub?.name} maxLength={HUB_NAME_MAX_CHARS} required />}
      </Field>
      <Field id="description" label="About this hub" hint="Who it is for and what it works on. Members see this." errors={errors.description}>
        {(aria) => <TextArea {...aria} name="description" rows={3} defaultValue={hub?.description} maxLength={HUB_DESCRIPTION_MAX_CHARS} required />}
      </Field>
      <fieldset className="space-y-3" aria-describedby={describedByOf("organisationIds", ORGANISATIONS_HINT, errors.organisationIds).describedBy}>
        <legend className="font-semibold text-ink">Organisations in the hub</legend>
        <FieldNotes id="organisationIds" hint={ORGANISATIONS_HINT} errors={errors.organisationIds} />
        {byRegion(organisations).map(([region, orgs]) => (
          <div key={region}>
            <p className="mb-1 text-sm font-semibold text-ink-muted">{region}</p>
            <ul className="grid gap-1 sm:grid-cols-2">
              {orgs.map((o) => (
                <li key={o.id}>
                  <label className="flex min-h-11 items-start gap-3 rounded-lg p-2 ring-1 ring-line has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
                    <input type="checkbox" name="organisationIds" value={o.id} defaultChecked={o.inThisHub} className="mt-1 size-5 shrink-0" />
                    <span className="min-w-0 break-words">
                      {o.name}
                      {o.otherHub && <span className="block text-sm text-ink-muted">Now in {o.otherHub}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}

export function AddCoordinatorForm({ hubId, action }: { hubId: string; action: Action<{ memberId: string; name: string | null }> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="hubId" value={hubId} />
      <Field id="email" label="Member's email address" hint="An active member whose organisation is in this hub." errors={errors.email}>
        {(aria) => <TextInput {...aria} name="email" type="email" autoComplete="off" required />}
      </Field>
      <SubmitButton pendingLabel="Adding…">Add coordinator</SubmitButton>
    </form>
  );
}

export function RemoveCoordinatorForm({ hubId, memberId, name, action }: { hubId: string; memberId: string; name: string; action: Action<null> }) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={formAction}>
      <FormMessage state={state} />
      <input type="hidden" name="hubId" value={hubId} />
      <input type="hidden" name="memberId" value={memberId} />
      <SubmitButton variant="secondary" pendingLabel="Removing…">
        Remove {name} as coordinator
      </SubmitButton>
    </form>
  );
}
