"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button";

/** Disabled while its form is submitting, so a double click sends one request. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  className = "",
  name,
  value,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={buttonClass(variant, className)}>
      {pending && (
        <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
      )}
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}
