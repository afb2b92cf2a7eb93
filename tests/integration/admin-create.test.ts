// `npm run admin:create -- <email>`: the first admin of a bank, or another one, made from the
// command line. A new address becomes an active admin who finishes their profile at /join; an
// existing member is promoted; running it twice changes nothing the second time.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockAdmin } from "../../lib/admin/guard";
import { createAdmin } from "../../lib/admin/create-admin";
import { transaction } from "../../lib/db/transaction";
import { reconcile } from "../../lib/ledger";
import { closeAccount } from "../../lib/members/close-account";
import { completeProfile } from "../../lib/members/complete-profile";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, createSkill } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const ROOT = path.resolve(import.meta.dirname, "../..");
const database = await useTestDatabase();
const prisma = database.prisma();

const region = await prisma.region.create({ data: { name: "South West" } });
const skill = await createSkill(prisma, "Driver diagrams");

const newAddress = () => `admin-${randomUUID().slice(0, 8)}@test.timebank.invalid`;
const auditRowsFor = (memberId: string) => prisma.auditLog.findMany({ where: { action: "admin.create", targetId: memberId }, orderBy: { id: "asc" } });
const auditCount = () => prisma.auditLog.count();

async function setWelcomeGrant(minutes: number) {
  await prisma.bankSettings.update({ where: { id: 1 }, data: { welcomeGrantMinutes: minutes, joiningMode: "approval" } });
}

