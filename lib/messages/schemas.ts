import { z } from "zod";
import { exchangeId, requestKey } from "../exchanges/schemas";

/** The longest message, in characters (also a CHECK on messages.body). */
export const MAX_MESSAGE_LENGTH = 4000;
/** How much of a message its notification quotes, in characters. */
export const MESSAGE_PREVIEW_LENGTH = 140;

export const sendMessageSchema = z.object({
  exchangeId,
  body: z
    .string({ error: "Write a message first." })
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_MESSAGE_LENGTH, `A message has at most ${MAX_MESSAGE_LENGTH} characters.`),
  requestKey,
});
export type SendMessageInput = z.input<typeof sendMessageSchema>;
