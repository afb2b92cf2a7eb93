// Reads of improvement projects for pages, each returning only what its viewer may see. A project
// is seen as its owner's listings are: by anyone while its owner is an active member, and always
// by its owner. Members are shown by first name only.
//
// Hours exchanged for a project (the same rule everywhere in the bank): each exchange under one of
// its requests counts the amount of the ledger transfer posted for it, at that transfer's time; a
// transfer that has been reversed counts 0, and an exchange without a transfer (proposed,
// declined, cancelled, voided) counts 0.
import { db, Prisma, type PrismaClient } from "../db/client";
import { firstName } from "../format/names";
import type { ListingStatusValue } from "../listings/schemas";
import { firstParam, isUuid } from "../validation";
import { parsePage } from "../listings/queries";
import type { PdsaDecisionValue } from "./schemas";
import { PROJECT_STAGES, type ProjectStageValue } from "./stages";

/** Projects per page of /projects. */
export const PROJECTS_PAGE_SIZE = 20;
/** The most projects the "My projects" and "Projects I follow" sections show. */
export const MAX_MY_PROJECTS = 50;
/** The most requests, exchanges, stage changes and cycles a project's page lists (the totals count them all). */
export const MAX_PROJECT_ROWS = 200;

export interface ProjectSummary {
  id: string;
  title: string;
  setting: string;
  stage: ProjectStageValue;
  finishedAt: Date | null;
  createdAt: Date;
  owner: { id: string; firstName: string };
  followers: number;
  cycles: number;
}

interface SummaryRow {
  id: string;
  title: string;
  setting: string;
  stage: ProjectStageValue;
  finished_at: Date | null;
  created_at: Date;
  owner_id: string;
  owner_name: string | null;
  followers: number;
  cycles: number;
}

const SUMMARY_SELECT = Prisma.sql`
  SELECT p.id, p.title, p.setting, p.stage::text AS stage, p.finished_at, p.created_at, p.owner_id, m.name AS owner_name,
         (SELECT count(*)::int FROM project_followers f WHERE f.project_id = p.id) AS followers,
         (SELECT count(*)::int FROM pdsa_cycles c WHERE c.project_id = p.id) AS cycles
    FROM projects p
    JOIN members m ON m.id = p.owner_id`;

function toSummary(r: SummaryRow): ProjectSummary {
  return {
    id: r.id,
    title: r.title,
    setting: r.setting,
    stage: r.stage,
    finishedAt: r.finished_at,
    createdAt: r.created_at,
    owner: { id: r.owner_id, firstName: firstName(r.owner_name) },
    followers: r.followers,
    cycles: r.cycles,
  };
}

/** Seen by `viewerId` (null: signed out): the owner is active, or is the viewer. */
function visibleTo(viewerId: string | null): Prisma.Sql {
  return isUuid(viewerId) ? Prisma.sql`(m.status = 'active' OR p.owner_id = ${viewerId}::uuid)` : Prisma.sql`m.status = 'active'`;
}

// ---------------------------------------------------------------------------------------------
// The list

export interface ProjectFilters {
  stage: ProjectStageValue | null;
  page: number;
}

type RawParams = Record<string, string | string[] | undefined>;

/** /projects' query string, made safe: an unknown stage is no filter, a bad page is page 1. */
export function parseProjectParams(params: RawParams): ProjectFilters {
  const stage = firstParam(params.stage)?.trim() ?? "";
  return {
    stage: (PROJECT_STAGES as readonly string[]).includes(stage) ? (stage as ProjectStageValue) : null,
    page: parsePage(params.page),
  };
}

export interface ProjectPage {
  projects: ProjectSummary[];
  page: number;
  pageSize: number;
  hasNext: boolean;
}

/** Every project the viewer may see, newest first, optionally at one stage, a page at a time. */
export async function listProjects(filters: ProjectFilters, viewerId: string | null, database: PrismaClient = db()): Promise<ProjectPage> {
  const page = Number.isInteger(filters.page) && filters.page >= 1 ? filters.page : 1;
  const where = [visibleTo(viewerId)];
  if (filters.stage && (PROJECT_STAGES as readonly string[]).includes(filters.stage)) where.push(Prisma.sql`p.stage = ${filters.stage}::project_stage`);
  const rows = await database.$queryRaw<SummaryRow[]>`
    ${SUMMARY_SELECT}
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY p.created_at DESC, p.id
     LIMIT ${PROJECTS_PAGE_SIZE + 1} OFFSET ${(page - 1) * PROJECTS_PAGE_SIZE}`;
  return { projects: rows.slice(0, PROJECTS_PAGE_SIZE).map(toSummary), page, pageSize: PROJECTS_PAGE_SIZE, hasNext: rows.length > PROJECTS_PAGE_SIZE };
}

