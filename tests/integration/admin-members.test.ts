// The admin's work on members: suspending and reactivating (with the one welcome grant for a member
// declined before approval), setting a member's floor, the bank's settings (and what open joining,
// the welcome grant and the default floor do to a new member), searching members and reading one in
// full, and the declined member's notification. Every refusal changes nothing, audit log included.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { searchMembers, getMemberForAdmin, MEMBERS_PAGE_SIZE } from "../../lib/admin/member-queries";
import { reactivateMember, setMemberFloor, suspendMember } from "../../lib/admin/members";
import { memberSearchSchema } from "../../lib/admin/schemas";
import { getBankSettings, updateBankSettings } from "../../lib/admin/settings";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { disputeExchange } from "../../lib/exchanges/dispute-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { hold, reconcile } from "../../lib/ledger";
import { createListing } from "../../lib/listings/create-listing";
import { approveMember, declineMember } from "../../lib/members/approve-member";
import { completeProfile } from "../../lib/members/complete-profile";
import { setEmailPreferences } from "../../lib/members/email-preferences";
import { welcomeGrantKey } from "../../lib/members/internal";
import { notificationKinds } from "../../lib/notifications/kinds";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

const region = await prisma.region.create({ data: { name: "South West" } });
const organisation = await prisma.organisation.create({ data: { name: "Westshire Community Trust", kind: "Community trust", regionId: region.id } });
const skill = await createSkill(prisma, "Run charts");

const DEFAULT_SETTINGS = { name: "QI Time Bank", joiningMode: "approval", welcomeGrantMinutes: 0, defaultFloorMinutes: -600 } as const;

// Settings are one row for the whole file: every test starts from the migration's defaults.
beforeEach(async () => {
  await prisma.bankSettings.update({ where: { id: 1 }, data: DEFAULT_SETTINGS });
});

const token = () => randomBytes(5).toString("hex");

/** A member as next-auth leaves them after the first sign-in: an email, pending, no profile, no account. */
async function newSignIn() {
  return prisma.user.create({ data: { email: `new-${token()}@test.timebank.invalid`, emailVerified: new Date() } });
}

function profile(overrides: Record<string, unknown> = {}) {
  return {
    name: "Asha Patel",
    profession: "Nurse",
    organisationId: organisation.id,
    regionId: region.id,
    bio: "Ward sister who loves a good run chart.",
    skills: [skill.id],
    ...overrides,
  };
}

/** Signed in and profile done, waiting for approval (no ledger account yet). */
async function pendingWithProfile() {
  const m = await newSignIn();
  await completeProfile(m.id, profile(), prisma);
  return m;
}

async function offerBy(ownerId: string) {
  return prisma.listing.create({
    data: { kind: "offer", ownerId, title: "I can build an SPC chart", description: "Run charts and SPC", skillId: skill.id, estimatedMinutes: 60 },
  });
}

/** What an admin refusal must leave as it was, beyond the counts expectRefusal compares. */
function adminState(...memberIds: string[]) {
  return async () => {
    const [members, accounts, audits, settings] = await Promise.all([
      prisma.user.findMany({
        where: { id: { in: memberIds } },
        orderBy: { id: "asc" },
        select: { id: true, status: true, statusReason: true, approvedAt: true, role: true, updatedAt: true },
      }),
      prisma.ledgerAccount.findMany({ where: { memberId: { in: memberIds } }, orderBy: { id: "asc" } }),
      prisma.auditLog.count(),
      prisma.bankSettings.findUniqueOrThrow({ where: { id: 1 } }),
    ]);
    return { members, accounts, audits, settings };
  };
}

async function auditRows(action: string, targetId: string) {
  return prisma.auditLog.findMany({ where: { action, targetId }, orderBy: { id: "asc" } });
}

/** The settings form as a whole, as the page sends it, with some fields changed. */
async function settingsWith(overrides: Record<string, unknown>) {
  const { name, joiningMode, welcomeGrantMinutes, defaultFloorMinutes } = await getBankSettings(prisma);
  return { name, joiningMode, welcomeGrantMinutes, defaultFloorMinutes, ...overrides };
}

