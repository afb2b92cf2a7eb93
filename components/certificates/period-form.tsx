// The period chooser: a plain GET form (it changes nothing, and works without JavaScript) that
// reloads /certificates with the chosen period, whose totals the page then previews.
import { Field, FieldNotes, Select, TextInput } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import type { PeriodChoice } from "@/lib/certificates/choice";
import { clampToJoined, describePeriod, presetPeriod, type PeriodPreset } from "@/lib/certificates/period";

const radio = "size-5 shrink-0 accent-brand-700";

export function PeriodForm({ choice, bounds, years }: { choice: PeriodChoice; bounds: { today: string; joined: string }; years: number[] }) {
  const describe = (preset: Exclude<PeriodPreset, "custom" | "calendar-year">) => {
    const p = clampToJoined(presetPeriod(preset, bounds.today), bounds.joined);
    return p.from > p.to ? "Before you joined" : describePeriod(p);
  };
  const options: { value: PeriodPreset; label: string; hint?: string }[] = [
    { value: "last-12-months", label: "The last 12 months", hint: describe("last-12-months") },
    { value: "last-financial-year", label: "The last financial year", hint: describe("last-financial-year") },
    { value: "this-financial-year", label: "This financial year so far", hint: describe("this-financial-year") },
    { value: "calendar-year", label: "A calendar year" },
    { value: "custom", label: "Dates of your choice" },
  ];
  const errorId = choice.errors.period?.length ? "period-error" : undefined;
  return (
    <form method="get" action="/certificates" className="space-y-5" aria-label="Choose a period">
      <fieldset className="space-y-3" aria-describedby={errorId}>
        <legend className="font-semibold text-ink">Period</legend>
        <FieldNotes id="period" hint="Days in the UK calendar, the first and last included. A period starts no earlier than the day you joined." errors={choice.errors.period} />
        <div className="space-y-2">
          {options.map((o) => (
            <label key={o.value} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg bg-white px-3 py-2.5 ring-1 ring-line has-[:checked]:ring-2 has-[:checked]:ring-brand-600">
              <input type="radio" name="period" value={o.value} defaultChecked={choice.preset === o.value} className={`${radio} mt-0.5`} />
              <span>
                <span className="block font-semibold">{o.label}</span>
                {o.hint && <span className="block text-sm text-ink-muted">{o.hint}</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="year" label="Which calendar year" hint="With “A calendar year”.">
        {(aria) => (
          <Select {...aria} name="year" defaultValue={String(choice.year)} className="sm:max-w-40">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="from" label="First day" hint="With “Dates of your choice”." errors={choice.errors.from}>
          {(aria) => (
            <TextInput {...aria} type="date" name="from" defaultValue={choice.preset === "custom" ? choice.from : ""} min={bounds.joined} max={bounds.today} />
          )}
        </Field>
        <Field id="to" label="Last day" hint="With “Dates of your choice”." errors={choice.errors.to}>
          {(aria) => <TextInput {...aria} type="date" name="to" defaultValue={choice.preset === "custom" ? choice.to : ""} min={bounds.joined} max={bounds.today} />}
        </Field>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Show the hours for this period
      </button>
    </form>
  );
}
