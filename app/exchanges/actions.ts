"use server";
// The exchange forms' server actions: who is asking -> parse -> one lib call -> revalidate.
// Every rule (party, state, ledger) is checked again inside lib/exchanges.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { acceptExchange } from "@/lib/exchanges/accept-exchange";
import { cancelExchange } from "@/lib/exchanges/cancel-exchange";
import { confirmExchange } from "@/lib/exchanges/confirm-exchange";
import { declineExchange } from "@/lib/exchanges/decline-exchange";
import { deliverExchange } from "@/lib/exchanges/deliver-exchange";
import { disputeExchange } from "@/lib/exchanges/dispute-exchange";
import type { StepResult } from "@/lib/exchanges/locked";
import { proposeExchange, type ProposeResult } from "@/lib/exchanges/propose-exchange";
import { declineSchema, deliverSchema, disputeSchema, proposeSchema, stepSchema, thankSchema } from "@/lib/exchanges/schemas";
import { thankExchange } from "@/lib/exchanges/thank-exchange";
import { sendMessageSchema } from "@/lib/messages/schemas";
import { sendMessage, type SentMessage } from "@/lib/messages/send-message";

function revalidateExchange(id: string) {
  revalidatePath(`/exchanges/${id}`);
  revalidatePath("/exchanges");
  revalidatePath("/dashboard");
}

export async function proposeExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<ProposeResult>> {
  const result = await runAction(proposeSchema, formData, (_data, actor, raw) => proposeExchange(actor.id, raw));
  if (!result.ok) return result;
  revalidateExchange(result.data.id);
  redirect(`/exchanges/${result.data.id}`);
}

export async function acceptExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(stepSchema, formData, (_data, actor, raw) => acceptExchange(actor.id, raw), {
    message: "Accepted. The hours are held until the help is confirmed.",
  });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function declineExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(declineSchema, formData, (_data, actor, raw) => declineExchange(actor.id, raw), { message: "Declined." });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function cancelExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(stepSchema, formData, (_data, actor, raw) => cancelExchange(actor.id, raw), { message: "Cancelled." });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function deliverExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(deliverSchema, formData, (_data, actor, raw) => deliverExchange(actor.id, raw), {
    message: "Recorded. We have asked for confirmation.",
  });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function confirmExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(stepSchema, formData, (_data, actor, raw) => confirmExchange(actor.id, raw), {
    message: "Confirmed. The hours have moved.",
  });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function disputeExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(disputeSchema, formData, (_data, actor, raw) => disputeExchange(actor.id, raw), {
    message: "Disputed. An admin will look at it.",
  });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function thankExchangeAction(_prev: FormState, formData: FormData): Promise<ActionResult<StepResult>> {
  const result = await runAction(thankSchema, formData, (_data, actor, raw) => thankExchange(actor.id, raw), { message: "Thank you sent." });
  if (result.ok) revalidateExchange(result.data.id);
  return result;
}

export async function sendMessageAction(_prev: FormState, formData: FormData): Promise<ActionResult<SentMessage>> {
  const result = await runAction(sendMessageSchema, formData, (_data, actor, raw) => sendMessage(actor.id, raw));
  if (result.ok) revalidatePath(`/exchanges/${result.data.exchangeId}`);
  return result;
}
