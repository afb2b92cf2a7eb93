// The authorisation matrix rows for projects (tests/security/matrix.ts explains the columns).
import { createProject } from "../../lib/projects/create-project";
import { form, type World } from "./harness";
import { A, ACTIVE_PARTY_ONLY, ANY_ACTIVE, N, R, action, key, other, row, type Entry } from "./matrix-kit";

const FILE = "app/projects/actions.ts";

export const PROJECT_FIELDS = {
  title: "Discharge before noon on ward 7",
  aim: "Half of ward 7's discharges leave before noon by the end of March.",
  measures: "Discharges before noon each week; length of stay; readmissions within 7 days.",
  setting: "Ward 7 (older people), Bramley General Hospital",
};

/** A project of `ownerId`'s, made through the domain function (so it has its first stage row). */
export async function projectBy(world: World, ownerId: string): Promise<string> {
  return (await createProject(ownerId, { ...PROJECT_FIELDS, requestKey: key() }, world.prisma)).id;
}

const CYCLE_FIELDS = {
  title: "Criteria-led discharge on the ward round",
  plan: "Consultants write discharge criteria on Monday's round; nurses discharge when met.",
  prediction: "Two more discharges before noon that week.",
};

export const PROJECTS_MATRIX: Entry[] = [
  action(FILE, "createProjectAction", {
    who: "any active member (for themselves)",
    party: "the member starting it",
    expect: ANY_ACTIVE,
    setup: async () => form({ ...PROJECT_FIELDS, stage: "identify", requestKey: key() }),
  }),
  action(FILE, "updateProjectAction", {
    who: "the project's owner",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ projectId: await projectBy(world, party.id), ...PROJECT_FIELDS, title: "Discharge before noon, wards 7 and 8" }),
  }),
  action(FILE, "moveProjectStageAction", {
    who: "the project's owner, while it is not finished",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ projectId: await projectBy(world, party.id), stage: "understand", note: "Mapped the discharge process with the ward team." }),
  }),
  action(FILE, "setProjectFinishedAction", {
    who: "the project's owner",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ projectId: await projectBy(world, party.id), finished: "yes" }),
  }),
  action(FILE, "addCycleAction", {
    who: "the project's owner, while it is not finished",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => form({ projectId: await projectBy(world, party.id), ...CYCLE_FIELDS, requestKey: key() }),
  }),
  action(FILE, "updateCycleAction", {
    who: "the project's owner, until the cycle is complete",
    party: "the owner",
    expect: ACTIVE_PARTY_ONLY,
    setup: async (world, party) => {
      const projectId = await projectBy(world, party.id);
      const cycle = await world.prisma.pdsaCycle.create({ data: { projectId, number: 1, authorId: party.id, ...CYCLE_FIELDS } });
      return form({
        cycleId: cycle.id,
        ...CYCLE_FIELDS,
        happened: "Three discharges before noon, up from one.",
        learned: "Criteria written early let nurses act without waiting for the round.",
        decision: "adopt",
      });
    },
  }),
  action(FILE, "followProjectAction", {
    who: "any active member but the owner, on a project they may see",
    party: "the member following",
    expect: ANY_ACTIVE,
    setup: async (world) => form({ projectId: await projectBy(world, (await other(world)).id) }),
  }),
  action(FILE, "unfollowProjectAction", {
    who: "any active member (their own follow only)",
    party: "a member who follows the project",
    expect: row([R, R, R, A, N, N]),
    setup: async (world, party) => {
      const projectId = await projectBy(world, (await other(world)).id);
      await world.prisma.projectFollower.create({ data: { projectId, memberId: party.id } });
      return form({ projectId });
    },
  }),
];
