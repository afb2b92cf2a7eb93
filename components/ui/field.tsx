// A labelled form field with its hint and its error beside it (linked by aria-describedby).
import type { ComponentProps, ReactNode } from "react";

const CONTROL =
  "block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-ink shadow-xs placeholder:text-ink-muted/70 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

export function controlClass(extra = ""): string {
  return `${CONTROL} border-ink-muted/50 ${extra}`.trim();
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  optional?: boolean;
  children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}

/** The ids a control points to with aria-describedby: its hint and, when there is one, its error. */
export function describedByOf(id: string, hint: ReactNode, errors: string[] | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

/** A field's hint and error, shown under its label or legend. */
export function FieldNotes({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  const { hintId, errorId } = describedByOf(id, hint, errors);
  return (
    <>
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
    </>
  );
}

export function Field({ id, label, hint, errors, optional, children }: FieldProps) {
  const { errorId, describedBy } = describedByOf(id, hint, errors);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block font-semibold text-ink">
        {label}
        {optional && <span className="font-normal text-ink-muted"> (optional)</span>}
      </label>
      <FieldNotes id={id} hint={hint} errors={errors} />
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errorId ? true : undefined })}
    </div>
  );
}

export function TextInput(props: ComponentProps<"input">) {
  return <input {...props} className={controlClass(props.className)} />;
}

export function TextArea(props: ComponentProps<"textarea">) {
  return <textarea rows={4} {...props} className={controlClass(props.className)} />;
}

export function Select(props: ComponentProps<"select">) {
  return <select {...props} className={controlClass(props.className)} />;
}
