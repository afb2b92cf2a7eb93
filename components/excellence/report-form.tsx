"use client";
// The form for a report of excellence. What the member typed and ticked is kept in state, so that
// it stays after an error (React resets a form after its action).
import Link from "next/link";
import { useActionState, useState } from "react";
import { writeReportAction } from "@/app/excellence/actions";
import { FormMessage } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { RequestKey } from "@/components/ui/request-key";
import { SubmitButton } from "@/components/ui/submit-button";
import { MAX_THEMES, REPORT_TEXT_MAX_CHARS, REPORT_TEXT_MIN_CHARS } from "@/lib/excellence/schemas";
import { EXCELLENCE_THEMES, THEME_LABELS, type ExcellenceThemeValue } from "@/lib/excellence/themes";

export function ReportForm({ recipientId, recipientFirstName, exchangeId, cancelHref }: { recipientId: string; recipientFirstName: string; exchangeId: string | null; cancelHref: string }) {
  const [state, formAction] = useActionState(writeReportAction, null);
  const [what, setWhat] = useState("");
  const [why, setWhy] = useState("");
  const [themes, setThemes] = useState<ExcellenceThemeValue[]>([]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const full = themes.length >= MAX_THEMES;
  const toggle = (theme: ExcellenceThemeValue) => setThemes((t) => (t.includes(theme) ? t.filter((x) => x !== theme) : [...t, theme]));
  const formErrors = [...(errors.recipientId ?? []), ...(errors.exchangeId ?? [])];

  return (
    <form action={formAction} className="space-y-6" noValidate>
      <FormMessage state={state} />
      {formErrors.length > 0 && (
        <p className="text-sm font-semibold text-red-800" data-testid="error-recipient">
          {formErrors.join(" ")}
        </p>
      )}
      <RequestKey />
      <input type="hidden" name="recipientId" value={recipientId} />
      {exchangeId && <input type="hidden" name="exchangeId" value={exchangeId} />}

      <Field
        id="whatTheyDid"
        label={`What did ${recipientFirstName} do?`}
        hint={`Describe the work itself, so that someone who was not there can picture it. ${REPORT_TEXT_MIN_CHARS} to ${REPORT_TEXT_MAX_CHARS} characters.`}
        errors={errors.whatTheyDid}
      >
        {(aria) => <TextArea {...aria} name="whatTheyDid" rows={5} value={what} onChange={(e) => setWhat(e.target.value)} maxLength={REPORT_TEXT_MAX_CHARS} required />}
      </Field>

      <Field
        id="whyItMattered"
        label="Why did it matter?"
        hint="The difference it made: to patients, to your team, to you, or to how the work is done now."
        errors={errors.whyItMattered}
      >
        {(aria) => <TextArea {...aria} name="whyItMattered" rows={5} value={why} onChange={(e) => setWhy(e.target.value)} maxLength={REPORT_TEXT_MAX_CHARS} required />}
      </Field>

      <fieldset className="space-y-3" aria-describedby={errors.themes ? "themes-hint themes-error" : "themes-hint"}>
        <legend className="font-semibold text-ink">Themes</legend>
        <p id="themes-hint" className="text-sm text-ink-muted">
          Choose 1 to {MAX_THEMES}. Admins look at themes across all reports to see what the bank does well.
        </p>
        {errors.themes && (
          <p id="themes-error" className="text-sm font-semibold text-red-800" data-testid="error-themes">
            <span className="sr-only">Error: </span>
            {errors.themes.join(" ")}
          </p>
        )}
        <ul className="grid gap-2 sm:grid-cols-2">
          {EXCELLENCE_THEMES.map((theme) => {
            const checked = themes.includes(theme);
            return (
              <li key={theme}>
                <label className={`flex min-h-11 cursor-pointer items-center gap-2.5 rounded-lg px-3 py-2 ring-1 ${checked ? "bg-brand-50 ring-brand-300" : "bg-page ring-line"} ${!checked && full ? "opacity-60" : ""}`}>
                  <input
                    type="checkbox"
                    name="themes[]"
                    value={theme}
                    checked={checked}
                    disabled={!checked && full}
                    onChange={() => toggle(theme)}
                    className="size-4 shrink-0 accent-brand-600"
                  />
                  <span>{THEME_LABELS[theme]}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
        <SubmitButton pendingLabel="Sending…">Send the report</SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
