// The authorisation matrix rows for campaigns (issue 8): admins and the hub's coordinators start
// and edit a hub's campaign (a coordinator of another hub is refused); any active member joins,
// leaves and gives hours to its pool; its organisers, the hub's coordinators and admins spend the
// pool. Campaigns here belong to the party's hub, so "coordinator of the party's hub" coordinates
// the campaign's hub.
import { randomUUID } from "node:crypto";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { donateToCampaign } from "../../lib/campaigns/donate-to-campaign";
import { isoDay } from "../../lib/format/date";
import { bankToday } from "../../lib/listings/rules";
import type { TestMember } from "../helpers/members";
import { form, hubOfParty, member, type World } from "./harness";
import { A, ANY_ACTIVE, N, R, action, key, row, type Entry } from "./matrix-kit";

const FILE = "app/campaigns/actions.ts";

/** Admins and the coordinators of the campaign's hub (not its organisers, not another hub's coordinators). */
const HUB_RUNNERS = row([R, R, R, R, R, A, A, R]);
/** The organisers (the party), the hub's coordinators and admins. */
const SPENDERS = row([R, R, R, A, R, A, A, R]);
/** Only the member's own membership: anyone else's call leaves nothing to change. */
const OWN_ONLY = row([R, R, R, A, N, N, N, N]);

const day = (offset: number) => isoDay(new Date(bankToday().getTime() + offset * 86_400_000));

function campaignFields(world: World, organiserEmail: string) {
  return {
    title: `Campaign ${randomUUID().slice(0, 8)}`,
    aim: "Patients who are ready go home before noon.",
    whyItMatters: "Every extra night in hospital costs older patients their strength.",
    startsOn: day(-7),
    endsOn: day(60),
    targetHours: "40",
    skillIds: world.skillId,
    organiserEmails: organiserEmail,
  };
}

/** A campaign of the party's hub (or the whole bank) made by an admin, with `organiser` organising it. */
async function campaignOf(world: World, organiser: TestMember, hubId: string | null): Promise<string> {
  const admin = await member(world, { role: "admin" });
  const { id } = await createCampaign(admin.id, { ...campaignFields(world, organiser.email), skillIds: [world.skillId], hubId: hubId ?? "" }, world.prisma);
  return id;
}

/** A bank-wide campaign organised by someone other than the party. */
async function bankWideCampaign(world: World): Promise<string> {
  return campaignOf(world, await member(world), null);
}

export const CAMPAIGNS_MATRIX: Entry[] = [
  action(FILE, "createCampaignAction", {
    who: "an active admin (any hub, or the whole bank), or a coordinator of the hub it is for",
    party: "a member of the hub, named organiser",
    expect: HUB_RUNNERS,
    setup: async (world, party) => form({ ...campaignFields(world, party.email), hubId: await hubOfParty(world, party.id), requestKey: key() }),
  }),
  action(FILE, "updateCampaignAction", {
    who: "an active admin, or a coordinator of the campaign's hub",
    party: "an organiser of a hub's campaign",
    expect: HUB_RUNNERS,
    setup: async (world, party) => {
      const campaignId = await campaignOf(world, party, await hubOfParty(world, party.id));
      return form({ campaignId, ...campaignFields(world, party.email), title: "Renamed by the tests" });
    },
  }),
  action(FILE, "joinCampaignAction", {
    who: "any active member, of any hub, until it finishes",
    party: "the member joining",
    expect: ANY_ACTIVE,
    setup: async (world) => form({ campaignId: await bankWideCampaign(world) }),
  }),
  action(FILE, "leaveCampaignAction", {
    who: "any active member (their own membership only; organisers stay)",
    party: "a member who joined",
    expect: OWN_ONLY,
    setup: async (world, party) => {
      const campaignId = await bankWideCampaign(world);
      await world.prisma.campaignMember.create({ data: { campaignId, memberId: party.id } });
      return form({ campaignId });
    },
  }),
  action(FILE, "donateToCampaignAction", {
    who: "any active member (from their own account), until it finishes",
    party: "the giver",
    expect: ANY_ACTIVE,
    setup: async (world) => form({ campaignId: await bankWideCampaign(world), hours: "1", mins: "0", requestKey: key() }),
  }),
  action(FILE, "spendCampaignPoolAction", {
    who: "the campaign's organisers, its hub's coordinators, admins; on its open requests, up to what the pool holds",
    party: "an organiser of a hub's campaign",
    expect: SPENDERS,
    setup: async (world, party) => {
      const campaignId = await campaignOf(world, party, await hubOfParty(world, party.id));
      const donor = await member(world);
      await donateToCampaign(donor.id, { campaignId, minutes: 120, requestKey: randomUUID() }, world.prisma);
      const asker = await member(world);
      const request = await world.prisma.listing.create({
        data: { kind: "request", ownerId: asker.id, title: "Audit discharge times", description: "A week of discharge times.", skillId: world.skillId, estimatedMinutes: 60, campaignId },
      });
      return form({ campaignId, listingId: request.id, hours: "1", mins: "0", requestKey: key() });
    },
  }),
];