describe("suspendMember", () => {
  it("suspends an active member with the reason: told, audited, and refused member actions afterwards", async () => {
    const admin = await createMember(prisma, { role: "admin", name: "Ada Admin" });
    const m = await createMember(prisma, { balanceMinutes: 120 });
    await suspendMember(admin.id, { memberId: m.id, reason: "  Repeated no-shows at agreed sessions.  " }, prisma);

    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved).toMatchObject({ status: "suspended", statusReason: "Repeated no-shows at agreed sessions." });
    const notes = await prisma.notification.findMany({ where: { memberId: m.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe("member.suspended");
    expect(notes[0]!.body).toContain("Repeated no-shows at agreed sessions.");
    const audit = await auditRows("member.suspend", m.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      targetType: "member",
      targetId: m.id,
      details: { reason: "Repeated no-shows at agreed sessions.", from: "active" },
    });
    // Their hours stay where they were.
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 120, heldMinutes: 0 });

    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    await expectRefusal(prisma, () => proposeExchange(m.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma), {
      code: "forbidden",
      message: /suspended/,
      memberIds: [m.id, provider.id],
    });
    await expectRefusal(
      prisma,
      () => createListing(m.id, { kind: "offer", title: "Process mapping", description: "I can map a process with you.", skillId: skill.id, estimatedMinutes: 60 }, prisma),
      { code: "forbidden", memberIds: [m.id] },
    );
  });

  it("suspends an admin too, who can then no longer act as one", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const other = await createMember(prisma, { role: "admin" });
    const target = await createMember(prisma);
    await suspendMember(admin.id, { memberId: other.id, reason: "Account shared with a colleague." }, prisma);
    await expectRefusal(prisma, () => suspendMember(other.id, { memberId: target.id, reason: "Testing the suspension." }, prisma), {
      code: "forbidden",
      memberIds: [target.id],
      unchanged: adminState(target.id, other.id),
    });
  });

  it("refuses an admin suspending themself", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    await expectRefusal(prisma, () => suspendMember(admin.id, { memberId: admin.id, reason: "I need a break." }, prisma), {
      code: "forbidden",
      memberIds: [admin.id],
      unchanged: adminState(admin.id),
    });
  });

  it("refuses a member who is already suspended, or still pending (conflict)", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const suspended = await createMember(prisma, { status: "suspended" });
    await prisma.user.update({ where: { id: suspended.id }, data: { statusReason: "The first reason." } });
    await expectRefusal(prisma, () => suspendMember(admin.id, { memberId: suspended.id, reason: "A second reason." }, prisma), {
      code: "conflict",
      memberIds: [suspended.id],
      unchanged: adminState(suspended.id),
    });
    const pending = await pendingWithProfile();
    await expectRefusal(prisma, () => suspendMember(admin.id, { memberId: pending.id, reason: "Not known here." }, prisma), {
      code: "conflict",
      message: /decline/,
      unchanged: adminState(pending.id),
    });
  });

  it("refuses an unknown member and a closed one (not_found)", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    await expectRefusal(prisma, () => suspendMember(admin.id, { memberId: randomUUID(), reason: "Nobody by that id." }, prisma), {
      code: "not_found",
      unchanged: adminState(admin.id),
    });
    const closed = await createMember(prisma);
    await prisma.user.update({ where: { id: closed.id }, data: { status: "closed", closedAt: new Date() } });
    await expectRefusal(prisma, () => suspendMember(admin.id, { memberId: closed.id, reason: "Closed already." }, prisma), {
      code: "not_found",
      memberIds: [closed.id],
      unchanged: adminState(closed.id),
    });
  });

  it.each([
    ["a plain active member", { role: "member" }, "forbidden"],
    ["a pending admin", { role: "admin", status: "pending" }, "forbidden"],
    ["a suspended admin", { role: "admin", status: "suspended" }, "forbidden"],
  ] as const)("refuses %s as the actor", async (_who, actorOptions, code) => {
    const actor = await createMember(prisma, actorOptions);
    const target = await createMember(prisma);
    await expectRefusal(prisma, () => suspendMember(actor.id, { memberId: target.id, reason: "No shows at sessions." }, prisma), {
      code,
      memberIds: [target.id],
      unchanged: adminState(target.id, actor.id),
    });
  });

  it("refuses an actor who is not a member at all (unauthenticated)", async () => {
    const target = await createMember(prisma);
    await expectRefusal(prisma, () => suspendMember(randomUUID(), { memberId: target.id, reason: "No shows at sessions." }, prisma), {
      code: "unauthenticated",
      memberIds: [target.id],
      unchanged: adminState(target.id),
    });
  });

  it.each([
    ["an empty reason", (id: string) => ({ memberId: id, reason: "" }), "reason"],
    ["a blank reason", (id: string) => ({ memberId: id, reason: "      " }), "reason"],
    ["a reason that is too short", (id: string) => ({ memberId: id, reason: "rude" }), "reason"],
    ["a reason that is too long", (id: string) => ({ memberId: id, reason: "x".repeat(501) }), "reason"],
    ["a reason that is not text", (id: string) => ({ memberId: id, reason: 12345 }), "reason"],
    ["a member id that is not a uuid", () => ({ memberId: "not-a-uuid", reason: "No shows at sessions." }), "memberId"],
    ["no member id", () => ({ reason: "No shows at sessions." }), "memberId"],
    ["no reason", (id: string) => ({ memberId: id }), "reason"],
    ["no input at all", () => null, "_form"],
  ])("refuses %s (invalid) and changes nothing", async (_what, input, field) => {
    const admin = await createMember(prisma, { role: "admin" });
    const target = await createMember(prisma);
    const err = await expectRefusal(prisma, () => suspendMember(admin.id, input(target.id), prisma), {
      code: "invalid",
      memberIds: [target.id],
      unchanged: adminState(target.id),
    });
    if (field) expect(err.fieldErrors?.[field]).toBeDefined();
  });
});

