// An admin's corrections: reversing a transfer (once, never a reversal, never below a floor) and
// posting an adjustment or a grant (once per form), each audited and told to the member; and
// every one of them, with the check runs, refused to anyone but an active admin.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hold, postHold, reconcile, reverse, systemAccountId, transfer, verifyChain } from "../../lib/ledger";
import { getTransferDetail } from "../../lib/ledger-admin/queries";
import { CORRECTION_MAX_MINUTES, postCorrection, reverseTransfer, runCheck } from "../../lib/ledger-admin/corrections";
import { useTestDatabase } from "../helpers/db";
import { balanceOf, createMember, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();

let admin: TestMember;

const key = () => `test-${randomUUID()}`;
const reason = "Recorded by mistake";

async function donate(from: TestMember, to: TestMember, minutes: number): Promise<string> {
  const r = await transfer({ kind: "donation", debitAccountId: from.accountId, creditAccountId: to.accountId, amountMinutes: minutes, idempotencyKey: key() }, prisma);
  return r.transferId.toString();
}

/** What a refused call must leave as it was, besides the ledger, members and notifications. */
const auditAndChecks = async () => ({ audit: await prisma.auditLog.count(), checks: await prisma.ledgerCheckRun.count() });

beforeAll(async () => {
  admin = await createMember(prisma, { name: "Ada Admin", role: "admin" });
});

describe("reverseTransfer", () => {
  it("moves the hours back in a new linked transfer, audits it and tells both members", async () => {
    const priya = await createMember(prisma, { name: "Priya Shah", balanceMinutes: 600 });
    const sam = await createMember(prisma, { name: "Sam Jones" });
    const before = [await balanceOf(prisma, priya.id), await balanceOf(prisma, sam.id)];
    const id = await donate(priya, sam, 150);
    const { reversalId } = await reverseTransfer(admin.id, { transferId: id, reason: `  ${reason}  ` }, prisma);
    expect([await balanceOf(prisma, priya.id), await balanceOf(prisma, sam.id)]).toEqual(before);
    const reversal = await prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: BigInt(reversalId) } });
    expect(reversal).toMatchObject({
      kind: "reversal",
      reversesTransferId: BigInt(id),
      debitAccountId: sam.accountId,
      creditAccountId: priya.accountId,
      amountMinutes: 150,
      memo: reason,
      actorId: admin.id,
      idempotencyKey: `reverse:${id}`,
    });
    expect((await getTransferDetail(id, prisma))!.reversedBy).toMatchObject({ id: reversalId, memo: reason, actorName: "Ada Admin" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "ledger.reverse", targetId: id } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "transfer", details: { reversalId, amountMinutes: 150, reason } });
    const told = await prisma.notification.findMany({ where: { kind: "hours.corrected", memberId: { in: [priya.id, sam.id] } } });
    expect(told.map((n) => [n.memberId, n.title]).sort()).toEqual(
      [
        [priya.id, "2 h 30 min came back to you"],
        [sam.id, "2 h 30 min was taken back from your account"],
      ].sort(),
    );
    expect(told.every((n) => n.body.includes(reason))).toBe(true);
    expect(await reconcile(prisma)).toEqual([]);
  });

  it("refuses a transfer to or from the admin's own account (another admin must), and changes nothing", async () => {
    const other = await createMember(prisma, { balanceMinutes: 600 });
    const toAdmin = await donate(other, admin, 60);
    const err = await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: toAdmin, reason }, prisma), {
      code: "forbidden",
      memberIds: [other.id, admin.id],
      unchanged: auditAndChecks,
    });
    expect(err.message).toMatch(/your own account/);
    const second = await createMember(prisma, { role: "admin" });
    await reverseTransfer(second.id, { transferId: toAdmin, reason }, prisma);
  });

  it("refuses a transfer touching a closed member's account, and changes nothing", async () => {
    const giver = await createMember(prisma, { balanceMinutes: 600 });
    const leaver = await createMember(prisma, { name: "Lee Leaver" });
    const id = await donate(giver, leaver, 60);
    await prisma.user.update({ where: { id: leaver.id }, data: { status: "closed" } });
    const err = await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: id, reason }, prisma), {
      code: "conflict",
      memberIds: [giver.id],
      unchanged: auditAndChecks,
    });
    expect(err.message).toMatch(/Lee Leaver's account is closed/);
  });

  it("refuses a reason with a control character (NUL) as invalid, and changes nothing", async () => {
    const a = await createMember(prisma, { balanceMinutes: 600 });
    const b = await createMember(prisma);
    const id = await donate(a, b, 30);
    const err = await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: id, reason: "Wrong\u0000member" }, prisma), {
      code: "invalid",
      memberIds: [a.id, b.id],
      unchanged: auditAndChecks,
    });
    expect(err.fieldErrors?.reason?.join(" ")).toMatch(/control characters/);
  });

  it("reverses an exchange's transfer: the exchange stays confirmed, only the hours go back", async () => {
    const payer = await createMember(prisma, { balanceMinutes: 120 });
    const provider = await createMember(prisma);
    const h = await hold({ debitAccountId: payer.accountId, creditAccountId: provider.accountId, amountMinutes: 60, idempotencyKey: key(), exchangeId: randomUUID() }, prisma);
    const { transferId } = await postHold({ holdId: h.holdId, idempotencyKey: key() }, prisma);
    await reverseTransfer(admin.id, { transferId: transferId.toString(), reason: "The session did not happen" }, prisma);
    expect(await balanceOf(prisma, payer.id)).toMatchObject({ balanceMinutes: 120 });
    expect(await balanceOf(prisma, provider.id)).toMatchObject({ balanceMinutes: 0 });
    const notice = await prisma.notification.findFirstOrThrow({ where: { memberId: provider.id, kind: "hours.corrected" } });
    expect(notice.body).toMatch(/The exchange itself stays confirmed/);
  });

  it("refuses a second reversal and changes nothing", async () => {
    const a = await createMember(prisma, { balanceMinutes: 300 });
    const b = await createMember(prisma);
    const id = await donate(a, b, 60);
    const { reversalId } = await reverseTransfer(admin.id, { transferId: id, reason }, prisma);
    await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: id, reason: "Once more please" }, prisma), {
      code: "conflict",
      message: new RegExp(`already reversed by transfer #${reversalId}`),
      memberIds: [a.id, b.id],
      unchanged: auditAndChecks,
    });
  });

  it("refuses a reversal that would take the member below their floor, saying by how much", async () => {
    const priya = await createMember(prisma, { balanceMinutes: 600 });
    const sam = await createMember(prisma, { name: "Sam Jones", floorMinutes: 0 });
    const lee = await createMember(prisma);
    const id = await donate(priya, sam, 120);
    await donate(sam, lee, 100);
    const err = await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: id, reason }, prisma), {
      code: "below_floor",
      memberIds: [priya.id, sam.id, lee.id],
      unchanged: auditAndChecks,
    });
    expect(err.message).toBe(
      "Reversing this would take Sam Jones 1 h 40 min below their floor: they have 20 min available above it (counting hours held for exchanges), and the reversal takes back 2 h. Nothing was changed.",
    );
  });

  it("counts hours held for exchanges against the floor", async () => {
    const priya = await createMember(prisma, { balanceMinutes: 600 });
    const sam = await createMember(prisma, { name: "Sam Held", floorMinutes: 0 });
    const id = await donate(priya, sam, 90);
    await hold({ debitAccountId: sam.accountId, creditAccountId: priya.accountId, amountMinutes: 60, idempotencyKey: key() }, prisma);
    await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: id, reason }, prisma), {
      code: "below_floor",
      message: /Sam Held 1 h below their floor: they have 30 min available/,
      memberIds: [priya.id, sam.id],
      unchanged: auditAndChecks,
    });
  });

  it("refuses to reverse a reversal", async () => {
    const a = await createMember(prisma, { balanceMinutes: 300 });
    const b = await createMember(prisma);
    const id = await donate(a, b, 30);
    const { transferId: reversalId } = await reverse({ transferId: BigInt(id), idempotencyKey: key() }, prisma);
    await expectRefusal(prisma, () => reverseTransfer(admin.id, { transferId: reversalId.toString(), reason }, prisma), {
      code: "invalid",
      message: new RegExp(`is itself a reversal \\(of #${id}\\)`),
      memberIds: [a.id, b.id],
      unchanged: auditAndChecks,
    });
  });

  it("refuses bad input and unknown transfers", async () => {
    const a = await createMember(prisma, { balanceMinutes: 300 });
    const b = await createMember(prisma);
    const id = await donate(a, b, 30);
    const cases: [unknown, "invalid" | "not_found", RegExp][] = [
      [{ transferId: id }, "invalid", /reason/],
      [{ transferId: id, reason: "   no " }, "invalid", /at least 5/],
      [{ transferId: id, reason: "x".repeat(501) }, "invalid", /500 characters/],
      [{ transferId: "abc", reason }, "invalid", /transfer's number/],
      [{ transferId: "-1", reason }, "invalid", /transfer's number/],
      [{ transferId: "0", reason }, "invalid", /transfer's number/],
      [{ reason }, "invalid", /transfer/],
      [{ transferId: "987654321", reason }, "not_found", /transfer was not found/],
    ];
    for (const [input, code, message] of cases) {
      await expectRefusal(prisma, () => reverseTransfer(admin.id, input, prisma), { code, message, memberIds: [a.id, b.id], unchanged: auditAndChecks });
    }
  });
});

describe("postCorrection", () => {
  const grant = (memberId: string, extra: Record<string, unknown> = {}) => ({ kind: "grant", memberId, hours: "1", mins: "30", reason: "Helped at the open day", requestKey: randomUUID(), ...extra });

  it("posts a grant from issuance once for one request key, audited and told", async () => {
    const m = await createMember(prisma, { name: "Gita Rao" });
    const input = grant(m.id);
    const first = await postCorrection(admin.id, input, prisma);
    const second = await postCorrection(admin.id, input, prisma);
    expect(second).toEqual({ transferId: first.transferId, replayed: true, minutes: 90 });
    expect(first.replayed).toBe(false);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 90 });
    const t = await prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: BigInt(first.transferId) } });
    expect(t).toMatchObject({ kind: "grant", debitAccountId: await systemAccountId("issuance", prisma), amountMinutes: 90, memo: "Helped at the open day", actorId: admin.id });
    expect(await prisma.auditLog.count({ where: { action: "ledger.grant", targetId: m.id } })).toBe(1);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "ledger.grant", targetId: m.id } });
    expect(audit).toMatchObject({ targetType: "member", details: { transferId: first.transferId, direction: "credit", amountMinutes: 90 } });
    const told = await prisma.notification.findMany({ where: { memberId: m.id, kind: "hours.corrected" } });
    expect(told.map((n) => n.title)).toEqual(["The bank granted you 1 h 30 min"]);
  });

  it("posts one grant when the same form arrives twice at the same moment", async () => {
    const m = await createMember(prisma);
    const input = grant(m.id);
    const results = await Promise.allSettled([postCorrection(admin.id, input, prisma), postCorrection(admin.id, input, prisma)]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.replayed : String(r.reason))).sort()).toEqual([false, true]);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 90 });
    expect(await prisma.notification.count({ where: { memberId: m.id } })).toBe(1);
  });

  it("adds and takes away hours through the adjustment account", async () => {
    const m = await createMember(prisma, { balanceMinutes: 120 });
    const adjustment = await systemAccountId("adjustment", prisma);
    const added = await postCorrection(admin.id, { kind: "adjustment", memberId: m.id, direction: "credit", minutes: 45, reason: "Exchange never recorded", requestKey: randomUUID() }, prisma);
    const taken = await postCorrection(admin.id, { kind: "adjustment", memberId: m.id, direction: "debit", hours: "2", reason: "Double counted", requestKey: randomUUID() }, prisma);
    expect(await balanceOf(prisma, m.id)).toMatchObject({ balanceMinutes: 45 });
    const [a, t] = await Promise.all([added, taken].map((r) => prisma.ledgerTransfer.findUniqueOrThrow({ where: { id: BigInt(r.transferId) } })));
    expect(a).toMatchObject({ kind: "adjustment", debitAccountId: adjustment, creditAccountId: m.accountId, amountMinutes: 45 });
    expect(t).toMatchObject({ kind: "adjustment", debitAccountId: m.accountId, creditAccountId: adjustment, amountMinutes: 120 });
    expect(await prisma.auditLog.count({ where: { action: "ledger.adjust", targetId: m.id } })).toBe(2);
    const titles = (await prisma.notification.findMany({ where: { memberId: m.id }, orderBy: { createdAt: "asc" } })).map((n) => n.title);
    expect(titles).toEqual(["An admin added 45 min to your account", "An admin took 2 h from your account"]);
    expect(await verifyChain(prisma)).toEqual([]);
  });

  it("refuses to take a member below their floor, saying how much they have", async () => {
    const m = await createMember(prisma, { name: "Rui Costa", balanceMinutes: 30, floorMinutes: -60 });
    await expectRefusal(
      prisma,
      () => postCorrection(admin.id, { kind: "adjustment", memberId: m.id, direction: "debit", minutes: 100, reason: "Double counted", requestKey: randomUUID() }, prisma),
      {
        code: "below_floor",
        message: /^Taking 1 h 40 min from Rui Costa would put them 10 min below their floor: they have 1 h 30 min available above it/,
        memberIds: [m.id],
        unchanged: auditAndChecks,
      },
    );
  });

  it("refuses the same form key reused for a different correction", async () => {
    const m = await createMember(prisma);
    const input = grant(m.id);
    await postCorrection(admin.id, input, prisma);
    await expectRefusal(prisma, () => postCorrection(admin.id, { ...input, mins: "45" }, prisma), {
      code: "conflict",
      message: /already used for a different correction/,
      memberIds: [m.id],
      unchanged: auditAndChecks,
    });
  });

  it("refuses an admin correcting their own account", async () => {
    await expectRefusal(prisma, () => postCorrection(admin.id, grant(admin.id), prisma), {
      code: "forbidden",
      message: /ask another admin/,
      memberIds: [admin.id],
      unchanged: auditAndChecks,
    });
  });

  it("refuses bad input and unknown members, changing nothing", async () => {
    const m = await createMember(prisma, { balanceMinutes: 60 });
    const base = { kind: "adjustment", memberId: m.id, direction: "credit", reason: "A fair reason", requestKey: randomUUID() };
    const cases: [Record<string, unknown>, "invalid" | "not_found", string, RegExp][] = [
      [{ minutes: 0 }, "invalid", "minutes", /more than zero/],
      [{ minutes: -30 }, "invalid", "minutes", /more than zero/],
      [{ minutes: 1.5 }, "invalid", "minutes", /whole minutes/],
      [{ hours: "0.01" }, "invalid", "minutes", /whole minutes/],
      [{ hours: "-1" }, "invalid", "minutes", /how many/],
      [{ minutes: CORRECTION_MAX_MINUTES + 1 }, "invalid", "minutes", /at most 1000 hours/],
      [{ minutes: 1e12 }, "invalid", "minutes", /at most/],
      [{ minutes: Number.NaN }, "invalid", "minutes", /how many/],
      [{}, "invalid", "minutes", /how many/],
      [{ minutes: 30, reason: undefined }, "invalid", "reason", /reason/],
      [{ minutes: 30, reason: "    " }, "invalid", "reason", /at least 5/],
      [{ minutes: 30, kind: "gift" }, "invalid", "kind", /adjustment or a grant/],
      [{ minutes: 30, direction: undefined }, "invalid", "direction", /add hours or take them away/],
      [{ minutes: 30, kind: "grant", direction: "debit" }, "invalid", "direction", /A grant only adds hours/],
      [{ minutes: 30, requestKey: undefined }, "invalid", "requestKey", /one-time key/],
      [{ minutes: 30, memberId: "not-a-member" }, "invalid", "memberId", /Choose a member/],
      [{ minutes: 30, memberId: randomUUID() }, "not_found", "", /member was not found/],
    ];
    for (const [change, code, field, message] of cases) {
      const err = await expectRefusal(prisma, () => postCorrection(admin.id, { ...base, ...change }, prisma), { code, message, memberIds: [m.id], unchanged: auditAndChecks });
      if (field) expect(Object.keys(err.fieldErrors ?? {}), JSON.stringify(change)).toContain(field);
    }
  });
});

