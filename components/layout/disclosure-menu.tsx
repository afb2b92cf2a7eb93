"use client";
// A <details> menu that also closes the way menus do: Escape (focus back on its button), a click
// outside it, or focus moving out of it. Without JavaScript it is still a working <details>.
import { useEffect, useRef, type ReactNode } from "react";

export function DisclosureMenu({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = (focusButton: boolean) => {
      if (!details.open) return;
      details.open = false;
      if (focusButton) details.querySelector("summary")?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close(true);
    };
    const onPointer = (e: PointerEvent) => {
      if (!details.contains(e.target as Node)) close(false);
    };
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget && !details.contains(e.relatedTarget as Node)) close(false);
    };
    details.addEventListener("keydown", onKey);
    details.addEventListener("focusout", onFocusOut);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      details.removeEventListener("keydown", onKey);
      details.removeEventListener("focusout", onFocusOut);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);
  return (
    <details ref={ref} className={className}>
      {children}
    </details>
  );
}
