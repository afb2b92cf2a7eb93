// Time as two number inputs, "hours" and "mins", in one fieldset: members type "1" and "30", or
// "1.5" hours. The server folds them into whole minutes with foldTypedTime (lib/validation.ts).
import type { ChangeEvent, ReactNode } from "react";
import { controlClass, describedByOf, FieldNotes } from "@/components/ui/field";
import { splitMinutes } from "@/lib/validation";

export function TimeFields({
  id,
  legend,
  hint,
  errors,
  maxMinutes,
  defaultMinutes,
  values,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** The most this form allows, for the hours input's max. */
  maxMinutes: number;
  /** What the inputs start with; blank when not given. */
  defaultMinutes?: number;
  /** The values typed or submitted last time, kept after an error. */
  values?: { hours?: string; mins?: string };
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const { errorId, describedBy } = describedByOf(id, hint, errors);
  const invalid = errorId ? true : undefined;
  const start = defaultMinutes === undefined ? { hours: "", mins: "" } : splitMinutes(defaultMinutes);
  const hours = values?.hours ?? String(start.hours);
  const mins = values?.mins ?? String(start.mins);
  const input = { type: "number", min: 0, onChange, "aria-invalid": invalid, "aria-describedby": describedBy, className: controlClass("w-24") } as const;
  return (
    <fieldset className="space-y-1.5" aria-describedby={describedBy}>
      <legend className="font-semibold text-ink">{legend}</legend>
      <FieldNotes id={id} hint={hint} errors={errors} />
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-hours`} className="block text-sm text-ink-muted">
            Hours
          </label>
          <input {...input} id={`${id}-hours`} name="hours" inputMode="decimal" max={maxMinutes / 60} step="any" defaultValue={hours} />
        </div>
        <div>
          <label htmlFor={`${id}-mins`} className="block text-sm text-ink-muted">
            Minutes
          </label>
          <input {...input} id={`${id}-mins`} name="mins" inputMode="numeric" max={59} step={1} defaultValue={mins} />
        </div>
      </div>
    </fieldset>
  );
}
