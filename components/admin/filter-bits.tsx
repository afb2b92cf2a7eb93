// The pieces every admin filter form shares: a UTC date range and the show / clear buttons.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";

export function DateRangeFields({ from, to, errors }: { from?: string; to?: string; errors: FieldErrors }) {
  return (
    <>
      <Field id="from" label="From (UTC)" errors={errors.from} optional>
        {(aria) => <TextInput {...aria} name="from" type="date" defaultValue={from} />}
      </Field>
      <Field id="to" label="To (UTC)" hint="Included" errors={errors.to} optional>
        {(aria) => <TextInput {...aria} name="to" type="date" defaultValue={to} />}
      </Field>
    </>
  );
}

export function FilterButtons({ submitLabel, clearHref }: { submitLabel: string; clearHref: string }) {
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3">
      <button type="submit" className={buttonClass("primary")}>
        {submitLabel}
      </button>
      <Link href={clearHref} className={buttonClass("ghost")}>
        Clear filters
      </Link>
    </div>
  );
}
