// Editing my profile: the same fields as joining, for any member who has one and is not
// suspended or closed (pending members may correct theirs while they wait).
import { transaction } from "../db/transaction";
import { db, type PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { lockMemberForUpdate, parseInput } from "./internal";
import { saveProfileFields } from "./save-profile";
import { profileSchema } from "./schemas";

export async function updateProfile(actorId: string, input: unknown, database: PrismaClient = db()): Promise<void> {
  const profile = parseInput(profileSchema, input);
  await transaction(database, async (tx) => {
    const member = await lockMemberForUpdate(tx, actorId, { allowSuspended: false });
    if (!member.profileDoneAt) throw new AppError("conflict", "Finish joining first: your profile is not complete yet.");
    await saveProfileFields(tx, actorId, profile);
  });
}
