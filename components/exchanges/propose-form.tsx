"use client";
import { useActionState, useState } from "react";
import { proposeExchangeAction } from "@/app/exchanges/actions";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextArea } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { TimeFields } from "@/components/ui/time-fields";
import { MAX_EXCHANGE_MINUTES } from "@/lib/exchanges/schemas";

const MAX_NOTE = 1000;

export function ProposeForm({
  listingId,
  estimatedMinutes,
  asksForHelp,
  ownerName,
}: {
  listingId: string;
  estimatedMinutes: number;
  /** True on an offer (the member pays), false on a request (the member helps). */
  asksForHelp: boolean;
  ownerName: string;
}) {
  const [state, action] = useActionState(proposeExchangeAction, null);
  const [submitted, setSubmitted] = useState<{ hours?: string; mins?: string; note?: string }>({});
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      action={(formData) => {
        setSubmitted({ hours: String(formData.get("hours") ?? ""), mins: String(formData.get("mins") ?? ""), note: String(formData.get("note") ?? "") });
        return action(formData);
      }}
      className="space-y-5"
      noValidate
    >
      <FormMessage state={state} />
      <input type="hidden" name="listingId" value={listingId} />
      <RequestKey />
      <TimeFields
        id="minutes"
        legend={asksForHelp ? "How much of their time are you asking for?" : "How much time are you offering?"}
        hint={`${ownerName} estimated this. Between 15 minutes and 100 hours; you can agree a further exchange later if it takes longer.`}
        errors={errors?.minutes}
        maxMinutes={MAX_EXCHANGE_MINUTES}
        defaultMinutes={estimatedMinutes}
        values={submitted.hours !== undefined ? submitted : undefined}
      />
      <Field id="note" label={`A note for ${ownerName}`} optional hint={`What you have in mind, and when suits you. Up to ${MAX_NOTE} characters.`} errors={errors?.note}>
        {(aria) => <TextArea {...aria} name="note" maxLength={MAX_NOTE} defaultValue={submitted.note} />}
      </Field>
      {errors?.listingId && <p className="text-sm font-semibold text-red-800">{errors.listingId.join(" ")}</p>}
      {errors?.requestKey && <p className="text-sm font-semibold text-red-800">{errors.requestKey.join(" ")}</p>}
      <div className="flex flex-wrap gap-3">
        <SubmitButton variant={asksForHelp ? "primary" : "request"} pendingLabel="Sending…">
          {asksForHelp ? "Send my request" : "Send my offer"}
        </SubmitButton>
      </div>
    </form>
  );
}