describe("an extra __proto__ key in the input", () => {
  // Unknown keys are dropped by the schema (as everywhere in the app), so one named __proto__
  // cannot reach the domain or pollute any object's prototype: the suspension is what was asked.
  it("is dropped: the member is suspended as asked and no prototype is touched", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const target = await createMember(prisma);
    const input = JSON.parse(`{"memberId":"${target.id}","reason":"No shows at sessions.","__proto__":{"role":"admin"}}`) as unknown;
    await suspendMember(admin.id, input, prisma);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    const after = await prisma.user.findUniqueOrThrow({ where: { id: target.id }, select: { status: true, role: true } });
    expect(after).toEqual({ status: "suspended", role: "member" });
  });
});

describe("an admin's own account", () => {
  it("cannot have its floor changed by that admin (another admin can), and nothing changes", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const err = await expectRefusal(prisma, () => setMemberFloor(admin.id, { memberId: admin.id, floorMinutesBelowZero: 60_000, reason: "More credit for me" }, prisma), {
      code: "forbidden",
      memberIds: [admin.id],
    });
    expect(err.message).toMatch(/your own floor/);
    const other = await createMember(prisma, { role: "admin" });
    await setMemberFloor(other.id, { memberId: admin.id, floorMinutesBelowZero: 120, reason: "Agreed at the meeting" }, prisma);
    expect((await balanceOf(prisma, admin.id)).floorMinutes).toBe(-120);
  });
});

describe("reactivateMember", () => {
  it("makes a suspended member active again without a second welcome grant", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    await updateBankSettings(admin.id, await settingsWith({ welcomeGrantMinutes: 120 }), prisma);
    const m = await pendingWithProfile();
    await approveMember(admin.id, m.id, prisma);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 120 });
    await suspendMember(admin.id, { memberId: m.id, reason: "Repeated no-shows at agreed sessions." }, prisma);
    const transfers = await prisma.ledgerTransfer.count();

    await reactivateMember(admin.id, { memberId: m.id, reason: "Talked it through; all sorted." }, prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved).toMatchObject({ status: "active", statusReason: null });
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 120, heldMinutes: 0 });
    expect(await prisma.ledgerTransfer.count()).toBe(transfers);
    const told = await prisma.notification.findMany({ where: { memberId: m.id, kind: "member.suspended" }, orderBy: { createdAt: "asc" } });
    expect(told).toHaveLength(2);
    expect(told[1]!.body).toContain("Talked it through; all sorted.");
    const audit = await auditRows("member.reactivate", m.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, targetType: "member", details: { reason: "Talked it through; all sorted.", welcomeMinutes: 0 } });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("approves a member who was declined while pending: account opened and the welcome grant posted once", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await pendingWithProfile();
    await declineMember(admin.id, { memberId: m.id, reason: "We could not confirm your organisation." }, prisma);
    expect(await prisma.ledgerAccount.count({ where: { memberId: m.id } })).toBe(0);
    await updateBankSettings(admin.id, await settingsWith({ welcomeGrantMinutes: 90, defaultFloorMinutes: -300 }), prisma);

    await reactivateMember(admin.id, { memberId: m.id, reason: "Organisation confirmed by phone." }, prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.status).toBe("active");
    expect(saved.statusReason).toBeNull();
    expect(saved.approvedAt).not.toBeNull();
    expect(await balanceOf(prisma, m.id)).toEqual({ balanceMinutes: 90, heldMinutes: 0, floorMinutes: -300 });
    const grants = await prisma.ledgerTransfer.findMany({ where: { idempotencyKey: welcomeGrantKey(m.id) } });
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ kind: "grant", amountMinutes: 90, actorId: admin.id });
    expect((await auditRows("member.reactivate", m.id))[0]?.details).toEqual({ reason: "Organisation confirmed by phone.", welcomeMinutes: 90 });

    // Suspended and reactivated again later: the grant is not posted a second time.
    await suspendMember(admin.id, { memberId: m.id, reason: "A pause while we check something." }, prisma);
    await reactivateMember(admin.id, { memberId: m.id, reason: "Checked; all is well." }, prisma);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 90 });
    expect(await prisma.ledgerTransfer.count({ where: { idempotencyKey: welcomeGrantKey(m.id) } })).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses a member who is not suspended (active or pending)", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const active = await createMember(prisma);
    await expectRefusal(prisma, () => reactivateMember(admin.id, { memberId: active.id, reason: "Just in case." }, prisma), {
      code: "conflict",
      memberIds: [active.id],
      unchanged: adminState(active.id),
    });
    const pending = await pendingWithProfile();
    await expectRefusal(prisma, () => reactivateMember(admin.id, { memberId: pending.id, reason: "Just in case." }, prisma), {
      code: "conflict",
      unchanged: adminState(pending.id),
    });
    await expectRefusal(prisma, () => reactivateMember(admin.id, { memberId: randomUUID(), reason: "Just in case." }, prisma), {
      code: "not_found",
      unchanged: adminState(admin.id),
    });
  });

  it("refuses a plain member as the actor, and bad input", async () => {
    const actor = await createMember(prisma);
    const admin = await createMember(prisma, { role: "admin" });
    const target = await createMember(prisma, { status: "suspended" });
    await expectRefusal(prisma, () => reactivateMember(actor.id, { memberId: target.id, reason: "Let them back in." }, prisma), {
      code: "forbidden",
      memberIds: [target.id],
      unchanged: adminState(target.id),
    });
    await expectRefusal(prisma, () => reactivateMember(admin.id, { memberId: target.id, reason: "ok" }, prisma), {
      code: "invalid",
      memberIds: [target.id],
      unchanged: adminState(target.id),
    });
  });
});

