// The transfer list's filters: a plain GET form, so a filtered view has an address an admin can
// keep or share and works without JavaScript. A filter that could not be read keeps what was
// typed, with the reason beside it.
import { DateRangeFields, FilterButtons } from "@/components/admin/filter-bits";
import { Field, Select, TextInput } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { ACCOUNT_SEARCH_MAX_CHARS, TRANSFER_KINDS, type TRANSFER_FILTER_PARAMS } from "@/lib/ledger-admin/queries";
import { TRANSFER_KIND_LABELS } from "./ledger-bits";

export type TransferFilterValues = Partial<Record<(typeof TRANSFER_FILTER_PARAMS)[number], string>>;

const STATE_LABELS = {
  standing: "Not reversed",
  reversed: "Reversed",
  reversal: "Is a reversal",
} as const;

export function TransferFiltersForm({ values, errors }: { values: TransferFilterValues; errors: FieldErrors }) {
  return (
    <form method="get" action="/admin/ledger" role="search" aria-label="Transfers" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="member" label="Member" hint="A name, email address or member id: in or out of their account" errors={errors.member} optional>
          {(aria) => <TextInput {...aria} name="member" type="search" defaultValue={values.member} maxLength={ACCOUNT_SEARCH_MAX_CHARS} autoComplete="off" />}
        </Field>
        <Field id="kind" label="Kind" errors={errors.kind} optional>
          {(aria) => (
            <Select {...aria} name="kind" defaultValue={values.kind ?? ""}>
              <option value="">Any kind</option>
              {TRANSFER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {TRANSFER_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="state" label="Reversed?" errors={errors.state} optional>
          {(aria) => (
            <Select {...aria} name="state" defaultValue={values.state ?? ""}>
              <option value="">All transfers</option>
              {Object.entries(STATE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id="min" label="At least" hint="Minutes" errors={errors.min} optional>
            {(aria) => <TextInput {...aria} name="min" type="number" min={1} step={1} inputMode="numeric" defaultValue={values.min} />}
          </Field>
          <Field id="max" label="At most" hint="Minutes" errors={errors.max} optional>
            {(aria) => <TextInput {...aria} name="max" type="number" min={1} step={1} inputMode="numeric" defaultValue={values.max} />}
          </Field>
        </div>
        <DateRangeFields from={values.from} to={values.to} errors={errors} />
      </div>
      <FilterButtons submitLabel="Show transfers" clearHref="/admin/ledger" />
    </form>
  );
}
