// The demo bank's campaigns (issue 8), seeded after its hubs: "Home for lunch" (the North hub's,
// running), "Everyone's voice" (bank-wide, running) and "Greener theatres" (the Midlands hub's,
// finished). Existing offers and requests are tagged to them by topic, so their confirmed exchanges
// count; members join; a few members give hours to the pools and one organiser pays from a pool,
// all through lib/ledger, dated between the last of the history and the seed's `now`. Everything is
// read in a fixed order, so the same seed always gives the same campaigns.
import { createHash } from "node:crypto";
import { insertCampaign } from "../campaigns/create-campaign";
import { payFromPool } from "../campaigns/spend-campaign-pool";
import type { Prisma } from "../db/client";
import { backdateLedger } from "../ledger/backdate";
import { giveOwnHours } from "../members/donate-hours";
import { DEMO_HUBS } from "./demo-hubs";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Listings tagged to each campaign, at most. */
const MAX_TAGGED = 8;
/** Members who join each campaign besides its organisers and the parties of its exchanges. */
const EXTRA_JOINERS = 4;

interface DemoCampaign {
  title: string;
  aim: string;
  whyItMatters: string;
  /** The hub that runs it (DEMO_HUBS' name), or null for the whole bank. */
  hub: string | null;
  /** Days from the seed's today: start and end. */
  startsIn: number;
  endsIn: number;
  targetHours: number;
  skills: string[];
  /** Listings about these tags, skills or title words are tagged to it. */
  tags: string[];
  titleWords: string[];
  /** Hours members give to its pool, and what an organiser pays from it. */
  donations: number[];
  spendMinutes: number;
}

export const DEMO_CAMPAIGNS: DemoCampaign[] = [
  {
    title: "Home for lunch",
    aim: "By the end of the campaign, half of the patients who are ready to leave our wards go home before noon, up from one in five, and no one waits in a bed overnight for medicines or transport.",
    whyItMatters:
      "Every extra night in hospital costs an older patient strength they may not get back, and a bed that frees up at four in the afternoon leaves the emergency department full all day. Shorter stays start with small changes on every ward: a board round at nine, medicines ready the day before, transport booked early.",
    hub: DEMO_HUBS[0].name,
    startsIn: -56,
    endsIn: 70,
    targetHours: 40,
    skills: ["process-mapping", "demand-capacity", "run-charts", "facilitation"],
    tags: ["discharge", "flow", "system flow", "ambulance handover"],
    titleWords: ["discharge", "handover"],
    donations: [120, 90, 60],
    spendMinutes: 0,
  },
  {
    title: "Everyone's voice",
    aim: "Colleagues from ethnic minority backgrounds lead or co-lead a third of the bank's improvement projects within a year, and every team's staff survey shows they feel heard.",
    whyItMatters:
      "Our staff from ethnic minorities are less often asked to lead improvement, and less often listened to when they raise a problem. Services improve fastest when everyone who does the work can change it, and patients from every community are better cared for by teams that reflect them.",
    hub: null,
    startsIn: -35,
    endsIn: 150,
    targetHours: 60,
    skills: ["experience-based-codesign", "patient-carer-involvement", "survey-design", "improvement-coaching", "facilitation"],
    tags: ["health inequalities", "co-production", "staff engagement", "staff wellbeing"],
    titleWords: ["inclusion", "every voice"],
    donations: [60, 120],
    spendMinutes: 0,
  },
  {
    title: "Greener theatres",
    aim: "Cut the waste from our operating theatres by a quarter: fewer single-use items opened and not used, anaesthetic gases with a lower carbon footprint, and theatre lights and air handling off when lists end.",
    whyItMatters:
      "Operating theatres use several times the energy of the rest of a hospital and produce a large share of its waste. Much of it is habit: packs opened just in case, gases chosen by default. Greener surgery is cheaper, and cleaner air is healthier for the people we care for.",
    hub: DEMO_HUBS[1].name,
    startsIn: -210,
    endsIn: -21,
    targetHours: 25,
    skills: ["lean-value-stream", "measurement-plans", "sustainability-spread"],
    tags: ["medicines", "deprescribing", "handover"],
    titleWords: ["waste", "sustainab"],
    donations: [90, 60],
    spendMinutes: 60,
  },
];

