// An admin writes or edits a skill's method page: the page is made when the skill has none yet.
// Audited with the parts that changed; saving the same words again changes nothing and writes no
// audit row.
import { writeAudit } from "../audit/write";
import { now } from "../clock";
import { db, type PrismaClient } from "../db/client";
import { transaction } from "../db/transaction";
import { notFound } from "../errors";
import { lockAdmin } from "../admin/guard";
import { parseInput } from "../validation";
import { saveMethodPageSchema } from "./schemas";

export interface SavedMethodPage {
  skillId: string;
  slug: string;
  created: boolean;
  /** The parts that changed (all three when the page was made). */
  changed: string[];
}

const PARTS = ["whatItIs", "whenToUse", "goodExchange"] as const;

export async function saveMethodPage(adminId: string, input: unknown, database: PrismaClient = db()): Promise<SavedMethodPage> {
  const data = parseInput(saveMethodPageSchema, input);
  return transaction(database, async (tx) => {
    await lockAdmin(tx, adminId);
    const skill = await tx.skill.findUnique({ where: { id: data.skillId }, select: { id: true, slug: true } });
    if (!skill) throw notFound("That skill");
    // Locks the page (when there is one) so that two admins saving at once are applied in turn.
    const rows = await tx.$queryRaw<{ what_it_is: string; when_to_use: string; good_exchange: string }[]>`
      SELECT what_it_is, when_to_use, good_exchange FROM method_pages WHERE skill_id = ${skill.id}::uuid FOR UPDATE`;
    const current = rows[0];
    const text = { whatItIs: data.whatItIs, whenToUse: data.whenToUse, goodExchange: data.goodExchange };
    const at = now();
    if (!current) {
      await tx.methodPage.create({ data: { skillId: skill.id, ...text, updatedById: adminId, createdAt: at, updatedAt: at } });
      await writeAudit(tx, { actorId: adminId, action: "method.save", targetType: "skill", targetId: skill.id, details: { slug: skill.slug, created: true } });
      return { skillId: skill.id, slug: skill.slug, created: true, changed: [...PARTS] };
    }
    const before = { whatItIs: current.what_it_is, whenToUse: current.when_to_use, goodExchange: current.good_exchange };
    const changed = PARTS.filter((p) => before[p] !== text[p]);
    if (changed.length === 0) return { skillId: skill.id, slug: skill.slug, created: false, changed };
    await tx.methodPage.update({ where: { skillId: skill.id }, data: { ...text, updatedById: adminId, updatedAt: at } });
    await writeAudit(tx, { actorId: adminId, action: "method.save", targetType: "skill", targetId: skill.id, details: { slug: skill.slug, created: false, changed } });
    return { skillId: skill.id, slug: skill.slug, created: false, changed };
  });
}
