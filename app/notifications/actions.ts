"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { markNotificationsRead } from "@/lib/notifications/queries";

const markInput = z.object({ id: z.uuid("Unknown notification.").optional() });

/** Marks one notification read (with an id) or all of them. Pending members may do this too. */
export async function markReadAction(_prev: FormState, formData: FormData): Promise<ActionResult<number>> {
  const result = await runAction(markInput, formData, (data, actor) => markNotificationsRead(actor.id, data.id ?? null), {
    caller: "signed-in",
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
