"use server";
// Thin server actions for improvement projects: who is asking -> parse -> one lib call -> revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions/run";
import type { ActionResult, FormState } from "@/lib/actions/result";
import { addCycle } from "@/lib/projects/add-cycle";
import { createProject } from "@/lib/projects/create-project";
import { followProject } from "@/lib/projects/follow-project";
import { moveProjectStage } from "@/lib/projects/move-project-stage";
import {
  addCycleSchema,
  createProjectSchema,
  followSchema,
  moveStageSchema,
  setProjectFinishedSchema,
  updateCycleSchema,
  updateProjectSchema,
} from "@/lib/projects/schemas";
import { setProjectFinished } from "@/lib/projects/set-project-finished";
import { STAGE_LABELS } from "@/lib/projects/stages";
import { unfollowProject } from "@/lib/projects/unfollow-project";
import { updateCycle } from "@/lib/projects/update-cycle";
import { updateProject } from "@/lib/projects/update-project";

function revalidateProject(id: string) {
  revalidatePath("/projects");
  revalidatePath(`/projects/${id}`);
}

export async function createProjectAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(createProjectSchema, formData, async (_data, actor, raw) => ({ id: (await createProject(actor.id, raw)).id }));
  if (!result.ok) return result;
  revalidateProject(result.data.id);
  redirect(`/projects/${result.data.id}?saved=created`);
}

export async function updateProjectAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(updateProjectSchema, formData, async (_data, actor, raw) => ({ id: (await updateProject(actor.id, raw)).id }));
  if (!result.ok) return result;
  revalidateProject(result.data.id);
  redirect(`/projects/${result.data.id}?saved=updated`);
}

export async function moveProjectStageAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string; stage: string; replayed: boolean }>> {
  const result = await runAction(moveStageSchema, formData, async (_data, actor, raw) => {
    const project = await moveProjectStage(actor.id, raw);
    return { id: project.id, stage: project.stage, replayed: project.replayed };
  });
  if (!result.ok) return result;
  revalidateProject(result.data.id);
  const label = STAGE_LABELS[result.data.stage as keyof typeof STAGE_LABELS];
  return { ...result, message: result.data.replayed ? `The project is already at “${label}”.` : `Moved to “${label}”. Followers have been told.` };
}

export async function setProjectFinishedAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ id: string; finished: boolean; replayed: boolean }>> {
  const result = await runAction(setProjectFinishedSchema, formData, async (_data, actor, raw) => {
    const project = await setProjectFinished(actor.id, raw);
    return { id: project.id, finished: project.finishedAt !== null, replayed: project.replayed };
  });
  if (!result.ok) return result;
  revalidateProject(result.data.id);
  return {
    ...result,
    message: result.data.finished ? "Marked finished. Its record stays here for everyone to learn from." : "Reopened: you can move its stage and add cycles again.",
  };
}

export async function addCycleAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ projectId: string; number: number }>> {
  const result = await runAction(addCycleSchema, formData, async (_data, actor, raw) => {
    const cycle = await addCycle(actor.id, raw);
    return { projectId: cycle.projectId, number: cycle.number };
  });
  if (!result.ok) return result;
  revalidateProject(result.data.projectId);
  redirect(`/projects/${result.data.projectId}?saved=cycle#cycle-${result.data.number}`);
}

export async function updateCycleAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ projectId: string; number: number; complete: boolean }>> {
  const result = await runAction(updateCycleSchema, formData, async (_data, actor, raw) => {
    const cycle = await updateCycle(actor.id, raw);
    return { projectId: cycle.projectId, number: cycle.number, complete: cycle.completedAt !== null };
  });
  if (!result.ok) return result;
  revalidateProject(result.data.projectId);
  redirect(`/projects/${result.data.projectId}?saved=${result.data.complete ? "cycle-complete" : "cycle-updated"}#cycle-${result.data.number}`);
}

export async function followProjectAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ projectId: string; following: boolean; replayed: boolean }>> {
  const result = await runAction(followSchema, formData, async (_data, actor, raw) => followProject(actor.id, raw));
  if (!result.ok) return result;
  revalidateProject(result.data.projectId);
  return { ...result, message: "You follow this project: you will hear when it moves stage or records a PDSA cycle." };
}

export async function unfollowProjectAction(_prev: FormState, formData: FormData): Promise<ActionResult<{ projectId: string; following: boolean; replayed: boolean }>> {
  const result = await runAction(followSchema, formData, async (_data, actor, raw) => unfollowProject(actor.id, raw));
  if (!result.ok) return result;
  revalidateProject(result.data.projectId);
  return { ...result, message: "You no longer follow this project." };
}
