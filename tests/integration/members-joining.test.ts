// Joining (completing a profile, open and approval modes), editing a profile, an admin approving
// or declining a pending member, and email preferences.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { reconcile } from "../../lib/ledger";
import { approveMember, declineMember } from "../../lib/members/approve-member";
import { getMyProfile } from "../../lib/members/queries";
import { completeProfile, needsProfile } from "../../lib/members/complete-profile";
import { setEmailPreferences } from "../../lib/members/email-preferences";
import { updateProfile } from "../../lib/members/update-profile";
import { notificationKinds } from "../../lib/notifications/kinds";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

const region = await prisma.region.create({ data: { name: "North West" } });
const organisation = await prisma.organisation.create({ data: { name: "Northshire Acute Trust", kind: "Acute trust", regionId: region.id } });
const spc = await createSkill(prisma, "SPC charts");
const mapping = await createSkill(prisma, "Process mapping");

/** A member as next-auth leaves them after the first sign-in: an email, pending, no profile. */
async function newSignIn(email = `new-${randomBytes(4).toString("hex")}@test.timebank.invalid`) {
  return prisma.user.create({ data: { email, emailVerified: new Date() } });
}

function profile(overrides: Record<string, unknown> = {}) {
  return {
    name: "Asha Patel",
    profession: "Nurse",
    organisationId: organisation.id,
    regionId: region.id,
    bio: "Ward sister who loves a good run chart.",
    skills: [spc.id],
    tags: "Sepsis, flow , SEPSIS",
    availability: "Tuesday afternoons, remote",
    ...overrides,
  };
}

async function setJoining(mode: "open" | "approval", welcomeGrantMinutes = 0) {
  await prisma.bankSettings.upsert({
    where: { id: 1 },
    create: { id: 1, joiningMode: mode, welcomeGrantMinutes },
    update: { joiningMode: mode, welcomeGrantMinutes },
  });
}

beforeEach(() => setJoining("approval", 0));

