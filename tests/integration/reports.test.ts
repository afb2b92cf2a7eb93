// The admin reports against a small bank with known exchanges over several months: every number
// exactly, months with nothing as 0, calendar months in UTC (read from a session in Auckland's time
// zone too, to prove it), reversed exchanges left out, members without an organisation, region
// or profession as "Not listed", and the balance buckets adding up to every member account. The
// CSV files parse back to the same numbers, and only an active admin can download one.
//
// The ledger dates a transfer itself (created_at defaults to the transaction's time), so to post
// hours in past months the test moves that default, not the rows: every transfer is still made by
// lib/ledger's functions, with its hash chain over the date it carries (verifyChain proves it).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClockOffset } from "../../lib/clock";
import { createPrismaClient } from "../../lib/db/client";
import { reconcile, reverse, systemAccountId, transfer, verifyChain } from "../../lib/ledger";
import { csvCell, hoursCell, toCsv } from "../../lib/csv";
import { exportReportCsv, reportCsv } from "../../lib/reports/csv";
import { balanceSpread, hoursByGroup, hoursPerMonth, membersPerMonth, monthsFromParam, topSkills } from "../../lib/reports/queries";
import { datedExchanges } from "../helpers/dated";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";
import { parseCsv } from "../helpers/csv";

const database = await useTestDatabase();
const raw = await database.pgClient();
const prisma = database.prisma();
// A second client whose sessions keep another time zone: the reports must read the same from it.
const auckland = createPrismaClient(`${database.url}?options=${encodeURIComponent("-c TimeZone=Pacific/Auckland")}`, { max: 2 });
afterAll(() => auckland.$disconnect());

/** The reports are read as on this day: the last month shown is June 2026. */
const UNTIL = new Date("2026-06-20T12:00:00Z");
const LAST_12 = ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

const { at, exchange } = await datedExchanges(raw, prisma);

let admin: TestMember;
let plain: TestMember;
let pending: TestMember;
let suspended: TestMember;

