import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { REPORT_MONTH_CHOICES } from "@/lib/reports/queries";

/** The reports' choice of period (the last 6, 12 or 24 months), sent as ?months= to `action`. */
export function PeriodForm({ action, months, label = "Period" }: { action: string; months: number; label?: string }) {
  return (
    <form method="get" action={action} className="mb-2 flex flex-wrap items-end gap-3 print:hidden">
      <div className="w-56 space-y-1.5">
        <label htmlFor="months" className="block font-semibold text-ink">
          {label}
        </label>
        <Select id="months" name="months" defaultValue={String(months)}>
          {REPORT_MONTH_CHOICES.map((m) => (
            <option key={m} value={m}>
              Last {m} months
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