describe("setMemberFloor", () => {
  it("sets the floor given in minutes below zero, audited with the old and new floor", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await createMember(prisma, { floorMinutes: -600 });
    const result = await setMemberFloor(admin.id, { memberId: m.id, floorMinutesBelowZero: 1200, reason: "Leads the regional faculty." }, prisma);
    expect(result).toEqual({ floorMinutes: -1200 });
    const account = await prisma.ledgerAccount.findUniqueOrThrow({ where: { memberId: m.id } });
    expect(account.floorMinutes).toBe(-1200);
    const audit = await auditRows("member.set_floor", m.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      targetType: "member",
      details: { reason: "Leads the regional faculty.", fromMinutes: -600, toMinutes: -1200 },
    });
  });

  it("reads the floor from the form's hours and minutes boxes", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await createMember(prisma);
    await setMemberFloor(admin.id, { memberId: m.id, hours: "2", mins: "30", reason: "New member, small start." }, prisma);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ floorMinutes: -150 });
    await setMemberFloor(admin.id, { memberId: m.id, hours: "1.5", mins: "", reason: "Smaller again for now." }, prisma);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ floorMinutes: -90 });
  });

  it("sets a floor of zero: the member cannot go below zero", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await createMember(prisma, { balanceMinutes: 30 });
    expect(await setMemberFloor(admin.id, { memberId: m.id, floorMinutesBelowZero: 0, reason: "No credit for now." }, prisma)).toEqual({ floorMinutes: 0 });
    expect(await balanceOf(prisma, m.id)).toMatchObject({ floorMinutes: 0 });
    expect((await auditRows("member.set_floor", m.id))[0]?.details).toMatchObject({ fromMinutes: -600, toMinutes: 0 });
  });

  it("refuses a floor above what the member has available (balance less held), naming the hours, and changes nothing", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await createMember(prisma, { name: "Hana Held", balanceMinutes: 60, floorMinutes: -600 });
    const provider = await createMember(prisma);
    // 60 minutes in the account, 300 held for an exchange: 4 hours below zero available.
    await hold({ debitAccountId: m.accountId, creditAccountId: provider.accountId, amountMinutes: 300, idempotencyKey: `floor-test-${m.id}` }, prisma);
    const err = await expectRefusal(
      prisma,
      () => setMemberFloor(admin.id, { memberId: m.id, hours: "3", mins: "59", reason: "Tighten the floor." }, prisma),
      { code: "conflict", memberIds: [m.id, provider.id], unchanged: adminState(m.id) },
    );
    expect(err.message).toMatch(/Hana Held has −4 h available/);
    expect(err.message).toMatch(/at least 4 h below zero/);
    await expectRefusal(prisma, () => setMemberFloor(admin.id, { memberId: m.id, floorMinutesBelowZero: 0, reason: "Tighten the floor." }, prisma), {
      code: "conflict",
      memberIds: [m.id, provider.id],
      unchanged: adminState(m.id),
    });
    // Exactly what they have available is allowed.
    await setMemberFloor(admin.id, { memberId: m.id, hours: "4", reason: "Tighten the floor." }, prisma);
    expect(await balanceOf(prisma, m.id)).toEqual({ balanceMinutes: 60, heldMinutes: 300, floorMinutes: -240 });
  });

  it("refuses a member who has no hours account yet (pending), an unknown member, and non-admins", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const pending = await pendingWithProfile();
    await expectRefusal(prisma, () => setMemberFloor(admin.id, { memberId: pending.id, floorMinutesBelowZero: 300, reason: "Before approval." }, prisma), {
      code: "conflict",
      unchanged: adminState(pending.id),
    });
    expect(await prisma.ledgerAccount.count({ where: { memberId: pending.id } })).toBe(0);
    await expectRefusal(prisma, () => setMemberFloor(admin.id, { memberId: randomUUID(), floorMinutesBelowZero: 300, reason: "Nobody by that id." }, prisma), {
      code: "not_found",
      unchanged: adminState(admin.id),
    });
    const target = await createMember(prisma);
    for (const actorOptions of [{ role: "member" }, { role: "admin", status: "pending" }, { role: "admin", status: "suspended" }] as const) {
      const actor = await createMember(prisma, actorOptions);
      await expectRefusal(prisma, () => setMemberFloor(actor.id, { memberId: target.id, floorMinutesBelowZero: 300, reason: "Not mine to set." }, prisma), {
        code: "forbidden",
        memberIds: [target.id],
        unchanged: adminState(target.id),
      });
    }
    await expectRefusal(prisma, () => setMemberFloor(randomUUID(), { memberId: target.id, floorMinutesBelowZero: 300, reason: "Not mine to set." }, prisma), {
      code: "unauthenticated",
      memberIds: [target.id],
      unchanged: adminState(target.id),
    });
  });

  it.each([
    ["a negative floor", { floorMinutesBelowZero: -60 }, "floorMinutesBelowZero"],
    ["fractional minutes", { floorMinutesBelowZero: 90.5 }, "floorMinutesBelowZero"],
    ["fractional minutes from the boxes", { hours: "0.01" }, "floorMinutesBelowZero"],
    ["more than 1,000 hours", { floorMinutesBelowZero: 60_001 }, "floorMinutesBelowZero"],
    ["more than 1,000 hours in the boxes", { hours: "1001" }, "floorMinutesBelowZero"],
    ["NaN", { floorMinutesBelowZero: Number.NaN }, "floorMinutesBelowZero"],
    ["a word", { floorMinutesBelowZero: "abc" }, "floorMinutesBelowZero"],
    ["a word in the hours box", { hours: "abc" }, "floorMinutesBelowZero"],
    ["a negative hours box", { hours: "-2" }, "floorMinutesBelowZero"],
    ["no floor at all", {}, "floorMinutesBelowZero"],
    ["a short reason", { floorMinutesBelowZero: 120, reason: "ok" }, "reason"],
    ["a member id that is not a uuid", { floorMinutesBelowZero: 120, memberId: "abc" }, "memberId"],
  ])("refuses %s (invalid) and changes nothing", async (_what, overrides, field) => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await createMember(prisma);
    const err = await expectRefusal(prisma, () => setMemberFloor(admin.id, { memberId: m.id, reason: "A fair reason.", ...overrides }, prisma), {
      code: "invalid",
      memberIds: [m.id],
      unchanged: adminState(m.id),
    });
    expect(err.fieldErrors?.[field]).toBeDefined();
  });
});

