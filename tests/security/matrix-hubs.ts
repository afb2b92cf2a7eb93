// The authorisation matrix rows for hubs (issue 8): admins manage hubs and coordinators; a hub's
// coordinators (and admins) approve or decline the members joining it, and a coordinator of
// another hub is refused. "party" is an active member of the hub (not a coordinator).
import { randomUUID } from "node:crypto";
import { createMember } from "../helpers/members";
import { form, hubOfParty, organisationOfParty, type World } from "./harness";
import { A, R, action, row, type Entry } from "./matrix-kit";

/** Admins only: coordinators of this hub or another are refused too. */
const ADMINS = row([R, R, R, R, R, A, R, R]);
/** The hub's coordinators and the bank's admins. */
const HUB_COORDINATORS = row([R, R, R, R, R, A, A, R]);

const ADMIN_HUBS = "app/admin/hubs/actions.ts";
const HUB = "app/hub/actions.ts";

async function freeOrganisation(world: World): Promise<string> {
  return (await world.prisma.organisation.create({ data: { name: `Organisation ${randomUUID().slice(0, 8)}`, kind: "General practice" } })).id;
}

/** A member who has finished their profile and waits for approval, in the party's hub. */
async function pendingInPartyHub(world: World, partyId: string): Promise<string> {
  const organisationId = await organisationOfParty(world, partyId);
  const pending = await createMember(world.prisma, { status: "pending" });
  await world.prisma.user.update({ where: { id: pending.id }, data: { organisationId } });
  return pending.id;
}

export const HUBS_MATRIX: Entry[] = [
  action(ADMIN_HUBS, "createHubAction", {
    who: "an active admin",
    party: "(none: a new hub)",
    expect: ADMINS,
    http: true,
    setup: async (world) =>
      form({ name: `Hub ${randomUUID().slice(0, 8)}`, description: "A partnership of the tests' organisations.", organisationIds: await freeOrganisation(world) }),
  }),
  action(ADMIN_HUBS, "updateHubAction", {
    who: "an active admin",
    party: "a member of the hub",
    expect: ADMINS,
    setup: async (world, party) => {
      const hubId = await hubOfParty(world, party.id);
      return form({ hubId, name: `Hub ${randomUUID().slice(0, 8)}`, description: "Renamed by the tests.", organisationIds: await organisationOfParty(world, party.id) });
    },
  }),
  action(ADMIN_HUBS, "addCoordinatorAction", {
    who: "an active admin",
    party: "the member named coordinator",
    expect: ADMINS,
    setup: async (world, party) => form({ hubId: await hubOfParty(world, party.id), email: party.email }),
  }),
  action(ADMIN_HUBS, "removeCoordinatorAction", {
    who: "an active admin",
    party: "a coordinator of the hub",
    expect: ADMINS,
    setup: async (world, party) => {
      const hubId = await hubOfParty(world, party.id);
      await world.prisma.hubCoordinator.createMany({ data: [{ hubId, memberId: party.id }], skipDuplicates: true });
      return form({ hubId, memberId: party.id });
    },
  }),
  action(HUB, "approveHubMemberAction", {
    who: "a coordinator of the member's hub, or an admin",
    party: "a member of the hub of the member waiting",
    expect: HUB_COORDINATORS,
    http: true,
    setup: async (world, party) => form({ memberId: await pendingInPartyHub(world, party.id) }),
  }),
  action(HUB, "declineHubMemberAction", {
    who: "a coordinator of the member's hub, or an admin",
    party: "a member of the hub of the member waiting",
    expect: HUB_COORDINATORS,
    setup: async (world, party) => form({ memberId: await pendingInPartyHub(world, party.id), reason: "Please add your role to your profile first." }),
  }),
];
