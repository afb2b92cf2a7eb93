"use server";
// Thin server actions for campaigns: who is asking -> parse -> one lib call -> revalidate. Every
// lib call checks permission again inside its own transaction (an admin or the hub's coordinators
// to start or edit one; its organisers, hub coordinators or admins to spend its pool); a refused
// coordinator of another hub is recorded in the audit log by runAction.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { donateToCampaign } from "@/lib/campaigns/donate-to-campaign";
import { joinCampaign } from "@/lib/campaigns/join-campaign";
import { leaveCampaign } from "@/lib/campaigns/leave-campaign";
import { createCampaignSchema, donateToCampaignSchema, joinCampaignSchema, spendCampaignPoolSchema, updateCampaignSchema } from "@/lib/campaigns/schemas";
import { spendCampaignPool } from "@/lib/campaigns/spend-campaign-pool";
import { updateCampaign } from "@/lib/campaigns/update-campaign";

/** The campaign a successful call acted on (its schema has checked the id). */
const campaignIdOf = (formData: FormData) => String(formData.get("campaignId")).trim().toLowerCase();

function refresh(id: string) {
  revalidatePath("/campaigns");
  revalidatePath(`/campaigns/${id}`);
  revalidatePath("/hub", "layout");
  revalidatePath("/dashboard");
}

export async function createCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(createCampaignSchema, formData, async (_data, actor, raw) => createCampaign(actor.id, raw));
  if (!result.ok) return result;
  refresh(result.data.id);
  redirect(`/campaigns/${result.data.id}?saved=created`);
}

export async function updateCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(updateCampaignSchema, formData, async (_data, actor, raw) => updateCampaign(actor.id, raw));
  if (!result.ok) return result;
  refresh(result.data.id);
  redirect(`/campaigns/${result.data.id}?saved=updated`);
}

export async function joinCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ joined: boolean }>> {
  const result = await runAction(joinCampaignSchema, formData, async (_data, actor, raw) => joinCampaign(actor.id, raw), { message: "You have joined the campaign. Thank you for taking part." });
  if (result.ok) refresh(campaignIdOf(formData));
  return result;
}

export async function leaveCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ left: boolean }>> {
  const result = await runAction(joinCampaignSchema, formData, async (_data, actor, raw) => leaveCampaign(actor.id, raw), { message: "You have left the campaign." });
  if (result.ok) refresh(campaignIdOf(formData));
  return result;
}

export async function donateToCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ transferId: string; replayed: boolean }>> {
  const result = await runAction(donateToCampaignSchema, formData, async (_data, actor, raw) => donateToCampaign(actor.id, raw), { message: "Thank you: your hours are in the campaign’s pool." });
  if (result.ok) refresh(campaignIdOf(formData));
  return result;
}

export async function spendCampaignPoolAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ transferId: string; replayed: boolean }>> {
  const result = await runAction(spendCampaignPoolSchema, formData, async (_data, actor, raw) => spendCampaignPool(actor.id, raw), { message: "Paid from the pool. The member has been told." });
  if (result.ok) refresh(campaignIdOf(formData));
  return result;
}
