"use client";
// The exchange's conversation, and the box to add to it. After a message is sent the box is
// remounted with a new React key: it clears, and the next message gets a fresh request key.
import { useActionState, useCallback, useEffect, useState } from "react";
import { sendMessageAction } from "@/app/exchanges/actions";
import { FormMessage } from "@/components/ui/alert";
import { Field, TextArea } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";

const MAX_MESSAGE = 4000;

export function MessageBox({ exchangeId, otherName }: { exchangeId: string; otherName: string }) {
  const [generation, setGeneration] = useState(0);
  const onSent = useCallback(() => setGeneration((g) => g + 1), []);
  return <MessageForm key={generation} exchangeId={exchangeId} otherName={otherName} onSent={onSent} />;
}

function MessageForm({ exchangeId, otherName, onSent }: { exchangeId: string; otherName: string; onSent: () => void }) {
  const [state, formAction] = useActionState(sendMessageAction, null);
  const [body, setBody] = useState("");
  useEffect(() => {
    if (state?.ok) onSent();
  }, [state, onSent]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid="message-form">
      {state && !state.ok && <FormMessage state={state} />}
      <input type="hidden" name="exchangeId" value={exchangeId} />
      <RequestKey />
      <Field id="message-body" label={`Message ${otherName}`} hint="Agree a time and place, share a link, or ask a question." errors={errors?.body}>
        {(aria) => <TextArea {...aria} name="body" rows={3} maxLength={MAX_MESSAGE} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send message
      </SubmitButton>
    </form>
  );
}
