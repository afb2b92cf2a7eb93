// The demo bank that `npm start` loads on the first run: about sixty fictional members across
// eight health and care organisations, the quality-improvement skills list, offers, requests and
// exchanges in every state, with their history and messages. Everything is drawn from a seeded
// generator, so the same seed gives the same bank; only the dates move, relative to today.
//
// Every ledger effect goes through lib/ledger (welcome grants, holds, posts, voids), in one
// transaction with the rest, so a failed seed leaves an empty bank that the next start retries.
import type { Prisma, PrismaClient } from "../db/client";
import type { ExchangeState, ListingStatus, MemberStatus } from "../db/generated/enums";
import {
  hold,
  openMemberAccount,
  postHold,
  LEDGER_CHECK_KINDS,
  reconcile,
  runLedgerCheck,
  systemAccountId,
  transfer,
  trialBalance,
  verifyChain,
  voidHold,
} from "../ledger";
import { backdateLedger } from "../ledger/backdate";
import {
  ADMIN,
  AFTER_DELIVERY,
  AVAILABILITY,
  CANCEL_NOTES,
  DECLINE_NOTES,
  DISPUTE_REASONS,
  LOGISTICS,
  MEMBER_NAMES,
  OFFERS,
  OPENING_FROM_PAYER,
  OPENING_FROM_PROVIDER,
  ORGANISATIONS,
  PROFESSION_GROUP,
  PROFESSION_SKILLS,
  REGIONS,
  REPLIES,
  REQUESTS,
  RESOLUTION_NOTES,
  SKILLS,
  THANKS,
  type ListingText,
  type OrgKind,
} from "./demo-content";
import { seedDemoCampaigns } from "./demo-campaigns";
import { seedDemoHubs } from "./demo-hubs";
import { seedImprovementWork } from "./demo-improvement";
import { createRandom, type Random } from "./random";

export const DEFAULT_DEMO_SEED = 20261125;
/** The welcome credit each member gets from the issuance account. */
export const DEMO_WELCOME_GRANT_MINUTES = 120;
export const DEMO_EMAIL_DOMAIN = "demo.timebank.local";
/** How long the one seeding transaction may take before PostgreSQL gives up on it. */
const SEED_TRANSACTION_TIMEOUT_MS = 120_000;

/** How many members of each kind the demo has (the admin is one of the active ones). */
export const DEMO_MEMBER_COUNTS = { total: 60, active: 56, pending: 3, suspended: 1 } as const;

/** How many exchanges of each kind the demo has: 150 in all, every state represented. */
export const DEMO_EXCHANGE_PLAN = {
  proposed: 14,
  declined: 10,
  cancelledBeforeAccept: 6,
  cancelledAfterAccept: 8,
  accepted: 14,
  delivered: 14,
  confirmed: 58,
  confirmedAutomatically: 8,
  disputed: 6,
  resolvedPosted: 5,
  resolvedAdjusted: 4,
  resolvedVoided: 3,
} as const;
type Variant = keyof typeof DEMO_EXCHANGE_PLAN;

/** Offer and request statuses, as [open, paused, closed]. */
const OFFER_STATUSES = [68, 7, 5] as const;
const REQUEST_STATUSES = [32, 4, 4] as const;
/** Spreads offers out: an owner with this many listings is chosen only when no one else fits. */
const MAX_OFFERS_PER_OWNER = 2;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export async function bankIsEmpty(prisma: PrismaClient): Promise<boolean> {
  const anyone = await prisma.user.findFirst({ select: { id: true } });
  return anyone === null;
}

export interface SeedDemoOptions {
  seed?: number;
  /** "Now" for the demo's dates (default: the current time). Dates are relative to its day. */
  now?: Date;
}

interface PlannedMember {
  id: string;
  name: string;
  firstName: string;
  email: string;
  status: MemberStatus;
  role: "member" | "admin";
  profession: string;
  organisationIndex: number;
  tags: string[];
  skills: Set<string>;
  createdAt: Date;
  approvedAt: Date | null;
  profileDoneAt: Date | null;
  bio: string;
  availability: string;
  statusReason: string | null;
  listingCount: number;
}

