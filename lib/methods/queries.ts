// Reads of the method library for pages. The library is public, like browse: every skill in the
// taxonomy, its page when one is written, how many active members offer it and how many open
// offers and requests use it. Who last edited a page is shown to admins only (checked here).
import { db, type PrismaClient } from "../db/client";
import { isActiveAdmin, requireAdminViewer } from "../admin/viewer";
import { METHOD_CONTENT } from "../seed/method-content";

/** Slugs are lower-case words joined by hyphens; anything else is not looked up. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_CHARS = 100;

export interface LibrarySkill {
  id: string;
  slug: string;
  name: string;
  description: string;
  hasPage: boolean;
}

export interface LibraryCategory {
  category: string;
  skills: LibrarySkill[];
}

/** Every skill, grouped by its category (categories and skills by name). */
export async function listMethodLibrary(database: PrismaClient = db()): Promise<LibraryCategory[]> {
  const skills = await database.skill.findMany({
    select: { id: true, slug: true, name: true, category: true, description: true, methodPage: { select: { skillId: true } } },
    orderBy: [{ category: "asc" }, { name: "asc" }],
  });
  const groups = new Map<string, LibrarySkill[]>();
  for (const s of skills) {
    const list = groups.get(s.category) ?? [];
    list.push({ id: s.id, slug: s.slug, name: s.name, description: s.description, hasPage: s.methodPage !== null });
    groups.set(s.category, list);
  }
  return [...groups].map(([category, list]) => ({ category, skills: list }));
}

export interface MethodPageView {
  skill: { id: string; slug: string; name: string; category: string; description: string };
  /** Null when no page is written yet: the page shows the skill's description. */
  page: { whatItIs: string; whenToUse: string; goodExchange: string } | null;
  /** Active members with the skill on their profile. */
  membersWithSkill: number;
  openOffers: number;
  openRequests: number;
  /** Admins only: when the page was last saved, and by whom (null: from the library's first content). */
  edited: { at: Date; byName: string | null } | null;
  viewerIsAdmin: boolean;
}

export async function getMethodPage(viewerId: string | null, slug: string, database: PrismaClient = db()): Promise<MethodPageView | null> {
  if (typeof slug !== "string" || slug.length > MAX_SLUG_CHARS || !SLUG.test(slug)) return null;
  const skill = await database.skill.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      category: true,
      description: true,
      methodPage: { select: { whatItIs: true, whenToUse: true, goodExchange: true, updatedAt: true, updatedBy: { select: { name: true } } } },
    },
  });
  if (!skill) return null;
  const open = { skillId: skill.id, status: "open", owner: { status: "active" } } as const;
  const [viewerIsAdmin, membersWithSkill, openOffers, openRequests] = await Promise.all([
    isActiveAdmin(viewerId, database),
    database.memberSkill.count({ where: { skillId: skill.id, member: { status: "active" } } }),
    database.listing.count({ where: { ...open, kind: "offer" } }),
    database.listing.count({ where: { ...open, kind: "request" } }),
  ]);
  const { methodPage, ...rest } = skill;
  return {
    skill: rest,
    page: methodPage ? { whatItIs: methodPage.whatItIs, whenToUse: methodPage.whenToUse, goodExchange: methodPage.goodExchange } : null,
    membersWithSkill,
    openOffers,
    openRequests,
    edited: viewerIsAdmin && methodPage ? { at: methodPage.updatedAt, byName: methodPage.updatedBy?.name ?? null } : null,
    viewerIsAdmin,
  };
}

/** The browse page's address for open offers or requests with this skill. */
export function browseHref(skillId: string, kind: "offer" | "request"): string {
  return `/browse?skill=${encodeURIComponent(skillId)}&kind=${kind}`;
}

/** A skill's page in the library. */
export const methodHref = (slug: string) => `/methods/${encodeURIComponent(slug)}`;

export interface MethodPageForm {
  skill: { id: string; slug: string; name: string; category: string; description: string };
  exists: boolean;
  /** What the form starts with: the page, or for a missing page the library's written content when there is some. */
  initial: { whatItIs: string; whenToUse: string; goodExchange: string };
}

/** Admins only (checked here): a skill's page as the edit form starts with it. */
export async function getMethodPageForEdit(viewerId: string, slug: string, database: PrismaClient = db()): Promise<MethodPageForm | null> {
  await requireAdminViewer(viewerId, database);
  if (typeof slug !== "string" || slug.length > MAX_SLUG_CHARS || !SLUG.test(slug)) return null;
  const skill = await database.skill.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, category: true, description: true, methodPage: { select: { whatItIs: true, whenToUse: true, goodExchange: true } } },
  });
  if (!skill) return null;
  const { methodPage, ...rest } = skill;
  const written = Object.hasOwn(METHOD_CONTENT, skill.slug) ? METHOD_CONTENT[skill.slug]! : null;
  return {
    skill: rest,
    exists: methodPage !== null,
    initial: methodPage ?? written ?? { whatItIs: "", whenToUse: "", goodExchange: "" },
  };
}
