// "Download my data": everything the bank holds about the member, as one JSON document. Other
// members appear by first name only; no other member's email or profile is included.
import { db, type PrismaClient } from "../db/client";
import { firstName } from "../format/names";

export const MY_DATA_FORMAT_VERSION = 1;
/** A bound on each list, far above what one member makes, so one request stays bounded. */
export const MY_DATA_MAX_ROWS = 50_000;

/** JSON cannot hold a bigint or bytes: ids become strings, hashes hex. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export async function exportMyData(memberId: string, database: PrismaClient = db()): Promise<Record<string, unknown> | null> {
  const member = await database.user.findUnique({
    where: { id: memberId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerified: true,
      status: true,
      role: true,
      profession: true,
      bio: true,
      availability: true,
      tags: true,
      profileDoneAt: true,
      approvedAt: true,
      statusReason: true,
      emailOptOut: true,
      closedAt: true,
      createdAt: true,
      updatedAt: true,
      organisation: { select: { name: true } },
      region: { select: { name: true } },
      skills: { select: { createdAt: true, skill: { select: { name: true, category: true } } } },
    },
  });
  if (!member) return null;

  const take = MY_DATA_MAX_ROWS;
  const party = { OR: [{ providerId: memberId }, { payerId: memberId }] };
  const [listings, exchanges, notifications, account, audit] = await Promise.all([
    database.listing.findMany({
      where: { ownerId: memberId },
      select: { id: true, kind: true, title: true, description: true, tags: true, estimatedMinutes: true, status: true, wantedBy: true, projectId: true, createdAt: true, updatedAt: true, skill: { select: { name: true } }, campaign: { select: { title: true } } },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.exchange.findMany({
      where: party,
      select: {
        id: true,
        listingId: true,
        state: true,
        title: true,
        note: true,
        agreedMinutes: true,
        deliveredMinutes: true,
        disputeReason: true,
        resolutionNote: true,
        thanksNote: true,
        learnedNote: true,
        thankedAt: true,
        acceptedAt: true,
        deliveredAt: true,
        confirmedAt: true,
        closedAt: true,
        createdAt: true,
        providerId: true,
        payerId: true,
        proposedById: true,
        provider: { select: { name: true } },
        payer: { select: { name: true } },
        events: { select: { fromState: true, toState: true, actorId: true, note: true, createdAt: true }, orderBy: { createdAt: "asc" } },
        messages: { select: { id: true, senderId: true, body: true, createdAt: true, sender: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.notification.findMany({
      where: { memberId },
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, emailedAt: true, createdAt: true },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.ledgerAccount.findUnique({
      where: { memberId },
      select: { id: true, name: true, balanceMinutes: true, heldMinutes: true, floorMinutes: true, entryCount: true, createdAt: true },
    }),
    database.auditLog.findMany({
      where: { OR: [{ actorId: memberId }, { targetType: "member", targetId: memberId }] },
      select: { id: true, at: true, action: true, targetType: true, targetId: true, details: true },
      orderBy: { id: "asc" },
      take,
    }),
  ]);

  const whoIs = (id: string | null, name: string | null | undefined) => (id === memberId ? "you" : firstName(name));
  const improvement = await improvementWorkOf(memberId, database);
  const campaigns = await campaignsOf(memberId, database);

  let entries: unknown[] = [];
  let transfers: unknown[] = [];
  let holds: unknown[] = [];
  if (account) {
    const [e, t, h] = await Promise.all([
      database.ledgerEntry.findMany({
        where: { accountId: account.id },
        select: { id: true, transferId: true, seq: true, amountMinutes: true, balanceAfterMinutes: true, createdAt: true },
        orderBy: { id: "asc" },
        take,
      }),
      database.ledgerTransfer.findMany({
        where: { OR: [{ debitAccountId: account.id }, { creditAccountId: account.id }] },
        select: { id: true, kind: true, amountMinutes: true, debitAccountId: true, creditAccountId: true, exchangeId: true, reversesTransferId: true, memo: true, createdAt: true },
        orderBy: { id: "asc" },
        take,
      }),
      database.ledgerHold.findMany({
        where: { OR: [{ debitAccountId: account.id }, { creditAccountId: account.id }] },
        select: { id: true, amountMinutes: true, debitAccountId: true, creditAccountId: true, exchangeId: true, createdAt: true, resolution: { select: { outcome: true, createdAt: true } } },
        orderBy: { id: "asc" },
        take,
      }),
    ]);
    entries = e;
    transfers = t.map((x) => ({ ...x, direction: x.creditAccountId === account.id ? "in" : "out" }));
    holds = h;
  }

  const { organisation, region, skills, ...profile } = member;
  return plain({
    format: "qi-time-bank/my-data",
    version: MY_DATA_FORMAT_VERSION,
    profile: { ...profile, organisation: organisation?.name ?? null, region: region?.name ?? null },
    skills: skills.map((s) => ({ name: s.skill.name, category: s.skill.category, addedAt: s.createdAt })),
    listings: listings.map(({ skill, campaign, ...l }) => ({ ...l, skill: skill.name, campaign: campaign?.title ?? null })),
    exchanges: exchanges.map((x) => {
      const { provider, payer, providerId, proposedById, events, ...rest } = x;
      const fields = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== "payerId" && k !== "messages"));
      return {
        ...fields,
        myRole: providerId === memberId ? "provider" : "payer",
        otherPartyFirstName: providerId === memberId ? firstName(payer.name) : firstName(provider.name),
        proposedBy: proposedById === memberId ? "you" : "the other member",
        events: events.map(({ actorId, ...ev }) => ({ ...ev, by: actorId === null ? "the bank" : actorId === memberId ? "you" : "someone else" })),
      };
    }),
    messages: exchanges.flatMap((x) =>
      x.messages.map((m) => ({ id: m.id, exchangeId: x.id, from: whoIs(m.senderId, m.sender.name), sentByMe: m.senderId === memberId, body: m.body, createdAt: m.createdAt })),
    ),
    notifications,
    ...improvement,
    ...campaigns,
    ledger: { account, entries, transfers, holds },
    // What I did to someone else (an admin's decisions) is about them: the action and time only.
    auditLog: audit.map((a) =>
      a.targetType === "member" && a.targetId !== memberId && a.targetId !== null
        ? { id: a.id, at: a.at, action: a.action, targetType: a.targetType, targetId: null, details: null }
        : a,
    ),
  }) as Record<string, unknown>;
}

/** Improvement work: my projects (with their stage history and PDSA cycles), the projects I follow, reports of excellence I wrote and received, and my certificates. */
async function improvementWorkOf(memberId: string, database: PrismaClient) {
  const take = MY_DATA_MAX_ROWS;
  const [projects, following, written, received, certificates] = await Promise.all([
    database.project.findMany({
      where: { ownerId: memberId },
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
        stageChanges: { select: { fromStage: true, toStage: true, note: true, createdAt: true }, orderBy: { createdAt: "asc" } },
        cycles: {
          select: { number: true, title: true, plan: true, prediction: true, happened: true, learned: true, decision: true, createdAt: true, completedAt: true },
          orderBy: { number: "asc" },
        },
      },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.projectFollower.findMany({
      where: { memberId },
      select: { createdAt: true, project: { select: { id: true, title: true } } },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.excellenceReport.findMany({
      where: { authorId: memberId },
      select: { id: true, exchangeId: true, whatTheyDid: true, whyItMattered: true, themes: true, createdAt: true, recipient: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.excellenceReport.findMany({
      where: { recipientId: memberId },
      select: { id: true, exchangeId: true, whatTheyDid: true, whyItMattered: true, themes: true, shownOnProfile: true, createdAt: true, author: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
      take,
    }),
    database.certificate.findMany({
      where: { memberId },
      select: { code: true, memberName: true, periodStart: true, periodEnd: true, minutesGiven: true, exchangeCount: true, skills: true, projects: true, issuedAt: true },
      orderBy: { issuedAt: "asc" },
      take,
    }),
  ]);
  return {
    projects,
    projectsFollowed: following.map((f) => ({ projectId: f.project.id, title: f.project.title, followedAt: f.createdAt })),
    excellenceWritten: written.map(({ recipient, ...r }) => ({ ...r, recipientFirstName: firstName(recipient.name) })),
    excellenceReceived: received.map(({ author, ...r }) => ({ ...r, authorFirstName: firstName(author.name) })),
    certificates,
  };
}

/**
 * Campaigns: those I joined and organise, the hours I gave to their pools, and what I paid from a
 * pool as an organiser (the member paid by first name). Those transfers are in my ledger too when
 * they touched my account; a payment I made from a pool did not, so it is listed here.
 */
async function campaignsOf(memberId: string, database: PrismaClient) {
  const take = MY_DATA_MAX_ROWS;
  const [joined, organised, donations, spends] = await Promise.all([
    database.campaignMember.findMany({ where: { memberId }, select: { joinedAt: true, campaign: { select: { id: true, title: true } } }, orderBy: { joinedAt: "asc" }, take }),
    database.campaignOrganiser.findMany({ where: { memberId }, select: { createdAt: true, campaign: { select: { id: true, title: true } } }, orderBy: { createdAt: "asc" }, take }),
    database.$queryRaw<{ transfer_id: bigint; campaign_id: string; title: string; amount_minutes: number; memo: string | null; created_at: Date }[]>`
      SELECT t.id AS transfer_id, c.id AS campaign_id, c.title, t.amount_minutes, t.memo, t.created_at
        FROM ledger_transfers t
        JOIN ledger_accounts a ON a.id = t.debit_account_id AND a.member_id = ${memberId}::uuid
        JOIN campaigns c ON c.pool_account_id = t.credit_account_id
       ORDER BY t.id LIMIT ${take}`,
    database.campaignSpend.findMany({
      where: { spentById: memberId },
      select: { createdAt: true, transferId: true, campaign: { select: { id: true, title: true } }, listing: { select: { title: true, owner: { select: { name: true } } } }, transfer: { select: { amountMinutes: true } } },
      orderBy: { id: "asc" },
      take,
    }),
  ]);
  return {
    campaignsJoined: joined.map((j) => ({ campaignId: j.campaign.id, title: j.campaign.title, joinedAt: j.joinedAt })),
    campaignsOrganised: organised.map((o) => ({ campaignId: o.campaign.id, title: o.campaign.title, since: o.createdAt })),
    campaignDonations: donations.map((d) => ({ transferId: d.transfer_id, campaignId: d.campaign_id, campaign: d.title, amountMinutes: d.amount_minutes, memo: d.memo, at: d.created_at })),
    campaignPoolPayments: spends.map((s) => ({
      transferId: s.transferId,
      campaignId: s.campaign.id,
      campaign: s.campaign.title,
      request: s.listing.title,
      paidToFirstName: firstName(s.listing.owner.name),
      amountMinutes: s.transfer.amountMinutes,
      at: s.createdAt,
    })),
  };
}