interface PlannedListing {
  id: string;
  kind: "offer" | "request";
  owner: PlannedMember;
  text: ListingText;
  status: ListingStatus;
  createdAt: Date;
  wantedBy: Date | null;
  tags: string[];
}

interface PlannedEvent {
  fromState: ExchangeState | null;
  toState: ExchangeState;
  actorId: string | null;
  note: string | null;
  createdAt: Date;
}

interface Timeline {
  createdAt: Date;
  acceptedAt?: Date;
  deliveredAt?: Date;
  disputedAt?: Date;
  endedAt?: Date;
}

export async function seedDemoBank(prisma: PrismaClient, options: SeedDemoOptions = {}): Promise<string> {
  const started = performance.now();
  const rng = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const ids = createRandom((options.seed ?? DEFAULT_DEMO_SEED) ^ 0x5eed1d5);
  const now = options.now ?? new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  /** A moment n days before today, in working hours (so never later than now). */
  const daysAgo = (min: number, max: number) =>
    new Date(today - rng.int(min, max) * DAY_MS + rng.int(8 * 60, 17 * 60) * MINUTE_MS);
  /** A moment between min and max days before `from`. */
  const before = (from: Date, minDays: number, maxDays: number) =>
    new Date(from.getTime() - rng.int(Math.round(minDays * 24 * 60), Math.round(maxDays * 24 * 60)) * MINUTE_MS);
  const plusDays = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

  return prisma.$transaction(
    async (tx) => {
      const settings = await tx.bankSettings.update({
        where: { id: 1 },
        data: { welcomeGrantMinutes: DEMO_WELCOME_GRANT_MINUTES },
      });

      // Regions, organisations, skills -------------------------------------------------------
      const regionIds = new Map(REGIONS.map((name) => [name, ids.uuid()]));
      await tx.region.createMany({ data: REGIONS.map((name) => ({ id: regionIds.get(name)!, name })) });
      const organisationIds = ORGANISATIONS.map(() => ids.uuid());
      await tx.organisation.createMany({
        data: ORGANISATIONS.map((o, i) => ({
          id: organisationIds[i]!,
          name: o.name,
          kind: o.kind,
          regionId: regionIds.get(o.region)!,
        })),
      });
      const skillIds = new Map(SKILLS.map((s) => [s.slug, ids.uuid()]));
      await tx.skill.createMany({
        data: SKILLS.map((s) => ({
          id: skillIds.get(s.slug)!,
          slug: s.slug,
          name: s.name,
          category: s.category,
          description: s.description,
        })),
      });

      // Members -------------------------------------------------------------------------------
      const members = planMembers(rng, ids, daysAgo, before);
      const admin = members[0]!;
      await tx.user.createMany({
        data: members.map((m) => ({
          id: m.id,
          name: m.name,
          email: m.email,
          emailVerified: m.approvedAt,
          status: m.status,
          role: m.role,
          profession: PROFESSION_GROUP[m.profession] ?? "Other",
          organisationId: organisationIds[m.organisationIndex]!,
          regionId: regionIds.get(ORGANISATIONS[m.organisationIndex]!.region)!,
          bio: m.bio,
          availability: m.availability,
          tags: m.tags,
          profileDoneAt: m.profileDoneAt,
          approvedAt: m.approvedAt,
          statusReason: m.statusReason,
          createdAt: m.createdAt,
          updatedAt: m.approvedAt ?? m.createdAt,
        })),
      });

      // Offers and requests (owners of offers gain the offer's skill) ---------------------------
      const traders = members.filter((m) => m.status === "active" && m.role === "member");
      const listings = planListings(rng, ids, traders, today, daysAgo, plusDays);
      await tx.listing.createMany({
        data: listings.map((l) => ({
          id: l.id,
          kind: l.kind,
          ownerId: l.owner.id,
          title: l.text.title,
          description: l.text.description,
          skillId: skillIds.get(l.text.skill)!,
          tags: l.tags,
          estimatedMinutes: l.text.minutes,
          status: l.status,
          wantedBy: l.wantedBy,
          createdAt: l.createdAt,
          updatedAt: l.status === "open" ? l.createdAt : plusDays(l.createdAt, 30),
        })),
      });
      await tx.memberSkill.createMany({
        data: members.flatMap((m) =>
          [...m.skills].map((slug) => ({ memberId: m.id, skillId: skillIds.get(slug)!, createdAt: m.profileDoneAt ?? m.createdAt })),
        ),
      });

      // Ledger accounts and welcome grants --------------------------------------------------------
      const issuance = await systemAccountId("issuance", tx);
      const accountOf = new Map<string, number>();
      const balance = new Map<string, { balance: number; held: number }>();
      for (const m of members) {
        if (m.status === "pending") continue;
        const account = await openMemberAccount(m.id, { floorMinutes: settings.defaultFloorMinutes, name: m.name }, tx);
        accountOf.set(m.id, account);
        await backdateLedger(tx, m.approvedAt);
        await transfer(
          {
            kind: "grant",
            debitAccountId: issuance,
            creditAccountId: account,
            amountMinutes: DEMO_WELCOME_GRANT_MINUTES,
            idempotencyKey: `demo:welcome:${m.id}`,
            actorId: admin.id,
            memo: "Welcome to the time bank",
          },
          tx,
        );
        balance.set(m.id, { balance: DEMO_WELCOME_GRANT_MINUTES, held: 0 });
      }
      const floor = settings.defaultFloorMinutes;
      const available = (memberId: string) => {
        const b = balance.get(memberId)!;
        return b.balance - b.held - floor;
      };

      // Exchanges: timelines first, then parties in time order so no payer goes below the floor.
      const variants = rng.shuffle(
        (Object.entries(DEMO_EXCHANGE_PLAN) as [Variant, number][]).flatMap(([v, n]) => Array<Variant>(n).fill(v)),
      );
      const planned = variants
        .map((variant) => ({ variant, timeline: planTimeline(variant, settings.autoConfirmDays) }))
        .sort((a, b) => ledgerTime(a.timeline) - ledgerTime(b.timeline));

      function planTimeline(variant: Variant, autoConfirmDays: number): Timeline {
        switch (variant) {
          case "proposed":
            return { createdAt: daysAgo(1, 12) };
          case "declined":
          case "cancelledBeforeAccept": {
            const endedAt = daysAgo(10, 170);
            return { createdAt: before(endedAt, 0.2, 5), endedAt };
          }
          case "cancelledAfterAccept": {
            const endedAt = daysAgo(5, 170);
            const acceptedAt = before(endedAt, 2, 15);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt, endedAt };
          }
          case "accepted": {
            const acceptedAt = daysAgo(1, 25);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt };
          }
          case "delivered": {
            const deliveredAt = daysAgo(1, autoConfirmDays - 1);
            const acceptedAt = before(deliveredAt, 2, 20);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt, deliveredAt };
          }
          case "confirmed": {
            const endedAt = daysAgo(1, 150);
            const deliveredAt = before(endedAt, 0.1, 10);
            const acceptedAt = before(deliveredAt, 2, 20);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt, deliveredAt, endedAt };
          }
          case "confirmedAutomatically": {
            const deliveredAt = daysAgo(autoConfirmDays + 1, 150);
            const acceptedAt = before(deliveredAt, 2, 20);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt, deliveredAt, endedAt: plusDays(deliveredAt, autoConfirmDays) };
          }
          case "disputed": {
            const disputedAt = daysAgo(1, 10);
            const deliveredAt = before(disputedAt, 0.5, 5);
            const acceptedAt = before(deliveredAt, 2, 20);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt, deliveredAt, disputedAt };
          }
          case "resolvedPosted":
          case "resolvedAdjusted":
          case "resolvedVoided": {
            const endedAt = daysAgo(5, 150);
            const disputedAt = before(endedAt, 2, 10);
            const deliveredAt = before(disputedAt, 0.5, 5);
            const acceptedAt = before(deliveredAt, 2, 20);
            return { createdAt: before(acceptedAt, 0.2, 3), acceptedAt, deliveredAt, disputedAt, endedAt };
          }
        }
      }

      const exchangeRows: Prisma.ExchangeCreateManyInput[] = [];
      const eventRows: Prisma.ExchangeEventCreateManyInput[] = [];
      const messageRows: Prisma.MessageCreateManyInput[] = [];
      const pairsUsed = new Set<string>();
      const stateCounts = new Map<ExchangeState, number>();

      for (const { variant, timeline } of planned) {
        const holds = timeline.acceptedAt !== undefined;
        const id = ids.uuid();
        const live = ["proposed", "accepted", "delivered", "disputed"].includes(variant);

        // The listing and the two parties.
        let chosen: { listing: PlannedListing; provider: PlannedMember; payer: PlannedMember; agreed: number } | undefined;
        const fitting = listings.filter(
          (l) => l.createdAt.getTime() < timeline.createdAt.getTime() - DAY_MS && (!live || l.status === "open"),
        );
        for (let attempt = 0; attempt < 200 && !chosen && fitting.length > 0; attempt++) {
          const listing = rng.pick(fitting);
          const others = traders.filter((m) => m.id !== listing.owner.id && m.createdAt < timeline.createdAt);
          if (others.length === 0) continue;
          let provider: PlannedMember;
          let payer: PlannedMember;
          if (listing.kind === "offer") {
            provider = listing.owner;
            payer = rng.pick(others);
          } else {
            const skilled = others.filter((m) => m.skills.has(listing.text.skill));
            provider = rng.pick(skilled.length > 0 && rng.chance(0.85) ? skilled : others);
            payer = listing.owner;
          }
          const pair = `${listing.id}:${provider.id}:${payer.id}`;
          if (pairsUsed.has(pair)) continue;
          const agreed = Math.max(30, listing.text.minutes + rng.pick([0, 0, 0, 0, -15, 15, 30]));
          // Room for a dispute to settle for more than was held.
          if (holds && available(payer.id) < agreed + 60) continue;
          pairsUsed.add(pair);
          chosen = { listing, provider, payer, agreed };
        }
        if (!chosen) throw new Error(`demo seed: no listing and parties found for a ${variant} exchange`);
        const { listing, provider, payer, agreed } = chosen;
        const proposer = listing.kind === "offer" ? payer : provider;
        const responder = proposer === payer ? provider : payer;

        // What was delivered, and what (if anything) is posted.
        let delivered: number | null = null;
        if (timeline.deliveredAt) {
          if (variant.startsWith("resolved") || variant === "disputed") delivered = agreed + rng.pick([0, 30, 60]);
          else delivered = rng.chance(0.8) ? agreed : Math.max(15, agreed + rng.pick([-30, -15, 15]));
        }
        let postedMinutes: number | null = null;
        if (variant === "confirmed" || variant === "confirmedAutomatically" || variant === "resolvedPosted") {
          postedMinutes = delivered;
        } else if (variant === "resolvedAdjusted") {
          postedMinutes = Math.max(15, Math.round((delivered! * rng.pick([0.5, 0.75])) / 15) * 15);
          if (postedMinutes === delivered) postedMinutes = Math.max(15, delivered! - 15);
        }

        // The ledger, exactly as the exchange's lifecycle would have driven it.
        let holdId: bigint | null = null;
        let transferId: bigint | null = null;
        if (holds) {
          await backdateLedger(tx, timeline.acceptedAt ?? timeline.createdAt);
          const result = await hold(
            {
              debitAccountId: accountOf.get(payer.id)!,
              creditAccountId: accountOf.get(provider.id)!,
              amountMinutes: agreed,
              idempotencyKey: `exchange:${id}:hold`,
              exchangeId: id,
              actorId: responder.id,
              memo: listing.text.title,
            },
            tx,
          );
          holdId = result.holdId;
          balance.get(payer.id)!.held += agreed;
          const resolvedBy = variant.startsWith("resolved") ? admin.id : null;
          if (timeline.endedAt) await backdateLedger(tx, timeline.endedAt);
          if (postedMinutes !== null) {
            const posted = await postHold(
              {
                holdId,
                amountMinutes: postedMinutes,
                idempotencyKey: `exchange:${id}:post`,
                actorId: resolvedBy ?? (variant === "confirmedAutomatically" ? null : payer.id),
              },
              tx,
            );
            transferId = posted.transferId;
            const payerBalance = balance.get(payer.id)!;
            payerBalance.held -= agreed;
            payerBalance.balance -= postedMinutes;
            balance.get(provider.id)!.balance += postedMinutes;
          } else if (variant === "cancelledAfterAccept" || variant === "resolvedVoided") {
            await voidHold({ holdId, idempotencyKey: `exchange:${id}:void`, actorId: resolvedBy ?? proposer.id }, tx);
            balance.get(payer.id)!.held -= agreed;
          }
        }

        // History: one event per transition, and the state it ends in.
        const events: PlannedEvent[] = [
          { fromState: null, toState: "proposed", actorId: proposer.id, note: null, createdAt: timeline.createdAt },
        ];
        let state = "proposed" as ExchangeState;
        const step = (toState: ExchangeState, actorId: string | null, at: Date, note: string | null = null) => {
          events.push({ fromState: state, toState, actorId, note, createdAt: at });
          state = toState;
        };
        const endNote =
          variant === "declined" ? rng.pick(DECLINE_NOTES) : variant.startsWith("cancelled") ? rng.pick(CANCEL_NOTES) : "";
        if (variant === "declined") step("declined", responder.id, timeline.endedAt!, endNote);
        if (variant === "cancelledBeforeAccept") step("cancelled", proposer.id, timeline.endedAt!, endNote);
        if (timeline.acceptedAt) step("accepted", responder.id, timeline.acceptedAt);
        if (variant === "cancelledAfterAccept") step("cancelled", proposer.id, timeline.endedAt!, endNote);
        if (timeline.deliveredAt) step("delivered", provider.id, timeline.deliveredAt, `${delivered} minutes given.`);
        const disputeReason = timeline.disputedAt ? rng.pick(DISPUTE_REASONS) : null;
        if (timeline.disputedAt) step("disputed", payer.id, timeline.disputedAt, disputeReason);
        if (variant === "confirmed") step("confirmed", payer.id, timeline.endedAt!);
        if (variant === "confirmedAutomatically") {
          step("confirmed", null, timeline.endedAt!, `Confirmed automatically ${settings.autoConfirmDays} days after delivery.`);
        }
        let resolutionNote: string | null = null;
        if (variant === "resolvedPosted") resolutionNote = RESOLUTION_NOTES.posted;
        if (variant === "resolvedAdjusted") resolutionNote = `${RESOLUTION_NOTES.adjusted} ${postedMinutes} minutes posted.`;
        if (variant === "resolvedVoided") resolutionNote = RESOLUTION_NOTES.voided;
        if (resolutionNote) step("resolved", admin.id, timeline.endedAt!, resolutionNote);
        stateCounts.set(state, (stateCounts.get(state) ?? 0) + 1);
        for (const e of events) eventRows.push({ id: ids.uuid(), exchangeId: id, ...e });

        // A few messages, each inside the exchange's life.
        const say = (from: PlannedMember, templates: readonly string[], at: Date) => {
          const to = from === provider ? payer : provider;
          const body = fill(rng.pick(templates), to.firstName, skillPhrase(listing.text.skill));
          messageRows.push({ id: ids.uuid(), exchangeId: id, senderId: from.id, body, createdAt: at });
          return body;
        };
        const minutesAfter = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE_MS);
        const opening = say(proposer, proposer === payer ? OPENING_FROM_PAYER : OPENING_FROM_PROVIDER, minutesAfter(timeline.createdAt, 1));
        if (variant === "declined") say(responder, [endNote], timeline.endedAt!);
        if (variant === "cancelledBeforeAccept") say(proposer, [endNote], timeline.endedAt!);
        if (variant === "proposed" && rng.chance(0.5)) {
          say(responder, REPLIES, new Date(Math.min(minutesAfter(timeline.createdAt, rng.int(60, 600)).getTime(), today - MINUTE_MS)));
        }
        if (timeline.acceptedAt) {
          const replyAt = Math.max(minutesAfter(timeline.createdAt, 2).getTime(), timeline.acceptedAt.getTime() - 30 * MINUTE_MS);
          say(responder, REPLIES, new Date(replyAt));
          if (rng.chance(0.7)) {
            const end = (timeline.deliveredAt ?? timeline.endedAt ?? new Date(today)).getTime();
            const at = timeline.acceptedAt.getTime() + Math.floor((end - timeline.acceptedAt.getTime()) / 3);
            say(rng.chance(0.5) ? provider : payer, LOGISTICS, new Date(at));
          }
        }
        if (variant === "cancelledAfterAccept") say(proposer, [endNote], timeline.endedAt!);
        if (timeline.deliveredAt && !timeline.disputedAt) {
          let at = minutesAfter(timeline.deliveredAt, rng.int(30, 300)).getTime();
          if (timeline.endedAt) at = Math.min(at, timeline.endedAt.getTime() - MINUTE_MS);
          say(payer, AFTER_DELIVERY, new Date(Math.max(at, timeline.deliveredAt.getTime() + MINUTE_MS)));
        }
        const lastAt = events[events.length - 1]!.createdAt;

        const confirmedAt = state === "confirmed" ? timeline.endedAt! : null;
        const thanked = state === "confirmed" && rng.chance(0.6);
        const deliveredEnd = (timeline.disputedAt ?? confirmedAt ?? now).getTime();
        exchangeRows.push({
          id,
          listingId: listing.id,
          providerId: provider.id,
          payerId: payer.id,
          proposedById: proposer.id,
          state,
          title: listing.text.title,
          note: opening,
          agreedMinutes: agreed,
          deliveredMinutes: delivered,
          holdId,
          transferId,
          disputeReason,
          resolutionNote,
          thanksNote: thanked ? fill(rng.pick(THANKS), provider.firstName, "") : null,
          learnedNote: thanked && rng.chance(0.8) ? SKILLS.find((s) => s.slug === listing.text.skill)!.learned : null,
          thankedAt: thanked ? new Date(confirmedAt!.getTime() + rng.int(5, 120) * MINUTE_MS) : null,
          acceptedAt: timeline.acceptedAt ?? null,
          deliveredAt: timeline.deliveredAt ?? null,
          confirmedAt,
          closedAt: ["declined", "cancelled", "confirmed", "resolved"].includes(state) ? timeline.endedAt! : null,
          autoConfirmAt: timeline.deliveredAt ? plusDays(timeline.deliveredAt, settings.autoConfirmDays) : null,
          reminderSentAt:
            timeline.deliveredAt && deliveredEnd - timeline.deliveredAt.getTime() >= settings.reminderDays * DAY_MS
              ? plusDays(timeline.deliveredAt, settings.reminderDays)
              : null,
          createdAt: timeline.createdAt,
          updatedAt: lastAt,
        });
      }

      // The history above carries the times it happened; everything written from now on, now.
      await backdateLedger(tx, null);
      await tx.exchange.createMany({ data: exchangeRows });
      await tx.exchangeEvent.createMany({ data: eventRows });
      await tx.message.createMany({ data: messageRows });

      const problems = [...(await reconcile(tx)), ...(await verifyChain(tx))];
      if (problems.length > 0) {
        throw new Error(`demo seed: the ledger does not balance: ${problems.map((p) => p.problem).join("; ")}`);
      }
      // The admin ledger page shows each check's last run: the demo bank starts with one of each.
      for (const kind of LEDGER_CHECK_KINDS) await runLedgerCheck(kind, null, tx);
      const books = await trialBalance(tx);
      // Projects, reports of excellence, method pages, certificates: after the exchanges they use.
      const improvement = await seedImprovementWork({ tx, rng: createRandom((options.seed ?? DEFAULT_DEMO_SEED) ^ 0x1a7e), now });
      const hubs = await seedDemoHubs(tx);
      const campaigns = await seedDemoCampaigns(tx, now);

      const count = (status: MemberStatus) => members.filter((m) => m.status === status).length;
      const offers = listings.filter((l) => l.kind === "offer").length;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      return (
        `${members.length} members (${count("active")} active incl. 1 admin, ${count("pending")} pending, ` +
        `${count("suspended")} suspended), ${ORGANISATIONS.length} organisations in ${REGIONS.length} regions, ` +
        `${SKILLS.length} skills, ${offers} offers, ${listings.length - offers} requests, ${exchangeRows.length} exchanges ` +
        `(${stateCounts.get("confirmed") ?? 0} confirmed), ${eventRows.length} exchange events, ${messageRows.length} messages, ` +
        `${books.accounts} ledger accounts, ${books.transfers} transfers${improvement ? `, ${improvement}` : ""}, ${hubs}, ${campaigns}, in ${seconds} s`
      );
    },
    { timeout: SEED_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/** The moment an exchange first touches the ledger (its hold), or its creation if it never does. */
function ledgerTime(t: Timeline): number {
  return (t.acceptedAt ?? t.createdAt).getTime();
}

function fill(template: string, to: string, skill: string): string {
  return template.replaceAll("{to}", to).replaceAll("{skill}", skill);
}

/** A skill's name as it reads inside a sentence: "process mapping", but "SPC charts". */
function skillPhrase(slug: string): string {
  const name = SKILLS.find((s) => s.slug === slug)!.name;
  const first = name.split(" ")[0]!;
  return first === first.toUpperCase() || name.includes("Improvement") ? name : name[0]!.toLowerCase() + name.slice(1);
}

function emailFor(name: string): string {
  const local = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f']/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".");
  return `${local}@${DEMO_EMAIL_DOMAIN}`;
}

function planMembers(
  rng: Random,
  ids: Random,
  daysAgo: (min: number, max: number) => Date,
  before: (from: Date, minDays: number, maxDays: number) => Date,
): PlannedMember[] {
  const names = rng.shuffle(MEMBER_NAMES);
  const slots = ORGANISATIONS.flatMap((o, organisationIndex) => o.professions.map((profession) => ({ organisationIndex, profession })));
  if (slots.length !== names.length || names.length + 1 !== DEMO_MEMBER_COUNTS.total) {
    throw new Error("demo seed: the organisations' professions and the names list disagree");
  }
  // Three recent sign-ups waiting for approval, and one member suspended.
  const order = rng.shuffle(slots.map((_, i) => i));
  const pending = new Set(order.slice(0, DEMO_MEMBER_COUNTS.pending));
  const suspended = new Set(order.slice(DEMO_MEMBER_COUNTS.pending, DEMO_MEMBER_COUNTS.pending + DEMO_MEMBER_COUNTS.suspended));

  const adminOrg = ORGANISATIONS.findIndex((o) => o.name === ADMIN.organisation);
  const adminCreated = daysAgo(440, 450);
  const admin: PlannedMember = {
    id: ids.uuid(),
    name: ADMIN.name,
    firstName: ADMIN.name.split(" ")[0]!,
    email: ADMIN.email,
    status: "active",
    role: "admin",
    profession: ADMIN.profession,
    organisationIndex: adminOrg,
    tags: ["time banking", "system flow"],
    skills: new Set(PROFESSION_SKILLS[ADMIN.profession]),
    createdAt: adminCreated,
    approvedAt: adminCreated,
    profileDoneAt: adminCreated,
    bio: "Coordinates the time bank: approves new members, helps people find each other and settles the odd disagreement.",
    availability: "Weekdays, 9 to 5",
    statusReason: null,
    listingCount: 0,
  };

  const members = slots.map(({ organisationIndex, profession }, i): PlannedMember => {
    const org = ORGANISATIONS[organisationIndex]!;
    const name = names[i]!;
    const status: MemberStatus = pending.has(i) ? "pending" : suspended.has(i) ? "suspended" : "active";
    const createdAt = status === "pending" ? daysAgo(1, 9) : daysAgo(330, 430);
    const approvedAt = status === "pending" ? null : new Date(createdAt.getTime() + rng.int(2, 72) * HOUR_MS);
    const likely = PROFESSION_SKILLS[profession] ?? [];
    const skills = new Set([...likely.slice(0, 2), ...rng.sample(likely.slice(2), rng.int(0, 2))]);
    if (rng.chance(0.3)) skills.add(rng.pick(SKILLS).slug);
    const tags = rng.sample(org.topics, rng.int(2, 3));
    const short = org.name.replace(/ NHS (Foundation )?Trust$/, "");
    const skillWords = [...skills].map(skillPhrase);
    const bio =
      profession === "Patient partner" || profession === "Peer support worker"
        ? `${profession} with ${short}. I joined to help make services work better for people like me and my family, and I'm glad to help with ${skillWords[0]}.`
        : rng.pick([
            `${profession} at ${short}. Interested in ${tags[0]} and ${tags[1]}, and happy to share what I know about ${skillWords[0]}.`,
            `${profession} at ${short}. I've been part of improvement work on ${tags[0]} for a few years; ${skillWords[0]} is my favourite tool.`,
            `${profession} at ${short}, keen to learn from other organisations about ${tags[0]}. I can help with ${skillWords[0]} and ${skillWords[1] ?? "measurement"}.`,
          ]);
    return {
      id: ids.uuid(),
      name,
      firstName: name.split(" ")[0]!,
      email: emailFor(name),
      status,
      role: "member",
      profession,
      organisationIndex,
      tags,
      skills,
      createdAt,
      approvedAt,
      profileDoneAt: status === "pending" && rng.chance(0.4) ? null : before(new Date(createdAt.getTime() + DAY_MS), 0.01, 0.9),
      bio,
      availability: rng.pick(AVAILABILITY),
      statusReason:
        status === "suspended" ? "Paused by the coordinator while a concern about missed sessions is talked through." : null,
      listingCount: 0,
    };
  });
  return [admin, ...members];
}

function planListings(
  rng: Random,
  ids: Random,
  traders: PlannedMember[],
  today: number,
  daysAgo: (min: number, max: number) => Date,
  plusDays: (from: Date, days: number) => Date,
): PlannedListing[] {
  const statuses = (counts: readonly [number, number, number]): ListingStatus[] =>
    rng.shuffle([
      ...Array<ListingStatus>(counts[0]).fill("open"),
      ...Array<ListingStatus>(counts[1]).fill("paused"),
      ...Array<ListingStatus>(counts[2]).fill("closed"),
    ]);
  /** Among the candidates, someone with few listings so far, so that offers spread out. */
  const leastBusy = (candidates: PlannedMember[]): PlannedMember => {
    const fewest = Math.min(...candidates.map((m) => m.listingCount));
    const owner = rng.pick(candidates.filter((m) => m.listingCount <= fewest + 1));
    owner.listingCount++;
    return owner;
  };
  const kindOf = (m: PlannedMember): OrgKind => ORGANISATIONS[m.organisationIndex]!.kind;
  const createdFor = (status: ListingStatus) =>
    status === "open" ? daysAgo(1, 150) : status === "paused" ? daysAgo(60, 260) : daysAgo(100, 320);

  const offerStatuses = statuses(OFFER_STATUSES);
  const offers = OFFERS.map((text, i): PlannedListing => {
    const byProfession = text.professions ? traders.filter((m) => text.professions!.includes(m.profession)) : traders;
    // Someone who has the skill and is not offering much yet; failing that, someone whose job
    // makes the skill likely (they gain it with the offer).
    const skilled = byProfession.filter((m) => m.skills.has(text.skill) && m.listingCount < MAX_OFFERS_PER_OWNER);
    const likely = byProfession.filter((m) => PROFESSION_SKILLS[m.profession]?.includes(text.skill));
    const owner = leastBusy([skilled, likely, byProfession, traders].find((pool) => pool.length > 0)!);
    owner.skills.add(text.skill);
    const status = offerStatuses[i]!;
    return { id: ids.uuid(), kind: "offer", owner, text, status, createdAt: createdFor(status), wantedBy: null, tags: text.tags };
  });

  const requestStatuses = statuses(REQUEST_STATUSES);
  const requests = REQUESTS.map((text, i): PlannedListing => {
    const fits = text.kinds ? traders.filter((m) => text.kinds!.includes(kindOf(m))) : traders;
    const owner = leastBusy(fits.length > 0 ? fits : traders);
    const status = requestStatuses[i]!;
    const createdAt = createdFor(status);
    const wantedBy =
      status === "closed"
        ? utcDay(plusDays(createdAt, rng.int(20, 60)))
        : utcDay(new Date(today + rng.int(10, 75) * DAY_MS));
    const tags = text.tags.length > 0 ? text.tags : [rng.pick(owner.tags)];
    return { id: ids.uuid(), kind: "request", owner, text, status, createdAt, wantedBy, tags };
  });
  return [...offers, ...requests];
}

function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