describe("createAdmin", () => {
  it("creates an active admin for a new address, written one way, with an hours account and the welcome grant", async () => {
    await setWelcomeGrant(120);
    const address = newAddress();
    const result = await createAdmin(`  ${address.toUpperCase()} `, prisma);
    expect(result).toMatchObject({ outcome: "created", email: address, activated: true });
    const member = await prisma.user.findUniqueOrThrow({ where: { id: result.memberId } });
    expect(member).toMatchObject({ email: address, status: "active", role: "admin", profileDoneAt: null, name: null });
    expect(member.approvedAt).not.toBeNull();
    expect(await balanceOf(prisma, member.id)).toMatchObject({ balanceMinutes: 120, heldMinutes: 0 });
    const [audit, ...more] = await auditRowsFor(member.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorId: null, targetType: "member", details: { email: address, created: true } });
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("lets the new admin act only once their profile is done, and completing it keeps them an active admin", async () => {
    await setWelcomeGrant(60);
    const { memberId } = await createAdmin(newAddress(), prisma);
    await expect(transaction(prisma, (tx) => lockAdmin(tx, memberId))).rejects.toMatchObject({ code: "forbidden" });

    const result = await completeProfile(
      memberId,
      { name: "Morgan Hale", profession: "Improvement specialist", organisationId: "none", regionId: region.id, bio: "Runs the bank's QI programme.", skills: [skill.id], tags: "", availability: "" },
      prisma,
    );
    expect(result.status).toBe("active");
    const member = await prisma.user.findUniqueOrThrow({ where: { id: memberId } });
    expect(member).toMatchObject({ status: "active", role: "admin", name: "Morgan Hale" });
    expect(member.profileDoneAt).not.toBeNull();
    await expect(transaction(prisma, (tx) => lockAdmin(tx, memberId))).resolves.toMatchObject({ id: memberId, role: "admin" });
    // The welcome grant was posted once, when the admin was made.
    expect(await balanceOf(prisma, memberId)).toMatchObject({ balanceMinutes: 60 });
    expect(await prisma.ledgerTransfer.count({ where: { idempotencyKey: `welcome:${memberId}` } })).toBe(1);
  });

  it("promotes an active member, leaving their hours alone", async () => {
    const member = await createMember(prisma, { email: newAddress(), balanceMinutes: 90 });
    const result = await createAdmin(member.email, prisma);
    expect(result).toEqual({ outcome: "promoted", memberId: member.id, email: member.email, activated: false });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ role: "admin", status: "active" });
    expect(await balanceOf(prisma, member.id)).toMatchObject({ balanceMinutes: 90 });
    expect((await auditRowsFor(member.id)).map((r) => r.details)).toEqual([{ email: member.email, created: false }]);
  });

  it("approves a member who was waiting, opening their account", async () => {
    await setWelcomeGrant(30);
    const waiting = await prisma.user.create({ data: { email: newAddress(), emailVerified: new Date() } });
    const result = await createAdmin(waiting.email, prisma);
    expect(result).toMatchObject({ outcome: "promoted", activated: true });
    const member = await prisma.user.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(member).toMatchObject({ status: "active", role: "admin" });
    expect(member.approvedAt).not.toBeNull();
    expect(await balanceOf(prisma, waiting.id)).toMatchObject({ balanceMinutes: 30 });
  });

  it("changes nothing the second time, and says so", async () => {
    const address = newAddress();
    const first = await createAdmin(address, prisma);
    const memberBefore = await prisma.user.findUniqueOrThrow({ where: { id: first.memberId } });
    const audits = await auditCount();
    const again = await createAdmin(address, prisma);
    expect(again).toEqual({ outcome: "already_admin", memberId: first.memberId, email: address, activated: false });
    expect(await auditCount()).toBe(audits);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: first.memberId } })).toEqual(memberBefore);
  });

  it("makes one admin when two runs for a new address race", async () => {
    const address = newAddress();
    const results = await Promise.all([createAdmin(address, prisma), createAdmin(address, prisma)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["already_admin", "created"]);
    expect(new Set(results.map((r) => r.memberId)).size).toBe(1);
    expect(await prisma.user.count({ where: { email: address } })).toBe(1);
    expect(await auditRowsFor(results[0]!.memberId)).toHaveLength(1);
  });

  it("refuses an address that is not an email address, changing nothing", async () => {
    for (const bad of ["", "   ", "not-an-address", "someone@", `${"x".repeat(250)}@nhs.net`, 42, undefined]) {
      await expectRefusal(prisma, () => createAdmin(bad, prisma), { code: "invalid", unchanged: auditCount });
    }
  });

  it("refuses a suspended member, saying to reactivate them first", async () => {
    const member = await createMember(prisma, { email: newAddress(), status: "suspended" });
    await expectRefusal(prisma, () => createAdmin(member.email, prisma), {
      code: "conflict",
      message: /suspended\. Reactivate them first/,
      unchanged: async () => [await auditCount(), await prisma.user.findUniqueOrThrow({ where: { id: member.id } })],
    });
  });

  it("refuses a closed account", async () => {
    const member = await createMember(prisma, { email: newAddress() });
    await closeAccount(member.id, { confirm: "CLOSE" }, prisma);
    const closed = await prisma.user.findUniqueOrThrow({ where: { id: member.id } });
    await expectRefusal(prisma, () => createAdmin(closed.email, prisma), {
      code: "conflict",
      message: /closed/,
      unchanged: async () => [await auditCount(), await prisma.user.findUniqueOrThrow({ where: { id: member.id } })],
    });
  });
});

describe("npm run admin:create", () => {
  function run(...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, APP_ENV: "development", APP_URL: "https://bank.example.org" };
    delete env.AUTH_URL;
    return spawnSync(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
  }

  it("makes the admin and prints one line saying where they sign in; a second run says they already are", () => {
    const address = newAddress();
    const first = run(address);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(`${address} is now an admin. They sign in at https://bank.example.org/signin.\n`);
    const second = run("--", address.toUpperCase());
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^${address.replace(/\./g, "\\.")} is already an admin`));
  });

  it("exits 1 with the usage when the address is missing or invalid", async () => {
    const before = await prisma.user.count();
    for (const args of [[], ["not-an-address"], ["a@nhs.net", "b@nhs.net"]]) {
      const result = run(...args);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("Usage: npm run admin:create -- <email>");
    }
    expect(await prisma.user.count()).toBe(before);
  });

  it("exits 1 with the reason when the member cannot be made an admin", async () => {
    const member = await createMember(prisma, { email: newAddress(), status: "suspended" });
    const result = run(member.email);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Reactivate them first");
  });
});