/** A fixed id for a demo campaign, so the same seed gives the same bank. */
function demoId(title: string): string {
  const h = createHash("sha256").update(`demo-campaign:${title}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function seedDemoCampaigns(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const admin = await tx.user.findFirstOrThrow({ where: { role: "admin", status: "active" }, select: { id: true }, orderBy: { id: "asc" } });
  const members = await tx.$queryRaw<{ id: string; email: string; hub_name: string | null; coordinator_of: string | null; have: number }[]>`
    SELECT m.id, m.email, h.name AS hub_name,
           (SELECT ch.name FROM hub_coordinators c JOIN hubs ch ON ch.id = c.hub_id WHERE c.member_id = m.id ORDER BY ch.name LIMIT 1) AS coordinator_of,
           coalesce(a.balance_minutes - a.held_minutes, 0) AS have
      FROM members m
      LEFT JOIN organisations o ON o.id = m.organisation_id
      LEFT JOIN hubs h ON h.id = o.hub_id
      LEFT JOIN ledger_accounts a ON a.member_id = m.id
     WHERE m.status = 'active' AND m.role = 'member' AND m.profile_done_at IS NOT NULL
     ORDER BY m.id`;
  const listings = await tx.listing.findMany({
    select: { id: true, title: true, tags: true, status: true, kind: true, skill: { select: { slug: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const skills = await tx.skill.findMany({ select: { id: true, slug: true } });
  const hubs = await tx.hub.findMany({ select: { id: true, name: true } });
  // Pool movements come after every transfer of the history, and never after the seed's now.
  const [last] = await tx.$queryRaw<{ at: Date | null }[]>`SELECT max(created_at) AS at FROM ledger_transfers`;
  const lastMs = Math.min(last?.at?.getTime() ?? now.getTime() - DAY_MS, now.getTime() - 60_000);
  const movements = DEMO_CAMPAIGNS.reduce((n, c) => n + c.donations.length + (c.spendMinutes > 0 ? 1 : 0), 0);
  const step = Math.max(1, Math.floor((now.getTime() - lastMs) / (movements + 1)));
  let movedAt = lastMs;
  const nextMoment = () => new Date((movedAt = Math.min(now.getTime(), movedAt + step)));

  const taken = new Set<string>();
  const used = new Set<string>();
  let tagged = 0;
  let joined = 0;
  let donated = 0;
  for (const spec of DEMO_CAMPAIGNS) {
    const hubId = spec.hub ? hubs.find((h) => h.name === spec.hub)?.id : null;
    if (hubId === undefined) throw new Error(`demo seed: no hub named ${spec.hub}`);
    const local = members.filter((m) => (spec.hub ? m.hub_name === spec.hub : true));
    const coordinator = spec.hub ? members.find((m) => m.coordinator_of === spec.hub) : undefined;
    const organisers = local.filter((m) => m.coordinator_of === null && !used.has(m.id)).slice(0, 2);
    if (organisers.length < 2) throw new Error(`demo seed: too few members to organise ${spec.title}`);
    for (const o of organisers) used.add(o.id);
    const creator = coordinator?.id ?? admin.id;
    const startsOn = today + spec.startsIn * DAY_MS;
    const createdAt = new Date(Math.min(now.getTime(), startsOn - 7 * DAY_MS + 10 * 60 * 60 * 1000));
    const { id } = await insertCampaign(
      tx,
      creator,
      {
        title: spec.title,
        aim: spec.aim,
        whyItMatters: spec.whyItMatters,
        startsOn: new Date(startsOn),
        endsOn: new Date(today + spec.endsIn * DAY_MS),
        targetHours: spec.targetHours * 60,
        hubId,
        skillIds: spec.skills.map((slug) => {
          const skill = skills.find((s) => s.slug === slug);
          if (!skill) throw new Error(`demo seed: no skill ${slug}`);
          return skill.id;
        }),
        organiserIds: organisers.map((o) => o.id),
        organiserEmails: [],
      },
      { id: demoId(spec.title), createdAt },
    );
    await tx.campaignOrganiser.updateMany({ where: { campaignId: id }, data: { createdAt } });

    // Offers and requests about the campaign's topics: their exchanges count toward it.
    const matches = listings
      .filter((l) => !taken.has(l.id))
      .filter(
        (l) =>
          l.tags.some((t) => spec.tags.includes(t)) ||
          spec.titleWords.some((w) => l.title.toLowerCase().includes(w)) ||
          (spec.skills.includes(l.skill.slug) && l.kind === "request" && l.status === "open"),
      )
      .slice(0, MAX_TAGGED);
    for (const l of matches) taken.add(l.id);
    await tx.listing.updateMany({ where: { id: { in: matches.map((l) => l.id) } }, data: { campaignId: id } });
    tagged += matches.length;

    // Members taking part: the parties of its exchanges, and a few more.
    const parties = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT p.id FROM listings l JOIN exchanges e ON e.listing_id = l.id
        CROSS JOIN LATERAL (VALUES (e.provider_id), (e.payer_id)) AS p(id)
        JOIN members m ON m.id = p.id AND m.status = 'active'
       WHERE l.campaign_id = ${id}::uuid AND e.transfer_id IS NOT NULL
       ORDER BY p.id`;
    const extra = members.filter((m) => !parties.some((p) => p.id === m.id)).slice(joined % 7, (joined % 7) + EXTRA_JOINERS);
    const joiners = [...parties.map((p) => p.id), ...extra.map((m) => m.id)];
    await tx.campaignMember.createMany({ data: joiners.map((memberId) => ({ campaignId: id, memberId, joinedAt: createdAt })), skipDuplicates: true });
    await tx.campaignMember.updateMany({ where: { campaignId: id }, data: { joinedAt: createdAt } });
    joined += await tx.campaignMember.count({ where: { campaignId: id } });

    // Gifts of hours to its pool, from members who have them (richest first, then by id).
    const donors = members
      .filter((m) => !organisers.some((o) => o.id === m.id))
      .sort((a, b) => b.have - a.have || a.id.localeCompare(b.id))
      .slice(donated % 5, (donated % 5) + spec.donations.length);
    const pool = await tx.campaign.findUniqueOrThrow({ where: { id }, select: { poolAccountId: true } });
    for (const [i, minutes] of spec.donations.entries()) {
      const donor = donors[i]!;
      if (donor.have < minutes) throw new Error(`demo seed: ${donor.id} has too few hours to give to ${spec.title}`);
      donor.have -= minutes;
      await backdateLedger(tx, nextMoment());
      await giveOwnHours(tx, { actorId: donor.id, creditAccountId: pool.poolAccountId, minutes, requestKey: `demo-${id}-${i}`, memo: `For the campaign “${spec.title}”` });
      donated++;
    }

    // One payment from a pool, by an organiser, for an open request of the campaign.
    if (spec.spendMinutes > 0) {
      const request = await tx.listing.findFirst({
        where: { campaignId: id, kind: "request", status: "open", owner: { status: "active" }, ownerId: { notIn: organisers.map((o) => o.id) } },
        select: { id: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      if (!request) throw new Error(`demo seed: ${spec.title} has no open request to pay from its pool`);
      const at = nextMoment();
      await backdateLedger(tx, at);
      const paid = await payFromPool(tx, organisers[0]!.id, { campaignId: id, listingId: request.id, minutes: spec.spendMinutes, note: "", requestKey: `demo-spend-${id}` });
      if (paid.replayed) throw new Error("demo seed: a pool payment was replayed");
      await tx.campaignSpend.updateMany({ where: { campaignId: id }, data: { createdAt: at } });
      await tx.auditLog.create({
        data: {
          at,
          actorId: organisers[0]!.id,
          action: "campaign.spend",
          targetType: "campaign",
          targetId: id,
          details: { as: paid.as, listingId: paid.request.id, memberId: paid.request.ownerId, minutes: spec.spendMinutes, transferId: paid.transferId },
        },
      });
    }
  }
  await backdateLedger(tx, null);
  return `${DEMO_CAMPAIGNS.length} campaigns (${tagged} listings tagged, ${joined} members joined, ${donated} gifts to their pools)`;
}
