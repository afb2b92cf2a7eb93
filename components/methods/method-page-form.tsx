"use client";
// An admin's form for a skill's method page: its three parts, kept in state so that what was
// typed stays after an error.
import Link from "next/link";
import { useActionState, useState } from "react";
import { saveMethodPageAction } from "@/app/methods/actions";
import { FormMessage } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { METHOD_PARTS, METHOD_TEXT_MAX_CHARS, METHOD_TEXT_MIN_CHARS } from "@/lib/methods/schemas";

type Values = { whatItIs: string; whenToUse: string; goodExchange: string };

const HINTS: Record<keyof Values, string> = {
  whatItIs: "Two to four plain sentences. Explain any term a newcomer would not know.",
  whenToUse: "The problems and moments it suits, in a health or care setting.",
  goodExchange: "What the helper does, and what the member helped should leave with.",
};

export function MethodPageForm({ skillId, initial, exists, cancelHref }: { skillId: string; initial: Values; exists: boolean; cancelHref: string }) {
  const [state, formAction] = useActionState(saveMethodPageAction, null);
  const [values, setValues] = useState<Values>(initial);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="skillId" value={skillId} />
      {METHOD_PARTS.map((part) => (
        <Field key={part.field} id={part.field} label={part.heading} hint={`${HINTS[part.field]} ${METHOD_TEXT_MIN_CHARS} to ${METHOD_TEXT_MAX_CHARS} characters.`} errors={errors[part.field]}>
          {(aria) => (
            <TextArea
              {...aria}
              name={part.field}
              rows={6}
              value={values[part.field]}
              onChange={(e) => setValues((v) => ({ ...v, [part.field]: e.target.value }))}
              maxLength={METHOD_TEXT_MAX_CHARS}
              required
            />
          )}
        </Field>
      ))}
      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <SubmitButton pendingLabel="Saving…">{exists ? "Save changes" : "Publish the page"}</SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