beforeAll(async () => {
  const north = await prisma.region.create({ data: { name: "North" } });
  const south = await prisma.region.create({ data: { name: "South" } });
  const northTrust = await prisma.organisation.create({ data: { name: "North Trust", kind: "Acute trust", regionId: north.id } });
  const southPractice = await prisma.organisation.create({ data: { name: "South Practice", kind: "General practice", regionId: south.id } });
  const runCharts = await createSkill(prisma, "Run charts");
  const spc = await createSkill(prisma, "SPC");
  const mapping = await createSkill(prisma, "Process mapping");

  const ada = await createMember(prisma, { name: "Ada North", balanceMinutes: 600 });
  const ben = await createMember(prisma, { name: "Ben South", balanceMinutes: 600 });
  const cal = await createMember(prisma, { name: "Cal Unlisted" });
  const dee = await createMember(prisma, { name: "Dee Doctor" });
  const profile = (m: TestMember, data: { organisationId: string | null; regionId: string | null; profession: string | null; approvedAt: string }) =>
    prisma.user.update({ where: { id: m.id }, data: { ...data, approvedAt: new Date(data.approvedAt) } });
  await profile(ada, { organisationId: northTrust.id, regionId: north.id, profession: "Nurse", approvedAt: "2025-08-03T09:00:00Z" });
  await profile(ben, { organisationId: southPractice.id, regionId: south.id, profession: "Analyst", approvedAt: "2026-01-05T09:00:00Z" });
  // Joined on the last instant of January (UTC).
  await profile(cal, { organisationId: null, regionId: null, profession: null, approvedAt: "2026-01-31T23:59:59.999Z" });
  // Dee's organisation is in the North, but Dee's own region is the South: members are grouped by their own.
  await profile(dee, { organisationId: northTrust.id, regionId: south.id, profession: "Doctor", approvedAt: "2026-02-01T00:00:00Z" });

  const listing = (ownerId: string, kind: "offer" | "request", skillId: string) =>
    prisma.listing.create({ data: { kind, ownerId, title: `${kind} ${skillId.slice(0, 4)}`, description: "For the reports test", skillId, estimatedMinutes: 60 } });
  const benRunCharts = await listing(ben.id, "offer", runCharts.id);
  const adaAsksSpc = await listing(ada.id, "request", spc.id);
  const adaRunCharts = await listing(ada.id, "offer", runCharts.id);
  const deeMapping = await listing(dee.id, "offer", mapping.id);
  const calAsksSpc = await listing(cal.id, "request", spc.id);

  // Outside the last 12 months, inside the last 24.
  await exchange("2025-05-20T10:00:00Z", adaRunCharts, ada, ben, 45);
  await exchange("2026-01-10T10:00:00Z", benRunCharts, ben, ada, 60);
  // The last instant of March and the first of April (UTC).
  await exchange("2026-03-31T23:59:59.999Z", adaAsksSpc, cal, ada, 90);
  await exchange("2026-04-01T00:00:00Z", adaRunCharts, ada, dee, 30);
  const reversed = await exchange("2026-04-15T10:00:00Z", deeMapping, dee, ben, 120);
  await at("2026-05-05T10:00:00Z", () => reverse({ transferId: reversed.transferId!, idempotencyKey: randomUUID(), memo: "Posted in error" }, prisma));
  await exchange("2026-06-01T10:00:00Z", calAsksSpc, ben, cal, 15);
  await exchange("2026-06-10T10:00:00Z", adaRunCharts, ada, cal, 15);
  await prisma.listing.update({ where: { id: calAsksSpc.id }, data: { status: "closed" } });
  await prisma.listing.create({ data: { kind: "request", ownerId: ben.id, title: "Mapping help", description: "Paused", skillId: mapping.id, estimatedMinutes: 60, status: "paused" } });
  await prisma.listing.create({ data: { kind: "offer", ownerId: cal.id, title: "SPC coaching", description: "Closed", skillId: spc.id, estimatedMinutes: 60, status: "closed" } });

  // Balances at the edges of every bucket, and the members the refusals need (all at zero).
  const issuance = await systemAccountId("issuance", prisma);
  const adjustment = await systemAccountId("adjustment", prisma);
  const withBalance = async (minutes: number) => {
    const m = await createMember(prisma, { floorMinutes: -700 });
    const [debitAccountId, creditAccountId] = minutes > 0 ? [issuance, m.accountId] : [m.accountId, adjustment];
    await transfer({ kind: minutes > 0 ? "grant" : "adjustment", debitAccountId, creditAccountId, amountMinutes: Math.abs(minutes), idempotencyKey: randomUUID() }, prisma);
    return m;
  };
  const extra = [];
  for (const minutes of [-600, -601, -599, -300, -1, 300, 301, 600, 1200, 1201]) extra.push(await withBalance(minutes));
  admin = await createMember(prisma, { role: "admin" });
  plain = await createMember(prisma);
  pending = await createMember(prisma, { status: "pending" });
  suspended = await createMember(prisma, { status: "suspended" });
  await prisma.user.updateMany({ where: { id: { in: [...extra, admin, plain].map((m) => m.id) } }, data: { approvedAt: new Date("2024-01-01T00:00:00Z") } });
});

afterAll(() => setClockOffset(0));

describe("the test bank", () => {
  it("was built through the ledger, with every hash chain intact", async () => {
    expect(await verifyChain(prisma)).toEqual([]);
    expect(await reconcile(prisma)).toEqual([]);
  });
});

