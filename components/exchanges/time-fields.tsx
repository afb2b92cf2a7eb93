// Hours and minutes, as two number inputs in one fieldset: members type "1" and "30", or "1.5"
// hours. The server folds them into whole minutes (lib/exchanges/schemas.ts).
import type { ReactNode } from "react";
import { controlClass } from "@/components/ui/field";

export function TimeFields({
  id,
  legend,
  hint,
  errors,
  defaultMinutes,
  values,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  defaultMinutes: number;
  /** The values submitted last time, kept after an error. */
  values?: { hours?: string; mins?: string };
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = errorId ? true : undefined;
  const hours = values?.hours ?? String(Math.floor(defaultMinutes / 60));
  const mins = values?.mins ?? String(defaultMinutes % 60);
  return (
    <fieldset className="space-y-1.5" aria-describedby={describedBy}>
      <legend className="font-semibold text-ink">{legend}</legend>
      {hint && (
        <p id={hintId} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-sm font-semibold text-red-800" data-testid={`error-${id}`}>
          <span className="sr-only">Error: </span>
          {errors!.join(" ")}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-hours`} className="block text-sm text-ink-muted">
            Hours
          </label>
          <input
            id={`${id}-hours`}
            name="hours"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            defaultValue={hours}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            className={controlClass("w-24")}
          />
        </div>
        <div>
          <label htmlFor={`${id}-mins`} className="block text-sm text-ink-muted">
            Minutes
          </label>
          <input
            id={`${id}-mins`}
            name="mins"
            type="number"
            inputMode="numeric"
            min={0}
            max={59}
            step={1}
            defaultValue={mins}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            className={controlClass("w-24")}
          />
        </div>
      </div>
    </fieldset>
  );
}
