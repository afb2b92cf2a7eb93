// The bank's settings: its name, how members join (an admin approves each, or anyone who finishes
// their profile is in), the welcome grant new members get, and the floor new accounts open with.
// A change is audited with each field's old and new value.
import { writeAudit } from "../audit/write";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { parseInput } from "../validation";
import { lockAdmin } from "./guard";
import { bankSettingsSchema } from "./schemas";

export interface BankSettingsView {
  name: string;
  joiningMode: "approval" | "open";
  welcomeGrantMinutes: number;
  defaultFloorMinutes: number;
  updatedAt: Date;
}

export async function getBankSettings(database: PrismaClient = db()): Promise<BankSettingsView> {
  const s = await database.bankSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { name: true, joiningMode: true, welcomeGrantMinutes: true, defaultFloorMinutes: true, updatedAt: true },
  });
  return s;
}

type Changes = Record<string, { from: string | number; to: string | number }>;

/** Saves the settings; returns what changed (nothing changed: no write, no audit row). */
export async function updateBankSettings(adminId: string, input: unknown, database: PrismaClient = db()): Promise<Changes> {
  const next = parseInput(bankSettingsSchema, input);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const rows = await tx.$queryRaw<{ name: string; joining_mode: string; welcome_grant_minutes: number; default_floor_minutes: number }[]>`
      SELECT name, joining_mode::text AS joining_mode, welcome_grant_minutes, default_floor_minutes FROM bank_settings WHERE id = 1 FOR UPDATE`;
    const current = rows[0]!;
    const before = {
      name: current.name,
      joiningMode: current.joining_mode,
      welcomeGrantMinutes: current.welcome_grant_minutes,
      defaultFloorMinutes: current.default_floor_minutes,
    };
    const changes: Changes = {};
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      if (before[key] !== next[key]) changes[key] = { from: before[key], to: next[key] };
    }
    if (Object.keys(changes).length === 0) return changes;
    await tx.bankSettings.update({ where: { id: 1 }, data: next });
    await writeAudit(tx, { actorId: adminId, action: "settings.update", targetType: "settings", targetId: "bank", details: changes });
    return changes;
  });
}
