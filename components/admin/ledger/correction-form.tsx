"use client";
// An adjustment or a grant for one member, with the admin's reason. The one-time key makes a
// double submit post once; after a success the form starts afresh with a new key.
import Link from "next/link";
import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/alert";
import { Field, FieldNotes, TextArea } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import type { ActionResult, FormState } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";
import { linkClass } from "./ledger-bits";

type Result = { transferId: string; replayed: boolean; minutes: number };
type Action = (prev: FormState, formData: FormData) => Promise<ActionResult<Result>>;

interface CorrectionState {
  result: FormState<Result>;
  sent: Record<string, string>;
  round: number;
}

export interface CorrectionLimits {
  maxMinutes: number;
  reasonMin: number;
  reasonMax: number;
}

export function CorrectionForm({ memberId, memberName, limits, action }: { memberId: string; memberName: string; limits: CorrectionLimits; action: Action }) {
  const [state, formAction] = useActionState<CorrectionState, FormData>(
    async (prev, formData) => {
      const result = await action(prev.result, formData);
      const sent = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
      // After a success, a fresh form (and a fresh one-time key); after an error, the same values and key.
      return { result, sent: result.ok ? {} : sent, round: result.ok ? prev.round + 1 : prev.round };
    },
    { result: null, sent: {}, round: 0 },
  );
  const errors = state.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const posted = state.result?.ok ? state.result.data.transferId : null;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state.result} />
      {posted && (
        <p>
          <Link href={`/admin/ledger/transfers/${posted}`} className={linkClass}>
            See transfer #{posted}
          </Link>
        </p>
      )}
      <input type="hidden" name="memberId" value={memberId} />
      <CorrectionFields key={state.round} sent={state.sent} errors={errors} memberName={memberName} limits={limits} />
      <SubmitButton pendingLabel="Posting…">Post it</SubmitButton>
    </form>
  );
}

function Choice({ name, value, checked, onChange, children }: { name: string; value: string; checked: boolean; onChange: () => void; children: React.ReactNode }) {
  return (
    <label className="flex min-h-11 items-start gap-3 rounded-lg px-3 py-2 ring-1 ring-line has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} className="mt-1 size-4" />
      <span>{children}</span>
    </label>
  );
}

function CorrectionFields({ sent, errors, memberName, limits }: { sent: Record<string, string>; errors: FieldErrors; memberName: string; limits: CorrectionLimits }) {
  const [kind, setKind] = useState(sent.kind ?? "adjustment");
  const [direction, setDirection] = useState(sent.direction ?? "");
  return (
    <>
      <RequestKey />
      <fieldset className="space-y-2" aria-describedby={errors.kind ? "kind-error" : undefined}>
        <legend className="font-semibold text-ink">What kind of correction</legend>
        <FieldNotes id="kind" errors={errors.kind} />
        <Choice name="kind" value="adjustment" checked={kind === "adjustment"} onChange={() => setKind("adjustment")}>
          <strong>Adjustment</strong>: put right a mistake, in either direction (through the bank&apos;s adjustment account).
        </Choice>
        <Choice name="kind" value="grant" checked={kind === "grant"} onChange={() => setKind("grant")}>
          <strong>Grant</strong>: give {memberName} hours from the bank (issuance), for example for helping the bank itself.
        </Choice>
      </fieldset>
      {kind === "adjustment" && (
        <fieldset className="space-y-2" aria-describedby={errors.direction ? "direction-error" : undefined}>
          <legend className="font-semibold text-ink">Which way</legend>
          <FieldNotes id="direction" errors={errors.direction} />
          <Choice name="direction" value="credit" checked={direction === "credit"} onChange={() => setDirection("credit")}>
            Add hours to {memberName}&apos;s account
          </Choice>
          <Choice name="direction" value="debit" checked={direction === "debit"} onChange={() => setDirection("debit")}>
            Take hours from {memberName}&apos;s account (never below their floor)
          </Choice>
        </fieldset>
      )}
      <TimeFields id="minutes" legend="How much" hint={`Up to ${limits.maxMinutes / 60} hours at a time.`} errors={errors.minutes} maxMinutes={limits.maxMinutes} values={sent} />
      <Field id="reason" label="Reason" hint={`${limits.reasonMin} to ${limits.reasonMax} characters. Kept with the transfer for good; ${memberName} sees it.`} errors={errors.reason}>
        {(aria) => <TextArea {...aria} name="reason" rows={3} maxLength={limits.reasonMax} defaultValue={sent.reason ?? ""} required />}
      </Field>
      {errors.requestKey && <FieldNotes id="requestKey" errors={errors.requestKey} />}
    </>
  );
}