/** The member's own projects: running ones first, newest first. */
export async function listMyProjects(memberId: string, database: PrismaClient = db()): Promise<ProjectSummary[]> {
  if (!isUuid(memberId)) return [];
  const rows = await database.$queryRaw<SummaryRow[]>`
    ${SUMMARY_SELECT}
     WHERE p.owner_id = ${memberId}::uuid
     ORDER BY p.finished_at IS NOT NULL, p.created_at DESC, p.id
     LIMIT ${MAX_MY_PROJECTS}`;
  return rows.map(toSummary);
}

/** The projects the member follows that they may still see, most recently followed first. */
export async function listFollowedProjects(memberId: string, database: PrismaClient = db()): Promise<ProjectSummary[]> {
  if (!isUuid(memberId)) return [];
  const rows = await database.$queryRaw<SummaryRow[]>`
    ${SUMMARY_SELECT}
      JOIN project_followers mine ON mine.project_id = p.id AND mine.member_id = ${memberId}::uuid
     WHERE ${visibleTo(memberId)}
     ORDER BY mine.created_at DESC, p.id
     LIMIT ${MAX_MY_PROJECTS}`;
  return rows.map(toSummary);
}

/** The owner's unfinished projects, for a request's "Part of project" choice (newest first). */
export async function listOwnOpenProjects(ownerId: string, database: PrismaClient = db()): Promise<{ id: string; title: string }[]> {
  if (!isUuid(ownerId)) return [];
  return database.project.findMany({
    where: { ownerId, finishedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: MAX_MY_PROJECTS,
    select: { id: true, title: true },
  });
}

// ---------------------------------------------------------------------------------------------
// One project

export interface ProjectRequest {
  id: string;
  title: string;
  status: ListingStatusValue;
  skillName: string;
  createdAt: Date;
  /** The viewer may open the request's page (it is open, or theirs). */
  viewable: boolean;
}

export interface HelpGiven {
  exchangeId: string;
  requestTitle: string;
  helper: { id: string; firstName: string };
  /** The transfer's amount, or 0 when an admin has reversed it. */
  minutes: number;
  reversed: boolean;
  /** When the hours moved (the transfer's time). */
  at: Date;
  thanks: string | null;
  learned: string | null;
}

export type TimelineItem =
  | { kind: "stage"; id: string; at: Date; from: ProjectStageValue | null; to: ProjectStageValue; note: string | null; by: string }
  | {
      kind: "cycle";
      id: string;
      at: Date;
      number: number;
      title: string;
      plan: string;
      prediction: string;
      happened: string | null;
      learned: string | null;
      decision: PdsaDecisionValue | null;
      completedAt: Date | null;
    };

export interface ProjectDetail {
  id: string;
  title: string;
  aim: string;
  measures: string;
  setting: string;
  stage: ProjectStageValue;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  owner: { id: string; firstName: string; profession: string | null; organisationName: string | null; active: boolean };
  isOwner: boolean;
  /** The viewer follows it. */
  following: boolean;
  followers: number;
  requests: ProjectRequest[];
  help: HelpGiven[];
  /** Hours exchanged under the project's requests, in minutes, by the bank's rule (above). */
  exchangedMinutes: number;
  timeline: TimelineItem[];
  cycleCount: number;
  openCycles: number;
}

/** One project as `viewerId` (null: signed out) may see it, or null (the page shows "not found"). */
export async function getProjectForViewer(projectId: string, viewerId: string | null, database: PrismaClient = db()): Promise<ProjectDetail | null> {
  if (!isUuid(projectId)) return null;
  const p = await database.project.findUnique({
    where: { id: projectId },
    select: {
      id: true,
      title: true,
      aim: true,
      measures: true,
      setting: true,
      stage: true,
      finishedAt: true,
      createdAt: true,
      updatedAt: true,
      owner: { select: { id: true, name: true, status: true, profession: true, organisation: { select: { name: true } } } },
      _count: { select: { followers: true } },
    },
  });
  if (!p) return null;
  const isOwner = isUuid(viewerId) && viewerId === p.owner.id;
  const ownerActive = p.owner.status === "active";
  if (!isOwner && !ownerActive) return null;

  const [following, requests, hours, help, stageChanges, cycles] = await Promise.all([
    isUuid(viewerId) && !isOwner
      ? database.projectFollower.findUnique({ where: { projectId_memberId: { projectId, memberId: viewerId } }, select: { memberId: true } })
      : null,
    database.listing.findMany({
      where: { projectId, kind: "request" },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: MAX_PROJECT_ROWS,
      select: { id: true, title: true, status: true, createdAt: true, skill: { select: { name: true } } },
    }),
    projectExchangedMinutes(projectId, database),
    listHelpGiven(projectId, database),
    database.projectStageChange.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_PROJECT_ROWS,
      select: { id: true, fromStage: true, toStage: true, note: true, createdAt: true, changedBy: { select: { name: true } } },
    }),
    database.pdsaCycle.findMany({
      where: { projectId },
      orderBy: { number: "desc" },
      take: MAX_PROJECT_ROWS,
      select: { id: true, number: true, title: true, plan: true, prediction: true, happened: true, learned: true, decision: true, createdAt: true, completedAt: true },
    }),
  ]);
  const [cycleCount, openCycles] = await Promise.all([
    database.pdsaCycle.count({ where: { projectId } }),
    database.pdsaCycle.count({ where: { projectId, completedAt: null } }),
  ]);

  const timeline: TimelineItem[] = [
    ...stageChanges.map((c): TimelineItem => ({
      kind: "stage",
      id: String(c.id),
      at: c.createdAt,
      from: c.fromStage,
      to: c.toStage,
      note: c.note,
      by: firstName(c.changedBy.name),
    })),
    ...cycles.map((c): TimelineItem => ({ kind: "cycle", ...c, at: c.createdAt })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.kind === b.kind ? 0 : a.kind === "cycle" ? -1 : 1));

  return {
    id: p.id,
    title: p.title,
    aim: p.aim,
    measures: p.measures,
    setting: p.setting,
    stage: p.stage,
    finishedAt: p.finishedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    owner: {
      id: p.owner.id,
      firstName: firstName(p.owner.name),
      profession: p.owner.profession,
      organisationName: p.owner.organisation?.name ?? null,
      active: ownerActive,
    },
    isOwner,
    following: Boolean(following),
    followers: p._count.followers,
    requests: requests.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      skillName: r.skill.name,
      createdAt: r.createdAt,
      viewable: isOwner || r.status === "open",
    })),
    help,
    exchangedMinutes: hours,
    timeline,
    cycleCount,
    openCycles,
  };
}

