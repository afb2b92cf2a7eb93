// What the hub forms send: an admin's hub (name, description, organisations) and coordinators.
import { z } from "zod";
import { CONTROL_CHARACTERS_MESSAGE, noControlCharacters } from "../validation";

export const HUB_NAME_MIN_CHARS = 3;
export const HUB_NAME_MAX_CHARS = 100;
export const HUB_DESCRIPTION_MIN_CHARS = 10;
export const HUB_DESCRIPTION_MAX_CHARS = 1000;
/** A hub is a region or partnership: a few dozen organisations at most, far under this. */
export const HUB_MAX_ORGANISATIONS = 500;
export const EMAIL_MAX_CHARS = 254;

const text = (min: number, max: number, what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(min, `Enter ${what} of at least ${min} characters.`)
    .max(max, `Keep ${what} to ${max} characters or fewer.`)
    .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE);

const organisationIds = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.uuid("Choose organisations from the list."))
    .max(HUB_MAX_ORGANISATIONS, `A hub can have at most ${HUB_MAX_ORGANISATIONS} organisations.`)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
);

export const hubFieldsSchema = z.object({
  name: text(HUB_NAME_MIN_CHARS, HUB_NAME_MAX_CHARS, "a name"),
  description: text(HUB_DESCRIPTION_MIN_CHARS, HUB_DESCRIPTION_MAX_CHARS, "a description"),
  organisationIds,
});

export const createHubSchema = hubFieldsSchema;
export const updateHubSchema = hubFieldsSchema.extend({ hubId: z.uuid("Unknown hub.") });

export const addCoordinatorSchema = z.object({
  hubId: z.uuid("Unknown hub."),
  email: z
    .string({ error: "Enter the member's email address." })
    .trim()
    .toLowerCase()
    .min(3, "Enter the member's email address.")
    .max(EMAIL_MAX_CHARS, "That email address is too long.")
    .refine(noControlCharacters, CONTROL_CHARACTERS_MESSAGE),
});

export const removeCoordinatorSchema = z.object({ hubId: z.uuid("Unknown hub."), memberId: z.uuid("Unknown member.") });
