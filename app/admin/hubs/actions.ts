"use server";
// Admins create and edit hubs and name their coordinators: parse -> one lib call -> revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/run";
import { addCoordinator, createHub, removeCoordinator, updateHub } from "@/lib/hubs/manage-hubs";
import { addCoordinatorSchema, createHubSchema, removeCoordinatorSchema, updateHubSchema } from "@/lib/hubs/schemas";

function refreshHubPages(hubId?: string) {
  revalidatePath("/admin/hubs");
  if (hubId) {
    revalidatePath(`/admin/hubs/${hubId}`);
    revalidatePath(`/hub/${hubId}`);
  }
}

export async function createHubAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(createHubSchema, formData, (_data, actor, raw) => createHub(actor.id, raw), { caller: "admin" });
  if (!result.ok) return result;
  refreshHubPages(result.data.id);
  redirect(`/admin/hubs/${result.data.id}?saved=created`);
}

export async function updateHubAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(updateHubSchema, formData, (_data, actor, raw) => updateHub(actor.id, raw), {
    caller: "admin",
    message: "Saved. Members of the hub's organisations now belong to it.",
  });
  if (result.ok) refreshHubPages(result.data.id);
  return result;
}

export async function addCoordinatorAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ memberId: string; name: string | null }>> {
  const result = await runAction(addCoordinatorSchema, formData, (_data, actor, raw) => addCoordinator(actor.id, raw), { caller: "admin" });
  if (!result.ok) return result;
  refreshHubPages(String(formData.get("hubId")));
  return { ...result, message: `${result.data.name ?? "The member"} now coordinates this hub.` };
}

export async function removeCoordinatorAction(_prev: FormState, formData: FormData): Promise<ActionResult<null>> {
  const result = await runAction(removeCoordinatorSchema, formData, async (_data, actor, raw) => {
    await removeCoordinator(actor.id, raw);
    return null;
  }, { caller: "admin", message: "Removed as coordinator." });
  if (result.ok) refreshHubPages(String(formData.get("hubId")));
  return result;
}
