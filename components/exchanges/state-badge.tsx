import { Badge, type BadgeTone } from "@/components/ui/page";
import type { ExchangeState } from "@/lib/db/generated/enums";
import { STATE_LABELS } from "@/lib/exchanges/rules";

const TONES: Record<ExchangeState, BadgeTone> = {
  proposed: "warning",
  accepted: "brand",
  delivered: "warning",
  confirmed: "success",
  disputed: "danger",
  resolved: "neutral",
  declined: "neutral",
  cancelled: "neutral",
};

export function StateBadge({ state }: { state: ExchangeState }) {
  return <Badge tone={TONES[state]}>{STATE_LABELS[state]}</Badge>;
}

export function RoleBadge({ role }: { role: "provider" | "payer" }) {
  return <Badge tone={role === "provider" ? "brand" : "request"}>{role === "provider" ? "You help" : "You are helped"}</Badge>;
}