describe("completeProfile", () => {
  it("saves the profile and leaves the member pending when joining needs approval", async () => {
    const m = await newSignIn();
    expect(needsProfile({ profileDoneAt: m.profileDoneAt })).toBe(true);
    const result = await completeProfile(m.id, profile({ skills: [spc.id, mapping.id] }), prisma);
    expect(result.status).toBe("pending");
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id }, include: { skills: true } });
    expect(saved).toMatchObject({
      name: "Asha Patel",
      profession: "Nurse",
      organisationId: organisation.id,
      regionId: region.id,
      tags: ["sepsis", "flow"],
      availability: "Tuesday afternoons, remote",
      status: "pending",
      approvedAt: null,
    });
    expect(saved.profileDoneAt).not.toBeNull();
    expect(saved.skills.map((s) => s.skillId).sort()).toEqual([spc.id, mapping.id].sort());
    expect(needsProfile({ profileDoneAt: saved.profileDoneAt })).toBe(false);
    expect(await prisma.ledgerAccount.count({ where: { memberId: m.id } })).toBe(0);
  });

  it("makes the member active with the welcome grant in open joining, posted once even when called twice", async () => {
    await setJoining("open", 180);
    const m = await newSignIn();
    expect((await completeProfile(m.id, profile(), prisma)).status).toBe("active");
    expect((await completeProfile(m.id, profile({ bio: "Changed my mind about the bio." }), prisma)).status).toBe("active");
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.status).toBe("active");
    expect(saved.approvedAt).not.toBeNull();
    expect(saved.bio).toBe("Changed my mind about the bio.");
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 180, heldMinutes: 0 });
    expect(await prisma.ledgerTransfer.count({ where: { idempotencyKey: `welcome:${m.id}` } })).toBe(1);
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("grants the welcome hours once when two submissions of the profile race", async () => {
    await setJoining("open", 60);
    const m = await newSignIn();
    const results = await Promise.all([completeProfile(m.id, profile(), prisma), completeProfile(m.id, profile(), prisma)]);
    expect(results.map((r) => r.status)).toEqual(["active", "active"]);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 60 });
    expect(await prisma.memberSkill.count({ where: { memberId: m.id } })).toBe(1);
  });

  it("opens the account without a grant in open joining when the welcome grant is zero", async () => {
    await setJoining("open", 0);
    const m = await newSignIn();
    await completeProfile(m.id, profile(), prisma);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 0 });
    expect(await prisma.ledgerTransfer.count({ where: { idempotencyKey: `welcome:${m.id}` } })).toBe(0);
  });

  it.each([
    ["an empty name", { name: " " }, "name"],
    ["a one-letter name", { name: "A" }, "name"],
    ["a name that is too long", { name: "x".repeat(101) }, "name"],
    ["an unknown profession", { profession: "Wizard" }, "profession"],
    ["a missing organisation", { organisationId: "" }, "organisationId"],
    ["an organisation that is not an id", { organisationId: "nhs" }, "organisationId"],
    ["an organisation that does not exist", { organisationId: "00000000-0000-4000-8000-000000000000" }, "organisationId"],
    ["a region that does not exist", { regionId: "00000000-0000-4000-8000-000000000000" }, "regionId"],
    ["a short bio", { bio: "Hi there" }, "bio"],
    ["a bio that is too long", { bio: "x".repeat(1001) }, "bio"],
    ["no skills", { skills: [] }, "skills"],
    ["eleven skills", { skills: Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`) }, "skills"],
    ["a skill that does not exist", { skills: ["00000000-0000-4000-8000-000000000000"] }, "skills"],
    ["the same skill twice", { skills: [spc.id, spc.id] }, "skills"],
    ["nine tags", { tags: "a,b,c,d,e,f,g,h,i" }, "tags"],
    ["a tag that is too long", { tags: "x".repeat(31) }, "tags"],
    ["availability that is too long", { availability: "x".repeat(301) }, "availability"],
    ["a name that is a number", { name: 42 }, "name"],
  ])("refuses %s and changes nothing", async (_what, overrides, field) => {
    const m = await newSignIn();
    const err = await expectRefusal(prisma, () => completeProfile(m.id, profile(overrides), prisma), { code: "invalid" });
    expect(err.fieldErrors?.[field]).toBeDefined();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).profileDoneAt).toBeNull();
  });

  it("accepts a member whose organisation is not in the list, and refuses an unknown organisation id", async () => {
    const member = await newSignIn();
    await completeProfile(member.id, profile({ organisationId: "none" }), prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(saved.organisationId).toBeNull();
    expect(saved.profileDoneAt).not.toBeNull();
    // The profile form shows that choice again, rather than asking for an organisation.
    expect((await getMyProfile(member.id, prisma))?.organisationId).toBe("none");
    const other = await newSignIn();
    const err = await expectRefusal(prisma, () => completeProfile(other.id, profile({ organisationId: randomUUID() }), prisma), { code: "invalid" });
    expect(err.fieldErrors?.organisationId?.[0]).toMatch(/not listed/i);
  });

  it("accepts a single skill sent as a string, as a form with one box ticked does", async () => {
    const m = await newSignIn();
    await completeProfile(m.id, profile({ skills: spc.id, tags: "", availability: undefined }), prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id }, include: { skills: true } });
    expect(saved.skills).toHaveLength(1);
    expect(saved.tags).toEqual([]);
    expect(saved.availability).toBeNull();
  });

  it("refuses a suspended member, a closed member and an unknown one", async () => {
    const suspended = await createMember(prisma, { status: "suspended" });
    await expectRefusal(prisma, () => completeProfile(suspended.id, profile(), prisma), { code: "forbidden" });
    const closed = await newSignIn();
    await prisma.user.update({ where: { id: closed.id }, data: { status: "closed" } });
    await expectRefusal(prisma, () => completeProfile(closed.id, profile(), prisma), { code: "unauthenticated" });
    await expectRefusal(prisma, () => completeProfile("00000000-0000-4000-8000-000000000000", profile(), prisma), { code: "unauthenticated" });
  });
});

describe("updateProfile", () => {
  it("changes an active member's profile and replaces their skills", async () => {
    const m = await createMember(prisma);
    await updateProfile(m.id, profile({ name: "Asha P", skills: [mapping.id], tags: "flow" }), prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id }, include: { skills: true } });
    expect(saved.name).toBe("Asha P");
    expect(saved.tags).toEqual(["flow"]);
    expect(saved.skills.map((s) => s.skillId)).toEqual([mapping.id]);
  });

  it("lets a pending member with a profile correct it", async () => {
    const m = await createMember(prisma, { status: "pending" });
    await updateProfile(m.id, profile({ name: "Pending Pat" }), prisma);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).name).toBe("Pending Pat");
  });

  it("refuses bad input, a member without a profile, and a suspended member", async () => {
    const m = await createMember(prisma);
    await expectRefusal(prisma, () => updateProfile(m.id, profile({ bio: "" }), prisma), { code: "invalid" });
    const fresh = await newSignIn();
    await expectRefusal(prisma, () => updateProfile(fresh.id, profile(), prisma), { code: "conflict" });
    const suspended = await createMember(prisma, { status: "suspended" });
    await expectRefusal(prisma, () => updateProfile(suspended.id, profile(), prisma), { code: "forbidden" });
  });
});

describe("approveMember", () => {
  async function pendingWithProfile() {
    const m = await newSignIn();
    await completeProfile(m.id, profile(), prisma);
    return m;
  }

  it("lets an admin approve a pending member: active, account, welcome grant once, notified, audited", async () => {
    await setJoining("approval", 120);
    const admin = await createMember(prisma, { role: "admin" });
    const m = await pendingWithProfile();
    await approveMember(admin.id, m.id, prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.status).toBe("active");
    expect(saved.approvedAt).not.toBeNull();
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 120 });
    expect(await prisma.notification.count({ where: { memberId: m.id, kind: "member.approved" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "member.approve", actorId: admin.id, targetId: m.id } })).toBe(1);

    // Approving again is a conflict and grants nothing more.
    await expectRefusal(prisma, () => approveMember(admin.id, m.id, prisma), { code: "conflict" });
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 120 });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses a member who is not an admin and changes nothing", async () => {
    const notAdmin = await createMember(prisma);
    const m = await pendingWithProfile();
    const audits = await prisma.auditLog.count();
    await expectRefusal(prisma, () => approveMember(notAdmin.id, m.id, prisma), { code: "forbidden" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("pending");
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("refuses a suspended admin", async () => {
    const admin = await createMember(prisma, { role: "admin", status: "suspended" });
    const m = await pendingWithProfile();
    await expectRefusal(prisma, () => approveMember(admin.id, m.id, prisma), { code: "forbidden" });
  });

  it("refuses an already active member, a member without a profile, an unknown member and a bad id", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const active = await createMember(prisma);
    await expectRefusal(prisma, () => approveMember(admin.id, active.id, prisma), { code: "conflict" });
    const noProfile = await newSignIn();
    await expectRefusal(prisma, () => approveMember(admin.id, noProfile.id, prisma), { code: "conflict" });
    await expectRefusal(prisma, () => approveMember(admin.id, "00000000-0000-4000-8000-000000000000", prisma), { code: "not_found" });
    await expectRefusal(prisma, () => approveMember(admin.id, "not-an-id", prisma), { code: "invalid" });
  });
});

describe("declineMember", () => {
  it("suspends a pending member with the reason they will see, audited", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const m = await newSignIn();
    await completeProfile(m.id, profile(), prisma);
    await declineMember(admin.id, { memberId: m.id, reason: "  We could not confirm your organisation.  " }, prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.status).toBe("suspended");
    expect(saved.statusReason).toBe("We could not confirm your organisation.");
    expect(await prisma.auditLog.count({ where: { action: "member.decline", targetId: m.id } })).toBe(1);
    expect(await prisma.ledgerAccount.count({ where: { memberId: m.id } })).toBe(0);
  });

  it("refuses a non-admin, a short or long reason, and a member who is not pending", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const notAdmin = await createMember(prisma);
    const m = await newSignIn();
    await completeProfile(m.id, profile(), prisma);
    await expectRefusal(prisma, () => declineMember(notAdmin.id, { memberId: m.id, reason: "Not known here." }, prisma), { code: "forbidden" });
    await expectRefusal(prisma, () => declineMember(admin.id, { memberId: m.id, reason: "no" }, prisma), { code: "invalid" });
    await expectRefusal(prisma, () => declineMember(admin.id, { memberId: m.id, reason: "x".repeat(501) }, prisma), { code: "invalid" });
    const active = await createMember(prisma);
    await expectRefusal(prisma, () => declineMember(admin.id, { memberId: active.id, reason: "Not known here." }, prisma), { code: "conflict" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("pending");
  });
});

describe("setEmailPreferences", () => {
  it("stores the kinds not ticked as opted out, for a pending member too", async () => {
    const m = await newSignIn();
    const result = await setEmailPreferences(m.id, { kinds: ["exchange.proposed", "member.approved"] }, prisma);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.emailOptOut).toEqual(result.optedOut);
    expect(saved.emailOptOut).not.toContain("exchange.proposed");
    expect(saved.emailOptOut).toHaveLength(notificationKinds.length - 2);

    await setEmailPreferences(m.id, { kinds: "message.received" }, prisma);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).emailOptOut).toHaveLength(notificationKinds.length - 1);

    await setEmailPreferences(m.id, {}, prisma);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).emailOptOut).toEqual(notificationKinds);

    await setEmailPreferences(m.id, { kinds: notificationKinds }, prisma);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).emailOptOut).toEqual([]);
  });

  it("refuses an unknown kind and changes nothing", async () => {
    const m = await createMember(prisma);
    const err = await expectRefusal(prisma, () => setEmailPreferences(m.id, { kinds: ["exchange.proposed", "spam.everything"] }, prisma), { code: "invalid" });
    expect(err.fieldErrors?.kinds).toBeDefined();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: m.id } })).emailOptOut).toEqual([]);
  });
});
