"use client";
// Giving hours to a campaign's pool, and (for its organisers, hub coordinators and admins) paying
// from it for one of its open requests. After a success each form starts afresh with a new
// one-time key; after an error it keeps what was typed, and the same key.
import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { donateToCampaignAction, spendCampaignPoolAction } from "@/app/campaigns/actions";
import { FormMessage } from "@/components/ui/alert";
import { Field, Select, TextArea } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import type { ActionResult, FormState } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import { POOL_MAX_MINUTES, POOL_MIN_MINUTES, POOL_NOTE_MAX_CHARS } from "@/lib/campaigns/schemas";

type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<{ transferId: string; replayed: boolean }>>;

interface PoolState {
  result: FormState;
  sent: Record<string, string>;
  round: number;
  /** Every answer, success or not. */
  answers: number;
}

function PoolForm({ action, campaignId, submit, pending, fields }: { action: Action; campaignId: string; submit: string; pending: string; fields: (sent: Record<string, string>, errors: FieldErrors, answers: number) => ReactNode }) {
  const [state, formAction] = useActionState<PoolState, FormData>(
    async (prev, formData) => {
      const result = await action(prev.result, formData);
      const sent = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
      return { result, sent: result.ok ? {} : sent, round: result.ok ? prev.round + 1 : prev.round, answers: prev.answers + 1 };
    },
    { result: null, sent: {}, round: 0, answers: 0 },
  );
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state.result} />
      <input type="hidden" name="campaignId" value={campaignId} />
      <div key={state.round} className="space-y-5">
        <RequestKey />
        {fields(state.sent, errors, state.answers)}
      </div>
      <SubmitButton pendingLabel={pending}>{submit}</SubmitButton>
    </form>
  );
}

export function DonateToPoolForm({ campaignId, canGive }: { campaignId: string; canGive: string }) {
  return (
    <PoolForm
      action={donateToCampaignAction}
      campaignId={campaignId}
      submit="Give hours to the pool"
      pending="Giving…"
      fields={(sent, errors) => (
        <>
          <TimeFields
            id="donate-minutes"
            legend="How much to give"
            hint={`At least ${POOL_MIN_MINUTES} minutes. You can give up to ${canGive} now.`}
            errors={errors.minutes}
            maxMinutes={POOL_MAX_MINUTES}
            values={sent}
          />
          <Field id="donate-note" label="A note" optional hint={`Up to ${POOL_NOTE_MAX_CHARS} characters, kept with the donation.`} errors={errors.note}>
            {(aria) => <TextArea {...aria} name="note" rows={2} maxLength={POOL_NOTE_MAX_CHARS} defaultValue={sent.note ?? ""} />}
          </Field>
        </>
      )}
    />
  );
}

export function SpendPoolForm({ campaignId, requests, poolHolds }: { campaignId: string; requests: { id: string; title: string; ownerFirstName: string }[]; poolHolds: string }) {
  return (
    <PoolForm
      action={spendCampaignPoolAction}
      campaignId={campaignId}
      submit="Pay from the pool"
      pending="Paying…"
      fields={(sent, errors, answers) => (
        <>
          <RequestChoice requests={requests} sent={sent.listingId ?? ""} errors={errors.listingId} answers={answers} />
          <TimeFields
            id="spend-minutes"
            legend="How much to pay"
            hint={`At least ${POOL_MIN_MINUTES} minutes. The pool holds ${poolHolds}.`}
            errors={errors.minutes}
            maxMinutes={POOL_MAX_MINUTES}
            values={sent}
          />
          <Field id="spend-note" label="A note to the member" optional hint={`Up to ${POOL_NOTE_MAX_CHARS} characters.`} errors={errors.note}>
            {(aria) => <TextArea {...aria} name="note" rows={2} maxLength={POOL_NOTE_MAX_CHARS} defaultValue={sent.note ?? ""} />}
          </Field>
        </>
      )}
    />
  );
}

/**
 * React resets a form after its action, and a <select>'s reset goes back to its first option
 * whatever its value said: after each answer the effect puts the member's choice back.
 */
function RequestChoice({ requests, sent, errors, answers }: { requests: { id: string; title: string; ownerFirstName: string }[]; sent: string; errors?: string[]; answers: number }) {
  const [chosen, setChosen] = useState(sent);
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.value = chosen;
  }, [answers, chosen]);
  return (
    <Field id="spend-listing" label="For the request" hint="The hours go into the account of the member who asked, so they can pay for the help." errors={errors}>
      {(aria) => (
        <Select {...aria} ref={ref} name="listingId" defaultValue={chosen} onChange={(e) => setChosen(e.target.value)} required>
          <option value="">Choose a request…</option>
          {requests.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title} ({r.ownerFirstName})
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
