"use client";
import { useState } from "react";

/**
 * A hidden one-time key for a form that creates something: a resubmission (double click, network
 * retry) sends the same key, and the server returns what the first submission made. A form that
 * is used again after success (a message box) remounts it with a new React key to get a new one.
 */
export function RequestKey() {
  const [key] = useState(() => crypto.randomUUID());
  return <input type="hidden" name="requestKey" value={key} />;
}