/** Hours exchanged under the project's requests, in minutes (the rule at the top of this file). */
export async function projectExchangedMinutes(projectId: string, database: PrismaClient = db()): Promise<number> {
  if (!isUuid(projectId)) return 0;
  const [row] = await database.$queryRaw<{ minutes: bigint | null }[]>`
    SELECT sum(t.amount_minutes)::bigint AS minutes
      FROM listings l
      JOIN exchanges e ON e.listing_id = l.id
      JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
     WHERE l.project_id = ${projectId}::uuid
       AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id)`;
  return Number(row?.minutes ?? 0);
}

/** The exchanges under the project's requests whose hours moved, newest first, reversed ones at 0. */
export async function listHelpGiven(projectId: string, database: PrismaClient = db()): Promise<HelpGiven[]> {
  if (!isUuid(projectId)) return [];
  const rows = await database.$queryRaw<
    { id: string; title: string; provider_id: string; provider_name: string | null; amount_minutes: number; reversed: boolean; at: Date; thanks_note: string | null; learned_note: string | null }[]
  >`
    SELECT e.id, l.title, e.provider_id, m.name AS provider_name, t.amount_minutes, t.created_at AS at, e.thanks_note, e.learned_note,
           EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.reverses_transfer_id = t.id) AS reversed
      FROM listings l
      JOIN exchanges e ON e.listing_id = l.id
      JOIN ledger_transfers t ON t.id = e.transfer_id AND t.kind = 'exchange'
      JOIN members m ON m.id = e.provider_id
     WHERE l.project_id = ${projectId}::uuid
     ORDER BY t.created_at DESC, e.id
     LIMIT ${MAX_PROJECT_ROWS}`;
  return rows.map((r) => ({
    exchangeId: r.id,
    requestTitle: r.title,
    helper: { id: r.provider_id, firstName: firstName(r.provider_name) },
    minutes: r.reversed ? 0 : r.amount_minutes,
    reversed: r.reversed,
    at: r.at,
    thanks: r.thanks_note,
    learned: r.learned_note,
  }));
}

// ---------------------------------------------------------------------------------------------
// Forms

/** What the edit form needs: the owner's own project, else null. */
export async function getProjectForEdit(projectId: string, ownerId: string, database: PrismaClient = db()) {
  if (!isUuid(projectId) || !isUuid(ownerId)) return null;
  return database.project.findFirst({
    where: { id: projectId, ownerId },
    select: { id: true, title: true, aim: true, measures: true, setting: true, stage: true, finishedAt: true },
  });
}

/** What the cycle form needs: a cycle of the owner's own project (with the project's title), else null. */
export async function getCycleForEdit(projectId: string, cycleId: string, ownerId: string, database: PrismaClient = db()) {
  if (!isUuid(projectId) || !isUuid(cycleId) || !isUuid(ownerId)) return null;
  return database.pdsaCycle.findFirst({
    where: { id: cycleId, projectId, project: { ownerId } },
    select: {
      id: true,
      number: true,
      title: true,
      plan: true,
      prediction: true,
      happened: true,
      learned: true,
      decision: true,
      completedAt: true,
      project: { select: { id: true, title: true } },
    },
  });
}

/** The project a listing belongs to, if the viewer may see that project. */
export async function projectOfListing(projectId: string | null, viewerId: string | null, database: PrismaClient = db()): Promise<{ id: string; title: string } | null> {
  if (!isUuid(projectId)) return null;
  const p = await database.project.findUnique({ where: { id: projectId }, select: { id: true, title: true, ownerId: true, owner: { select: { status: true } } } });
  if (!p || (p.owner.status !== "active" && p.ownerId !== viewerId)) return null;
  return { id: p.id, title: p.title };
}
