"use client";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Field, Select, TextArea, controlClass } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import type { ActionResult, FormState } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import { DONATION_MAX_MINUTES, DONATION_MIN_MINUTES, DONATION_NOTE_MAX_CHARS } from "@/lib/members/schemas";

export interface RecipientOption {
  id: string;
  name: string;
  organisationName: string | null;
}

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ transferId: string; replayed: boolean }>>;

interface DonateState {
  result: FormState;
  sent: Record<string, string>;
  round: number;
}

export function DonateForm({ action, recipients, canSpend }: { action: Action; recipients: RecipientOption[]; canSpend: string }) {
  const [state, formAction] = useActionState<DonateState, FormData>(
    async (prev, formData) => {
      const result = await action(prev.result, formData);
      const sent: Record<string, string> = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
      // After a success, a fresh form (and a fresh one-time key); after an error, the same values and key.
      return { result, sent: result.ok ? {} : sent, round: result.ok ? prev.round + 1 : prev.round };
    },
    { result: null, sent: {}, round: 0 },
  );
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state.result} />
      <DonateFields key={state.round} sent={state.sent} errors={errors} recipients={recipients} canSpend={canSpend} />
      <SubmitButton pendingLabel="Giving…">Give hours</SubmitButton>
    </form>
  );
}

function DonateFields({ sent, errors, recipients, canSpend }: { sent: Record<string, string>; errors: FieldErrors; recipients: RecipientOption[]; canSpend: string }) {
  const [filter, setFilter] = useState("");
  const [to, setTo] = useState(sent.to ?? "");
  const needle = filter.trim().toLowerCase();
  // The chosen member stays in the list while the filter narrows it, so what is shown is what is sent.
  const shown = needle ? recipients.filter((r) => r.id === to || r.name.toLowerCase().includes(needle)) : recipients;
  return (
    <>
      <RequestKey />
      <Field id="to" label="Give to" hint="Choose a member, or the community pool, which helps members who need more hours than they have." errors={errors.to}>
        {(aria) => (
          <div className="space-y-2">
            <label htmlFor="recipient-filter" className="sr-only">
              Find a member by name
            </label>
            <input
              id="recipient-filter"
              type="search"
              placeholder="Type a name to narrow the list"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className={controlClass()}
            />
            <Select {...aria} name="to" value={to} onChange={(e) => setTo(e.target.value)} required>
              <option value="">Choose…</option>
              <option value="community">The community pool</option>
              {shown.length > 0 && (
                <optgroup label="Members">
                  {shown.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                      {r.organisationName ? ` (${r.organisationName})` : ""}
                    </option>
                  ))}
                </optgroup>
              )}
            </Select>
          </div>
        )}
      </Field>
      <TimeFields
        id="minutes"
        legend="How much"
        hint={`At least ${DONATION_MIN_MINUTES} minutes. You can give up to ${canSpend} now.`}
        errors={errors.minutes}
        maxMinutes={DONATION_MAX_MINUTES}
        values={sent}
      />
      <Field id="note" label="A note" optional hint={`Up to ${DONATION_NOTE_MAX_CHARS} characters; a member you give to sees it.`} errors={errors.note}>
        {(aria) => <TextArea {...aria} name="note" rows={2} maxLength={DONATION_NOTE_MAX_CHARS} defaultValue={sent.note ?? ""} />}
      </Field>
    </>
  );
}
