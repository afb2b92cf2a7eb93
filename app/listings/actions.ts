"use server";
// Thin server actions for offers and requests: who is asking -> parse -> one lib call -> revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { createListing } from "@/lib/listings/create-listing";
import { createListingSchema, setListingStatusSchema, updateListingSchema } from "@/lib/listings/schemas";
import { setListingStatus } from "@/lib/listings/set-listing-status";
import { updateListing } from "@/lib/listings/update-listing";

type Saved = { id: string; status: string };

function revalidateListing(id: string) {
  revalidatePath("/listings");
  revalidatePath(`/listings/${id}`);
  revalidatePath("/browse");
  revalidatePath("/");
}

export async function createListingAction(_prev: FormState, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(createListingSchema, formData, async (_data, actor, raw) => {
    const listing = await createListing(actor.id, raw);
    return { id: listing.id, status: listing.status };
  });
  if (!result.ok) return result;
  revalidateListing(result.data.id);
  redirect(`/listings/${result.data.id}?saved=created`);
}

export async function updateListingAction(_prev: FormState, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(updateListingSchema, formData, async (_data, actor, raw) => {
    const listing = await updateListing(actor.id, raw);
    return { id: listing.id, status: listing.status };
  });
  if (!result.ok) return result;
  revalidateListing(result.data.id);
  redirect(`/listings/${result.data.id}?saved=updated`);
}

const STATUS_MESSAGES = {
  open: "Reopened: members can find it again.",
  paused: "Paused: it is hidden from browse until you reopen it.",
  closed: "Closed. It stays in your list for the record.",
} as const;

export async function setListingStatusAction(_prev: FormState, formData: FormData): Promise<ActionResult<Saved>> {
  const result = await runAction(setListingStatusSchema, formData, async (_data, actor, raw) => {
    const listing = await setListingStatus(actor.id, raw);
    return { id: listing.id, status: listing.status };
  });
  if (!result.ok) return result;
  revalidateListing(result.data.id);
  return { ...result, message: STATUS_MESSAGES[result.data.status as keyof typeof STATUS_MESSAGES] };
}