describe("bank settings", () => {
  it("starts from the migration's defaults", async () => {
    expect(await getBankSettings(prisma)).toMatchObject(DEFAULT_SETTINGS);
  });

  it("saves every field and audits each change with its old and new value", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const changes = await updateBankSettings(
      admin.id,
      { name: "  Northshire QI Bank ", joiningMode: "open", welcomeGrantMinutes: 120, defaultFloorMinutes: -900 },
      prisma,
    );
    const expected = {
      name: { from: "QI Time Bank", to: "Northshire QI Bank" },
      joiningMode: { from: "approval", to: "open" },
      welcomeGrantMinutes: { from: 0, to: 120 },
      defaultFloorMinutes: { from: -600, to: -900 },
    };
    expect(changes).toEqual(expected);
    expect(await getBankSettings(prisma)).toMatchObject({ name: "Northshire QI Bank", joiningMode: "open", welcomeGrantMinutes: 120, defaultFloorMinutes: -900 });
    const audit = await prisma.auditLog.findMany({ where: { action: "settings.update", actorId: admin.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: "settings", targetId: "bank", details: expected });
  });

  it("audits only the fields that changed, and writes nothing when nothing changed", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const changes = await updateBankSettings(admin.id, await settingsWith({ welcomeGrantMinutes: 45 }), prisma);
    expect(changes).toEqual({ welcomeGrantMinutes: { from: 0, to: 45 } });
    const audit = await prisma.auditLog.findMany({ where: { action: "settings.update", actorId: admin.id } });
    expect(audit.map((a) => a.details)).toEqual([{ welcomeGrantMinutes: { from: 0, to: 45 } }]);

    const before = await getBankSettings(prisma);
    const audits = await prisma.auditLog.count();
    expect(await updateBankSettings(admin.id, await settingsWith({}), prisma)).toEqual({});
    // The same values typed in the form's boxes are the same values.
    expect(await updateBankSettings(admin.id, await settingsWith({ welcomeGrantMinutes: undefined, hours: "0", mins: "45", name: " QI Time Bank " }), prisma)).toEqual({});
    expect(await prisma.auditLog.count()).toBe(audits);
    expect(await getBankSettings(prisma)).toEqual(before);
  });

  it("reads the welcome grant from hours and minutes and the default floor from hours below zero", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const changes = await updateBankSettings(
      admin.id,
      { name: "QI Time Bank", joiningMode: "approval", hours: "1", mins: "30", defaultFloorHours: "12.5" },
      prisma,
    );
    expect(changes).toEqual({ welcomeGrantMinutes: { from: 0, to: 90 }, defaultFloorMinutes: { from: -600, to: -750 } });
    expect(await getBankSettings(prisma)).toMatchObject({ welcomeGrantMinutes: 90, defaultFloorMinutes: -750 });
  });

  it.each([
    ["a one-letter name", { name: "Q" }, "name"],
    ["a blank name", { name: "   " }, "name"],
    ["a name that is too long", { name: "x".repeat(81) }, "name"],
    ["an unknown joining mode", { joiningMode: "invite" }, "joiningMode"],
    ["a negative welcome grant", { welcomeGrantMinutes: -30 }, "welcomeGrantMinutes"],
    ["a fractional welcome grant", { welcomeGrantMinutes: 30.5 }, "welcomeGrantMinutes"],
    ["a welcome grant over 20 hours", { welcomeGrantMinutes: 20 * 60 + 1 }, "welcomeGrantMinutes"],
    ["a welcome grant that is a word", { welcomeGrantMinutes: undefined, hours: "lots" }, "welcomeGrantMinutes"],
    ["a default floor above zero", { defaultFloorMinutes: 60 }, "defaultFloorMinutes"],
    ["a default floor beyond 1,000 hours", { defaultFloorMinutes: -60_001 }, "defaultFloorMinutes"],
    ["a fractional default floor", { defaultFloorMinutes: -90.5 }, "defaultFloorMinutes"],
    ["default floor hours that are a word", { defaultFloorMinutes: undefined, defaultFloorHours: "abc" }, "defaultFloorMinutes"],
    ["negative default floor hours", { defaultFloorMinutes: undefined, defaultFloorHours: "-5" }, "defaultFloorMinutes"],
    ["no default floor", { defaultFloorMinutes: undefined }, "defaultFloorMinutes"],
    ["no name", { name: undefined }, "name"],
  ])("refuses %s (invalid) and changes nothing", async (_what, overrides, field) => {
    const admin = await createMember(prisma, { role: "admin" });
    const input = await settingsWith(overrides);
    const err = await expectRefusal(prisma, () => updateBankSettings(admin.id, input, prisma), { code: "invalid", unchanged: adminState(admin.id) });
    expect(err.fieldErrors?.[field]).toBeDefined();
  });

  it("refuses members who are not active admins", async () => {
    const input = { name: "Hijacked Bank", joiningMode: "open", welcomeGrantMinutes: 1200, defaultFloorMinutes: -60_000 };
    for (const actorOptions of [{ role: "member" }, { role: "admin", status: "pending" }, { role: "admin", status: "suspended" }] as const) {
      const actor = await createMember(prisma, actorOptions);
      await expectRefusal(prisma, () => updateBankSettings(actor.id, input, prisma), { code: "forbidden", unchanged: adminState(actor.id) });
    }
    await expectRefusal(prisma, () => updateBankSettings(randomUUID(), input, prisma), { code: "unauthenticated", unchanged: adminState() });
  });

  it("after switching to open joining, a new member is active at once with the welcome grant and the new default floor", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    await updateBankSettings(admin.id, { name: "QI Time Bank", joiningMode: "open", welcomeGrantMinutes: 75, defaultFloorHours: "5" }, prisma);
    const m = await newSignIn();
    expect((await completeProfile(m.id, profile({ name: "Olu Open" }), prisma)).status).toBe("active");
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.status).toBe("active");
    expect(saved.approvedAt).not.toBeNull();
    expect(await balanceOf(prisma, m.id)).toEqual({ balanceMinutes: 75, heldMinutes: 0, floorMinutes: -300 });
    expect(await prisma.ledgerTransfer.count({ where: { idempotencyKey: welcomeGrantKey(m.id) } })).toBe(1);

    // Back to approval: the next one waits, and an admin's approval opens their account with the same floor.
    await updateBankSettings(admin.id, { name: "QI Time Bank", joiningMode: "approval", welcomeGrantMinutes: 75, defaultFloorHours: "5" }, prisma);
    const next = await newSignIn();
    expect((await completeProfile(next.id, profile({ name: "Pat Pending" }), prisma)).status).toBe("pending");
    expect(await prisma.ledgerAccount.count({ where: { memberId: next.id } })).toBe(0);
    await approveMember(admin.id, next.id, prisma);
    expect(await balanceOf(prisma, next.id)).toEqual({ balanceMinutes: 75, heldMinutes: 0, floorMinutes: -300 });
    expect(await reconcile(prisma)).toEqual([]);
  });
});

