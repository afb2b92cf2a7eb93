// The audit page's filters: a plain GET form, so a filtered view has an address an admin can keep
// or share, and works without JavaScript. A filter that could not be read keeps what was typed,
// with the reason beside it.
import { DateRangeFields, FilterButtons } from "@/components/admin/filter-bits";
import { Field, Select, TextInput } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { ACTOR_FILTER_MAX_CHARS, AUDIT_TARGET_TYPES, auditActionGroups, type AuditFilters } from "@/lib/audit/queries";

export function AuditFiltersForm({ values, errors }: { values: Partial<Record<keyof AuditFilters, string>>; errors: FieldErrors }) {
  const groups = auditActionGroups();
  const knownTarget = !values.targetType || values.targetType in AUDIT_TARGET_TYPES;
  return (
    <form method="get" action="/admin/audit" role="search" aria-label="Audit log" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-line sm:p-5">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="actor" label="Who" hint="A name, email address or member id" errors={errors.actor} optional>
          {(aria) => <TextInput {...aria} name="actor" type="search" defaultValue={values.actor} maxLength={ACTOR_FILTER_MAX_CHARS} />}
        </Field>
        <Field id="action" label="What" errors={errors.action} optional>
          {(aria) => (
            <Select {...aria} name="action" defaultValue={values.action ?? ""}>
              <option value="">Any action</option>
              {groups.map((g) => (
                <optgroup key={g.prefix} label={g.label}>
                  {g.actions.length > 1 && <option value={g.prefix}>All: {g.label.toLowerCase()}</option>}
                  {g.actions.map((a) => (
                    <option key={a.action} value={a.action}>
                      {a.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          )}
        </Field>
        <Field id="targetType" label="About" errors={errors.targetType} optional>
          {(aria) => (
            <Select {...aria} name="targetType" defaultValue={values.targetType ?? ""}>
              <option value="">Anything</option>
              {Object.entries(AUDIT_TARGET_TYPES).map(([type, t]) => (
                <option key={type} value={type}>
                  {t.label}
                </option>
              ))}
              {!knownTarget && <option value={values.targetType}>{values.targetType}</option>}
            </Select>
          )}
        </Field>
        <Field id="targetId" label="Its id" hint="A member id, transfer number…" errors={errors.targetId} optional>
          {(aria) => <TextInput {...aria} name="targetId" defaultValue={values.targetId} maxLength={100} />}
        </Field>
        <DateRangeFields from={values.from} to={values.to} errors={errors} />
        <Field id="ip" label="From address" hint="The exact IP address" errors={errors.ip} optional>
          {(aria) => <TextInput {...aria} name="ip" defaultValue={values.ip} maxLength={64} inputMode="text" autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <FilterButtons submitLabel="Show entries" clearHref="/admin/audit" />
    </form>
  );
}