describe("months", () => {
  it("are UTC calendar months whatever the database session's time zone", async () => {
    const [{ zone }] = (await auckland.$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`) as [{ zone: string }];
    expect(zone).toBe("Pacific/Auckland");
    // In Auckland, the last instant of March (UTC) is already April, and of January already February.
    for (const months of [12, 24]) {
      expect(await hoursPerMonth({ months, until: UNTIL }, auckland)).toEqual(await hoursPerMonth({ months, until: UNTIL }, prisma));
      expect(await membersPerMonth({ months, until: UNTIL }, auckland)).toEqual(await membersPerMonth({ months, until: UNTIL }, prisma));
      expect(await hoursByGroup({ months, until: UNTIL }, auckland)).toEqual(await hoursByGroup({ months, until: UNTIL }, prisma));
    }
    // 23:30 UTC on 30 June is 1 July in Auckland: the last month is still June.
    const late = await hoursPerMonth({ months: 6, until: new Date("2026-06-30T23:30:00Z") }, auckland);
    expect(late.rows.map((r) => r.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
  });
});

describe("hours exchanged per month", () => {
  it("adds up each UTC month's exchanges, shows empty months as 0 and leaves out the reversed exchange", async () => {
    const report = await hoursPerMonth({ months: 12, until: UNTIL }, prisma);
    expect(report.months).toBe(12);
    expect(report.rows).toEqual(
      LAST_12.map((month) => ({
        month,
        ...({ "2026-01": { minutes: 60, exchanges: 1 }, "2026-03": { minutes: 90, exchanges: 1 }, "2026-04": { minutes: 30, exchanges: 1 }, "2026-06": { minutes: 30, exchanges: 2 } }[month] ?? {
          minutes: 0,
          exchanges: 0,
        }),
      })),
    );
    expect(report).toMatchObject({ totalMinutes: 210, totalExchanges: 5 });
  });

  it("reaches back 24 months when asked, and 12 by default", async () => {
    const two = await hoursPerMonth({ months: "24", until: UNTIL }, prisma);
    expect(two.rows).toHaveLength(24);
    expect(two.rows[0]!.month).toBe("2024-07");
    expect(two.rows.find((r) => r.month === "2025-05")).toEqual({ month: "2025-05", minutes: 45, exchanges: 1 });
    expect(two).toMatchObject({ totalMinutes: 255, totalExchanges: 6 });
    expect((await hoursPerMonth({ until: UNTIL }, prisma)).rows.map((r) => r.month)).toEqual(LAST_12);
  });

  it("shows a period with no exchanges as zeros", async () => {
    const report = await hoursPerMonth({ months: 6, until: new Date("2025-03-15T00:00:00Z") }, prisma);
    expect(report.rows.map((r) => r.month)).toEqual(["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]);
    expect(report.rows.every((r) => r.minutes === 0 && r.exchanges === 0)).toBe(true);
    expect(report.totalMinutes).toBe(0);
  });

  it("refuses a period other than 6, 12 or 24 months", async () => {
    await expect(hoursPerMonth({ months: 7, until: UNTIL }, prisma)).rejects.toMatchObject({ code: "invalid", message: "Choose a period of 6, 12 or 24 months." });
    await expect(hoursPerMonth({ months: "12; DROP TABLE members", until: UNTIL }, prisma)).rejects.toMatchObject({ code: "invalid" });
    expect(monthsFromParam("24")).toEqual({ months: 24, valid: true });
    expect(monthsFromParam(undefined)).toEqual({ months: 12, valid: true });
    expect(monthsFromParam("7")).toEqual({ months: 12, valid: false });
  });
});

describe("members joining and active per month", () => {
  it("counts approvals by UTC month and each member active in a month once", async () => {
    const report = await membersPerMonth({ months: 12, until: UNTIL }, prisma);
    const joined: Record<string, number> = { "2025-08": 1, "2026-01": 2, "2026-02": 1 };
    // June: Ben, Cal and Ada (Cal twice). April: Ada and Dee, not Ben, whose only April exchange was reversed.
    const active: Record<string, number> = { "2026-01": 2, "2026-03": 2, "2026-04": 2, "2026-06": 3 };
    expect(report.rows).toEqual(LAST_12.map((month) => ({ month, joined: joined[month] ?? 0, active: active[month] ?? 0 })));
    expect(report.totalJoined).toBe(4);
  });

  it("counts activity in older months over 24 months", async () => {
    const report = await membersPerMonth({ months: 24, until: UNTIL }, prisma);
    expect(report.rows.find((r) => r.month === "2025-05")).toEqual({ month: "2025-05", joined: 0, active: 2 });
    // The members approved in January 2024 are outside even two years.
    expect(report.totalJoined).toBe(4);
  });
});

describe("top skills offered and requested", () => {
  it("counts open and all listings by skill, and the exchanges through them whose hours moved", async () => {
    expect(await topSkills(prisma)).toEqual({
      offered: [
        { skill: "Run charts", openListings: 2, allListings: 2, exchanges: 4 },
        // Its one exchange was reversed.
        { skill: "Process mapping", openListings: 1, allListings: 1, exchanges: 0 },
        { skill: "SPC", openListings: 0, allListings: 1, exchanges: 0 },
      ],
      requested: [
        { skill: "SPC", openListings: 1, allListings: 2, exchanges: 2 },
        { skill: "Process mapping", openListings: 0, allListings: 1, exchanges: 0 },
      ],
    });
  });
});

describe("hours given and received by organisation, region and profession", () => {
  it("groups the period's exchanges by each member's own profile, with 'Not listed' last", async () => {
    const report = await hoursByGroup({ months: 12, until: UNTIL }, prisma);
    const row = (label: string, kind: string, givenMinutes: number, receivedMinutes: number, members: number) => ({ label, kind, givenMinutes, receivedMinutes, members });
    expect(report.organisation).toEqual([row("North Trust", "group", 45, 180, 2), row("South Practice", "group", 75, 0, 1), row("Not listed", "not_listed", 90, 30, 1)]);
    expect(report.region).toEqual([row("North", "group", 45, 150, 1), row("South", "group", 75, 30, 2), row("Not listed", "not_listed", 90, 30, 1)]);
    expect(report.profession).toEqual([
      row("Nurse", "group", 45, 150, 1),
      row("Analyst", "group", 75, 0, 1),
      row("Doctor", "group", 0, 30, 1),
      row("Not listed", "not_listed", 90, 30, 1),
    ]);
    // Every exchange has one giver and one receiver: both sides add up to the hours exchanged.
    expect(report.totalGivenMinutes).toBe(210);
    for (const dimension of ["organisation", "region", "profession"] as const) {
      expect(report[dimension].reduce((s, r) => s + r.receivedMinutes, 0)).toBe(210);
    }
  });

  it("adds up the groups past the limit as one row", async () => {
    const report = await hoursByGroup({ months: 12, until: UNTIL, limit: 1 }, prisma);
    expect(report.profession).toEqual([
      { label: "Nurse", kind: "group", givenMinutes: 45, receivedMinutes: 150, members: 1 },
      { label: "Other professions (2)", kind: "others", givenMinutes: 75, receivedMinutes: 30, members: 2 },
      { label: "Not listed", kind: "not_listed", givenMinutes: 90, receivedMinutes: 30, members: 1 },
    ]);
  });

  it("is empty for a period with no exchanges", async () => {
    expect(await hoursByGroup({ months: 6, until: new Date("2025-03-15T00:00:00Z") }, prisma)).toEqual({
      months: 6,
      organisation: [],
      region: [],
      profession: [],
      totalGivenMinutes: 0,
    });
  });
});

describe("the spread of balances", () => {
  it("puts every member account in exactly one bucket, each bucket's ends included", async () => {
    const report = await balanceSpread(prisma);
    expect(report.buckets.map((b) => [b.label, b.lowMinutes, b.highMinutes, b.sign, b.accounts])).toEqual([
      ["−10 h or less", null, -600, -1, 2], // -600, -601
      ["−9 h 59 min to −5 h", -599, -300, -1, 2], // -599, -300
      ["−4 h 59 min to −1 min", -299, -1, -1, 2], // Dee -30, -1
      ["0 h", 0, 0, 0, 4], // the admin, the plain, pending and suspended members
      ["1 min to 5 h", 1, 300, 1, 2], // Cal 60, 300
      ["5 h 1 min to 10 h", 301, 600, 1, 3], // Ada 540, 301, 600
      ["10 h 1 min to 20 h", 601, 1200, 1, 2], // Ben 630, 1200
      ["20 h 1 min or more", 1201, null, 1, 1], // 1201
    ]);
    expect(report.totalAccounts).toBe(18);
    expect(report.totalAccounts).toBe(await prisma.ledgerAccount.count({ where: { kind: "member" } }));
  });
});

describe("CSV", () => {
  it("quotes by RFC 4180 and keeps text that looks like a formula from running", () => {
    expect(toCsv(["name", "hours", "minutes"], [["=SUM(A1)", hoursCell(-45), -45], ['say "hi", then\r\nleave', hoursCell(90), 90], ["-cmd", "+1", "@x"], [null, 0, "plain"]])).toBe(
      'name,hours,minutes\r\n\'=SUM(A1),-0.75,-45\r\n"say ""hi"", then\r\nleave",1.50,90\r\n\'-cmd,\'+1,\'@x\r\n,0,plain\r\n',
    );
    expect(csvCell("\tTab")).toBe("'\tTab");
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
  });

  it("gives hours per month back as the same numbers", async () => {
    const report = await hoursPerMonth({ months: 12, until: UNTIL }, prisma);
    const rows = parseCsv(await reportCsv("hours-per-month", { months: 12, until: UNTIL }, prisma));
    expect(rows[0]).toEqual(["month", "hours_exchanged", "minutes_exchanged", "exchanges"]);
    expect(rows.slice(1).map(([month, hours, minutes, exchanges]) => ({ month, hours: Number(hours), minutes: Number(minutes), exchanges: Number(exchanges) }))).toEqual(
      report.rows.map((r) => ({ ...r, hours: Math.round((r.minutes / 60) * 100) / 100 })),
    );
    expect(rows.find((r) => r[0] === "2026-03")).toEqual(["2026-03", "1.50", "90", "1"]);
  });

  it("gives members, skills, groups and balances back as the same numbers", async () => {
    const members = parseCsv(await reportCsv("members-per-month", { months: 12, until: UNTIL }, prisma));
    expect(members.slice(1).map(([month, joined, active]) => ({ month, joined: Number(joined), active: Number(active) }))).toEqual(
      (await membersPerMonth({ months: 12, until: UNTIL }, prisma)).rows,
    );

    const skills = parseCsv(await reportCsv("top-skills", {}, prisma));
    expect(skills).toEqual([
      ["listing_kind", "rank", "skill", "open_listings", "all_listings", "exchanges_completed"],
      ["offer", "1", "Run charts", "2", "2", "4"],
      ["offer", "2", "Process mapping", "1", "1", "0"],
      ["offer", "3", "SPC", "0", "1", "0"],
      ["request", "1", "SPC", "1", "2", "2"],
      ["request", "2", "Process mapping", "0", "1", "0"],
    ]);

    const groups = parseCsv(await reportCsv("hours-by-group", { months: 12, until: UNTIL }, prisma));
    expect(groups[0]).toEqual(["grouped_by", "group", "hours_given", "minutes_given", "hours_received", "minutes_received", "members"]);
    const report = await hoursByGroup({ months: 12, until: UNTIL }, prisma);
    expect(groups.slice(1)).toEqual(
      (["organisation", "region", "profession"] as const).flatMap((d) =>
        report[d].map((g) => [d, g.label, (g.givenMinutes / 60).toFixed(2), String(g.givenMinutes), (g.receivedMinutes / 60).toFixed(2), String(g.receivedMinutes), String(g.members)]),
      ),
    );
    expect(groups).toContainEqual(["organisation", "Not listed", "1.50", "90", "0.50", "30", "1"]);

    const balances = parseCsv(await reportCsv("balance-spread", {}, prisma));
    expect(balances[0]).toEqual(["balance_range", "lowest_minutes", "highest_minutes", "member_accounts"]);
    // A true minus sign (U+2212) starts the label: it is text a spreadsheet does not run.
    expect(balances[1]).toEqual(["−10 h or less", "", "-600", "2"]);
    expect(balances.slice(1).reduce((s, r) => s + Number(r[3]), 0)).toBe(18);
  });
});

describe("exportReportCsv", () => {
  it("hands an admin the file, named by report and day, and records the download", async () => {
    const audits = await prisma.auditLog.count({ where: { action: "reports.export" } });
    const file = await exportReportCsv(admin.id, { report: "hours-per-month", months: "24" }, { until: UNTIL }, prisma);
    expect(file.filename).toBe("hours-per-month-2026-06-20.csv");
    expect(parseCsv(file.body)).toHaveLength(25);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "reports.export" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: admin.id, targetType: "report", targetId: "hours-per-month", details: { months: 24, until: UNTIL.toISOString() } });
    expect(await prisma.auditLog.count({ where: { action: "reports.export" } })).toBe(audits + 1);
  });

  it("refuses members who are not active admins, and unknown ids, recording no download", async () => {
    const audits = () => prisma.auditLog.count();
    const input = { report: "balance-spread" };
    await expectRefusal(prisma, () => exportReportCsv(plain.id, input, {}, prisma), { code: "forbidden", unchanged: audits });
    await expectRefusal(prisma, () => exportReportCsv(pending.id, input, {}, prisma), { code: "forbidden", unchanged: audits });
    await expectRefusal(prisma, () => exportReportCsv(suspended.id, input, {}, prisma), { code: "forbidden", unchanged: audits });
    await expectRefusal(prisma, () => exportReportCsv(randomUUID(), input, {}, prisma), { code: "unauthenticated", unchanged: audits });
  });

  it("refuses an unknown report or period", async () => {
    const audits = () => prisma.auditLog.count();
    await expectRefusal(prisma, () => exportReportCsv(admin.id, { report: "passwords" }, {}, prisma), { code: "invalid", message: /no such report/, unchanged: audits });
    await expectRefusal(prisma, () => exportReportCsv(admin.id, { report: "hours-per-month", months: "7" }, {}, prisma), { code: "invalid", unchanged: audits });
  });
});

describe("top skills, when there are many", () => {
  it("shows the ten with the most open listings", async () => {
    const owner = await prisma.user.findFirstOrThrow({ where: { name: "Ada North" } });
    for (let i = 1; i <= 11; i++) {
      const skill = await createSkill(prisma, `Skill ${String(i).padStart(2, "0")}`);
      await prisma.listing.create({ data: { kind: "offer", ownerId: owner.id, title: `Offer ${i}`, description: "More skills", skillId: skill.id, estimatedMinutes: 30 } });
    }
    const { offered, requested } = await topSkills(prisma);
    expect(offered.map((s) => s.skill)).toEqual(["Run charts", "Process mapping", ...Array.from({ length: 8 }, (_, i) => `Skill 0${i + 1}`)]);
    expect(requested).toHaveLength(2);
  });
});