describe("searchMembers", () => {
  const search = (input: Record<string, unknown>) => searchMembers(memberSearchSchema.parse(input), prisma);

  it("matches name, email, profession and organisation, ignoring case", async () => {
    const t = token();
    const byName = await createMember(prisma, { name: `Zed Quill${t}` });
    const byEmail = await createMember(prisma, { name: "Emma Mail", email: `emma.${t}@test.timebank.invalid` });
    const byProfession = await createMember(prisma, { name: "Paul Profession" });
    await prisma.user.update({ where: { id: byProfession.id }, data: { profession: `Pharmacist${t}` } });
    const org = await prisma.organisation.create({ data: { name: `Orchard${t} Health`, kind: "Primary care", regionId: region.id } });
    const byOrganisation = await createMember(prisma, { name: "Olga Org" });
    await prisma.user.update({ where: { id: byOrganisation.id }, data: { organisationId: org.id, regionId: region.id } });
    await createMember(prisma, { name: "Nobody Matching" });

    const all = await search({ q: t.toUpperCase() });
    expect(all.rows.map((r) => r.id).sort()).toEqual([byName.id, byEmail.id, byProfession.id, byOrganisation.id].sort());
    expect(all).toMatchObject({ page: 1, hasNext: false });
    expect((await search({ q: `zed QUILL${t}` })).rows.map((r) => r.id)).toEqual([byName.id]);
    expect((await search({ q: `EMMA.${t}` })).rows.map((r) => r.id)).toEqual([byEmail.id]);
    expect((await search({ q: `pharmacist${t}` })).rows.map((r) => r.id)).toEqual([byProfession.id]);
    const orgRow = (await search({ q: `orchard${t} health` })).rows;
    expect(orgRow.map((r) => r.id)).toEqual([byOrganisation.id]);
    expect(orgRow[0]).toMatchObject({ name: "Olga Org", organisation: `Orchard${t} Health`, region: "South West", status: "active", role: "member", balanceMinutes: 0 });
    expect((await search({ q: `nothing-${t}` })).rows).toEqual([]);
  });

  it("filters by status and role, together with a search", async () => {
    const t = token();
    const active = await createMember(prisma, { name: `Active ${t}` });
    const suspended = await createMember(prisma, { name: `Suspended ${t}`, status: "suspended" });
    const pending = await createMember(prisma, { name: `Pending ${t}`, status: "pending" });
    const admin = await createMember(prisma, { name: `Admin ${t}`, role: "admin" });
    const closed = await createMember(prisma, { name: `Closed ${t}` });
    await prisma.user.update({ where: { id: closed.id }, data: { status: "closed", closedAt: new Date() } });

    const ids = async (input: Record<string, unknown>) => (await search({ q: t, ...input })).rows.map((r) => r.id).sort();
    expect(await ids({})).toEqual([active.id, suspended.id, pending.id, admin.id, closed.id].sort());
    expect(await ids({ status: "suspended" })).toEqual([suspended.id]);
    expect(await ids({ status: "pending" })).toEqual([pending.id]);
    expect(await ids({ status: "closed" })).toEqual([closed.id]);
    expect(await ids({ status: "active" })).toEqual([active.id, admin.id].sort());
    expect(await ids({ role: "admin" })).toEqual([admin.id]);
    expect(await ids({ role: "member", status: "active" })).toEqual([active.id]);
    // A filter value from a tampered URL is ignored rather than refused.
    expect(await ids({ status: "deleted", role: "owner" })).toEqual([active.id, suspended.id, pending.id, admin.id, closed.id].sort());
  });

  it("pages by MEMBERS_PAGE_SIZE, in name order, saying whether there is a next page", async () => {
    const t = token();
    const made: TestMember[] = [];
    for (let i = 0; i < MEMBERS_PAGE_SIZE + 1; i++) made.push(await createMember(prisma, { name: `Pager${t} ${String(i).padStart(2, "0")}` }));
    const first = await search({ q: `pager${t}` });
    expect(first.rows).toHaveLength(MEMBERS_PAGE_SIZE);
    expect(first).toMatchObject({ page: 1, hasNext: true });
    expect(first.rows.map((r) => r.id)).toEqual(made.slice(0, MEMBERS_PAGE_SIZE).map((m) => m.id));
    const second = await search({ q: `pager${t}`, page: "2" });
    expect(second).toMatchObject({ page: 2, hasNext: false });
    expect(second.rows.map((r) => r.id)).toEqual([made[MEMBERS_PAGE_SIZE]!.id]);
    const beyond = await search({ q: `pager${t}`, page: 3 });
    expect(beyond).toMatchObject({ rows: [], page: 3, hasNext: false });
  });
});

