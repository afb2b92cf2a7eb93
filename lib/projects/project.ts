// What the project writes share: the locked read of a project its owner changes, the refusal of a
// finished project, and the notification of its followers.
import type { Tx } from "../members/guard";
import { conflict, forbidden, notFound } from "../errors";
import type { NotificationKind } from "../notifications/kinds";
import { notifyEach } from "../notifications/notify";
import type { ProjectStageValue } from "./stages";

export const PROJECT_NOUN = "That project";

/** What the project writes return. */
export interface ProjectRecord {
  id: string;
  ownerId: string;
  title: string;
  stage: ProjectStageValue;
  finishedAt: Date | null;
}

export const PROJECT_RECORD_SELECT = { id: true, ownerId: true, title: true, stage: true, finishedAt: true } as const;

export const projectLink = (id: string) => `/projects/${id}`;

export interface LockedProject {
  id: string;
  ownerId: string;
  title: string;
  stage: ProjectStageValue;
  finishedAt: Date | null;
}

/**
 * Locks the project row for this transaction (FOR UPDATE: its stage and its cycles' numbering
 * change under this lock) and checks that the actor owns it. Throws not_found or forbidden;
 * nothing has changed when it does.
 */
export async function lockOwnProject(tx: Tx, actorId: string, projectId: string): Promise<LockedProject> {
  const rows = await tx.$queryRaw<{ id: string; owner_id: string; title: string; stage: ProjectStageValue; finished_at: Date | null }[]>`
    SELECT id, owner_id, title, stage::text AS stage, finished_at FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound(PROJECT_NOUN);
  if (row.owner_id !== actorId) throw forbidden("Only the member who started this project can change it.");
  return { id: row.id, ownerId: row.owner_id, title: row.title, stage: row.stage, finishedAt: row.finished_at };
}

/** A finished project keeps its record: no stage moves and no new cycles until it is reopened. */
export function refuseIfFinished(project: LockedProject, what: string): void {
  if (project.finishedAt) throw conflict(`This project is marked finished, so ${what}. Reopen it first.`);
}

/**
 * Tells everyone who follows the project (but the member who made the change) what happened: one
 * notification each through notifyEach (closed accounts skipped, email pending unless the
 * follower turned this kind off), in three statements however many follow.
 */
export async function notifyFollowers(tx: Tx, project: LockedProject, actorId: string, message: { title: string; body: string }): Promise<void> {
  const followers = await tx.projectFollower.findMany({
    where: { projectId: project.id, memberId: { not: actorId } },
    select: { memberId: true },
  });
  await notifyEach(tx, followers.map((f) => f.memberId), { kind: KIND, ...message, link: projectLink(project.id) });
}

const KIND: NotificationKind = "project.updated";
