import type { BadgeTone } from "@/components/ui/page";

/** A member's status as a badge colour; the badge's words carry the meaning. */
export function statusTone(status: "pending" | "active" | "suspended" | "closed"): BadgeTone {
  return status === "active" ? "success" : status === "pending" ? "warning" : status === "suspended" ? "danger" : "neutral";
}