describe("getMemberForAdmin", () => {
  it("returns the member with their account figures, exchange counts and admin history, newest first", async () => {
    const admin = await createMember(prisma, { role: "admin", name: "Ada Admin" });
    const m = await createMember(prisma, { name: "Dora Detail", balanceMinutes: 300 });
    const provider = await createMember(prisma);
    const offer = await offerBy(provider.id);
    const propose = () => proposeExchange(m.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
    await propose();
    const confirmed = await propose();
    await acceptExchange(provider.id, { exchangeId: confirmed.id }, prisma);
    await deliverExchange(provider.id, { exchangeId: confirmed.id, minutesGiven: 60 }, prisma);
    await confirmExchange(m.id, { exchangeId: confirmed.id }, prisma);
    const disputed = await propose();
    await acceptExchange(provider.id, { exchangeId: disputed.id }, prisma);
    await deliverExchange(provider.id, { exchangeId: disputed.id, minutesGiven: 60 }, prisma);
    await disputeExchange(m.id, { exchangeId: disputed.id, reason: "We only met for half an hour." }, prisma);
    await setMemberFloor(admin.id, { memberId: m.id, floorMinutesBelowZero: 900, reason: "Runs the QI faculty." }, prisma);
    await suspendMember(admin.id, { memberId: m.id, reason: "Paused while the dispute is looked at." }, prisma);

    const detail = await getMemberForAdmin(m.id, prisma);
    expect(detail).toMatchObject({
      id: m.id,
      name: "Dora Detail",
      email: m.email,
      status: "suspended",
      role: "member",
      statusReason: "Paused while the dispute is looked at.",
      profileDone: true,
      closedAt: null,
      balanceMinutes: 240,
      exchanges: { open: 1, confirmed: 1, disputed: 1 },
    });
    expect(detail!.approvedAt).not.toBeNull();
    expect(detail!.account).toEqual({ id: m.accountId, balanceMinutes: 240, heldMinutes: 60, floorMinutes: -900 });
    expect(detail!.history.map((h) => [h.action, h.actorName])).toEqual([
      ["member.suspend", "Ada Admin"],
      ["member.set_floor", "Ada Admin"],
    ]);
    expect(detail!.history[1]!.details).toMatchObject({ fromMinutes: -600, toMinutes: -900 });
    // The other party's counts come from the same exchanges.
    expect((await getMemberForAdmin(provider.id, prisma))?.exchanges).toEqual({ open: 1, confirmed: 1, disputed: 1 });
  });

  it("shows a member without an account yet, and null for an unknown id or one that is not a uuid", async () => {
    const pending = await pendingWithProfile();
    const detail = await getMemberForAdmin(pending.id, prisma);
    expect(detail).toMatchObject({ status: "pending", account: null, balanceMinutes: null, approvedAt: null, exchanges: { open: 0, confirmed: 0, disputed: 0 }, history: [] });
    expect(await getMemberForAdmin("not-a-uuid", prisma)).toBeNull();
    expect(await getMemberForAdmin("'; DROP TABLE members; --", prisma)).toBeNull();
    expect(await getMemberForAdmin(randomUUID(), prisma)).toBeNull();
  });
});

describe("declineMember", () => {
  it("tells the member why, by email too", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await pendingWithProfile();
    await declineMember(admin.id, { memberId: m.id, reason: "We could not confirm your organisation." }, prisma);
    const told = await prisma.notification.findMany({ where: { memberId: m.id } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: "member.declined", emailPending: true });
    expect(told[0]!.body).toContain("We could not confirm your organisation.");
    expect((await auditRows("member.decline", m.id))[0]).toMatchObject({ actorId: admin.id, details: { reason: "We could not confirm your organisation." } });
  });

  it("does not email a member who turned that email off (the notification is still kept)", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await pendingWithProfile();
    await setEmailPreferences(m.id, { kinds: notificationKinds.filter((k) => k !== "member.declined") }, prisma);
    await declineMember(admin.id, { memberId: m.id, reason: "We could not confirm your organisation." }, prisma);
    const told = await prisma.notification.findFirstOrThrow({ where: { memberId: m.id, kind: "member.declined" } });
    expect(told.emailPending).toBe(false);
    expect(told.body).toContain("We could not confirm your organisation.");
  });
});