describe("only an active admin may correct the ledger or run its checks", () => {
  let victim: TestMember;
  let other: TestMember;
  let transferId: string;

  beforeAll(async () => {
    victim = await createMember(prisma, { balanceMinutes: 600 });
    other = await createMember(prisma);
    transferId = await donate(victim, other, 60);
  });

  const callers: [string, () => Promise<string>, "forbidden" | "unauthenticated"][] = [
    ["a plain member", async () => (await createMember(prisma)).id, "forbidden"],
    ["a pending member", async () => (await createMember(prisma, { status: "pending" })).id, "forbidden"],
    ["a suspended member", async () => (await createMember(prisma, { status: "suspended" })).id, "forbidden"],
    ["a suspended admin", async () => (await createMember(prisma, { status: "suspended", role: "admin" })).id, "forbidden"],
    ["an admin without a finished profile", async () => (await createMember(prisma, { role: "admin", profileDone: false })).id, "forbidden"],
    ["an unknown id", async () => randomUUID(), "unauthenticated"],
  ];

  it.each(callers)("refuses %s", async (_who, makeActor, code) => {
    const actorId = await makeActor();
    const refused = { code, memberIds: [victim.id, other.id], unchanged: auditAndChecks };
    await expectRefusal(prisma, () => reverseTransfer(actorId, { transferId, reason }, prisma), refused);
    await expectRefusal(prisma, () => postCorrection(actorId, { kind: "grant", memberId: victim.id, minutes: 60, reason: "For my friend", requestKey: randomUUID() }, prisma), refused);
    await expectRefusal(prisma, () => postCorrection(actorId, { kind: "adjustment", direction: "debit", memberId: victim.id, minutes: 60, reason: "Because I can", requestKey: randomUUID() }, prisma), refused);
    await expectRefusal(prisma, () => runCheck(actorId, { kind: "verify_chain" }, prisma), refused);
  });

  it("lets an active admin run a check, recorded with the audit entry", async () => {
    const run = await runCheck(admin.id, { kind: "trial_balance" }, prisma);
    expect(run).toMatchObject({ kind: "trial_balance", ok: true, actorId: admin.id });
    await expectRefusal(prisma, () => runCheck(admin.id, { kind: "everything" }, prisma), { code: "invalid", unchanged: auditAndChecks });
  });
});
