// Hours by project stage and by skill (the admin reports and the public impact page), and the
// impact page's other counts, against a small bank with known exchanges: each exchange counts
// under the stage its project was in when the hours moved (a stage change at the very instant
// counts), hours that moved before a request joined a project count under the project's first
// stage, a reversed exchange counts for nothing, and groups of fewer than IMPACT_MIN_GROUP
// members are never named.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { reverse } from "../../lib/ledger";
import { exportReportCsv, reportCsv } from "../../lib/reports/csv";
import { IMPACT_MIN_GROUP, membersBy, NOT_GIVEN, projectCounts, readImpact } from "../../lib/reports/impact";
import { hoursBySkill, hoursByStage, hoursPerMonth } from "../../lib/reports/queries";
import { parseCsv } from "../helpers/csv";
import { datedExchanges } from "../helpers/dated";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const raw = await database.pgClient();
const prisma = database.prisma();
const { at, exchange } = await datedExchanges(raw, prisma);

const UNTIL = new Date("2026-06-20T12:00:00Z");

let admin: TestMember;
let member: TestMember;

async function project(ownerId: string, title: string, stages: [string, string][], finishedAt?: string) {
  const created = new Date(stages[0]![1]);
  const p = await prisma.project.create({
    data: { ownerId, title, aim: "Cut the time to antibiotics by half by March.", measures: "Minutes from triage to antibiotics", setting: "Emergency department", stage: stages[stages.length - 1]![0] as never, createdAt: created, finishedAt: finishedAt ? new Date(finishedAt) : null },
  });
  let from: string | null = null;
  for (const [stage, when] of stages) {
    await prisma.projectStageChange.create({ data: { projectId: p.id, fromStage: from as never, toStage: stage as never, changedById: ownerId, createdAt: new Date(when) } });
    from = stage;
  }
  return p;
}

beforeAll(async () => {
  const orgA = await prisma.organisation.create({ data: { name: "Northgate Hospitals", kind: "Acute trust" } });
  const orgB = await prisma.organisation.create({ data: { name: "Southfield Practice", kind: "General practice" } });
  const spc = await createSkill(prisma, "SPC charts");
  const runCharts = await createSkill(prisma, "Run charts");

  const ada = await createMember(prisma, { name: "Ada", balanceMinutes: 600 });
  const ben = await createMember(prisma, { name: "Ben" });
  const cal = await createMember(prisma, { name: "Cal" });
  const dee = await createMember(prisma, { name: "Dee" });
  await prisma.user.update({ where: { id: ada.id }, data: { organisationId: orgA.id } });
  await prisma.user.update({ where: { id: ben.id }, data: { organisationId: orgB.id, profession: "Analyst" } });
  await prisma.user.update({ where: { id: cal.id }, data: { profession: null } });
  for (let i = 0; i < 6; i++) {
    const nurse = await createMember(prisma, { name: `Nurse ${i}` });
    await prisma.user.update({ where: { id: nurse.id }, data: { organisationId: orgA.id } });
  }
  // Not active: never counted.
  await createMember(prisma, { status: "pending" });
  await createMember(prisma, { status: "suspended" });

  const sepsis = await project(ada.id, "Sepsis six within the hour", [
    ["identify", "2026-01-01T09:00:00Z"],
    ["understand", "2026-02-15T09:00:00Z"],
    ["test", "2026-04-01T00:00:00Z"],
  ]);
  const request = (skillId: string, projectId: string | null) =>
    prisma.listing.create({ data: { kind: "request", ownerId: ada.id, title: "Help with our data", description: "For the impact test", skillId, estimatedMinutes: 60, projectId } });
  const inSepsis = await request(spc.id, sepsis.id);
  const outside = await request(runCharts.id, null);
  const later = await request(runCharts.id, null);

  await exchange("2026-01-20T10:00:00Z", inSepsis, ben, ada, 60); // identify
  await exchange("2026-02-01T10:00:00Z", outside, ben, ada, 20); // no project
  await exchange("2026-03-01T10:00:00Z", inSepsis, cal, ada, 30); // understand
  await exchange("2026-03-10T10:00:00Z", later, dee, ada, 15); // before its project existed
  await exchange("2026-04-01T00:00:00Z", inSepsis, ben, ada, 40); // test: the change at the same instant counts
  const reversed = await exchange("2026-05-01T10:00:00Z", inSepsis, dee, ada, 45);
  await at("2026-05-02T10:00:00Z", () => reverse({ transferId: reversed.transferId!, idempotencyKey: randomUUID(), memo: "Posted in error" }, prisma));
  await exchange("2025-03-01T10:00:00Z", inSepsis, ben, ada, 25); // before the 12-month window

  const discharge = await project(ada.id, "Discharge before noon", [["aim", "2026-06-01T09:00:00Z"]], "2026-06-10T09:00:00Z");
  await prisma.listing.update({ where: { id: later.id }, data: { projectId: discharge.id } });
  // A project nobody has helped yet.
  await project(ada.id, "Falls on ward 7", [["identify", "2026-06-05T09:00:00Z"]]);

  admin = await createMember(prisma, { role: "admin" });
  member = await createMember(prisma);
});

describe("hours by project stage", () => {
  it("counts each exchange under the stage in force when its hours moved, and the rest as outside projects", async () => {
    const report = await hoursByStage({ months: 12, until: UNTIL }, prisma);
    expect(report.rows).toEqual([
      { stage: "identify", minutes: 60, exchanges: 1, projects: 1 },
      { stage: "understand", minutes: 30, exchanges: 1, projects: 1 },
      { stage: "aim", minutes: 15, exchanges: 1, projects: 1 },
      { stage: "test", minutes: 40, exchanges: 1, projects: 1 },
      { stage: "sustain", minutes: 0, exchanges: 0, projects: 0 },
    ]);
    expect(report.outside).toEqual({ minutes: 20, exchanges: 1 });
    expect(report.totalMinutes).toBe(145);
    // With the hours outside projects, it adds up to the month report's total.
    const months = await hoursPerMonth({ months: 12, until: UNTIL }, prisma);
    expect(report.totalMinutes + report.outside.minutes).toBe(months.totalMinutes);
  });

  it("reaches back 24 months when asked", async () => {
    const report = await hoursByStage({ months: 24, until: UNTIL }, prisma);
    // The exchange before the project existed, a year earlier, counts under its first stage.
    expect(report.rows.find((r) => r.stage === "identify")).toEqual({ stage: "identify", minutes: 85, exchanges: 2, projects: 1 });
  });
});

describe("hours by skill", () => {
  it("adds up each skill's exchanges and helpers, most hours first, reversed exchanges left out", async () => {
    const report = await hoursBySkill({ months: 12, until: UNTIL }, prisma);
    expect(report.rows).toEqual([
      { skill: "SPC charts", slug: expect.any(String), minutes: 130, exchanges: 3, helpers: 2 },
      { skill: "Run charts", slug: expect.any(String), minutes: 35, exchanges: 2, helpers: 2 },
    ]);
    expect(report.totalMinutes).toBe(165);
  });
});

describe("the CSV files", () => {
  it("parse back to the same numbers", async () => {
    const stages = parseCsv(await reportCsv("hours-by-stage", { months: 12, until: UNTIL }, prisma));
    expect(stages[0]).toEqual(["project_stage", "hours_exchanged", "minutes_exchanged", "exchanges", "projects"]);
    expect(stages.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ["Identify the problem", "60"],
      ["Understand it", "30"],
      ["Set an aim and measures", "15"],
      ["Test changes in PDSA cycles", "40"],
      ["Sustain and spread", "0"],
      ["Not part of a project", "20"],
    ]);
    const skills = parseCsv(await reportCsv("hours-by-skill", { months: 12, until: UNTIL }, prisma));
    expect(skills).toEqual([
      ["skill", "hours_exchanged", "minutes_exchanged", "exchanges", "members_who_gave"],
      ["SPC charts", "2.17", "130", "3", "2"],
      ["Run charts", "0.58", "35", "2", "2"],
    ]);
  });

  it("are downloaded by an admin, audited, and refused to a member with nothing written", async () => {
    const file = await exportReportCsv(admin.id, { report: "hours-by-stage", months: "12" }, { until: UNTIL }, prisma);
    expect(file.filename).toBe("hours-by-stage-2026-06-20.csv");
    expect(await prisma.auditLog.count({ where: { action: "reports.export", targetId: "hours-by-stage" } })).toBe(1);
    await expectRefusal(prisma, () => exportReportCsv(member.id, { report: "hours-by-skill", months: "12" }, { until: UNTIL }, prisma), { code: "forbidden" });
  });
});

describe("the impact page's counts", () => {
  it("counts projects, running ones by stage, and those helped with hours", async () => {
    expect(await projectCounts(prisma)).toEqual({
      total: 3,
      running: 2,
      finished: 1,
      helped: 2,
      runningByStage: [
        { stage: "identify", projects: 1 },
        { stage: "understand", projects: 0 },
        { stage: "aim", projects: 0 },
        { stage: "test", projects: 1 },
        { stage: "sustain", projects: 0 },
      ],
    });
  });

  it("names only groups of at least IMPACT_MIN_GROUP active members", async () => {
    const active = await prisma.user.count({ where: { status: "active" } });
    const professions = await membersBy("profession", 12, prisma);
    expect(professions[0]).toEqual({ label: "Nurse", kind: "group", members: active - 2 });
    expect(professions).toContainEqual({ label: "Other professions (1)", kind: "others", members: 1 });
    expect(professions).toContainEqual({ label: NOT_GIVEN, kind: "not_given", members: 1 });
    expect(professions.reduce((sum, g) => sum + g.members, 0)).toBe(active);

    const organisations = await membersBy("organisation", 10, prisma);
    expect(organisations).toEqual([
      { label: "Northgate Hospitals", kind: "group", members: 7 },
      { label: "Other organisations (1)", kind: "others", members: 1 },
      { label: NOT_GIVEN, kind: "not_given", members: active - 8 },
    ]);
    for (const g of [...professions, ...organisations]) if (g.kind === "group") expect(g.members).toBeGreaterThanOrEqual(IMPACT_MIN_GROUP);
  });

  it("reads everything for one period in one report", async () => {
    const impact = await readImpact(12, prisma, UNTIL);
    expect(impact.allTime).toMatchObject({ exchangedMinutes: 190, completedExchanges: 7 });
    expect(impact.perMonth.totalMinutes).toBe(165);
    expect(impact.stages.totalMinutes).toBe(145);
    expect(impact.skills.rows.map((r) => r.skill)).toEqual(["SPC charts", "Run charts"]);
    expect(impact.projects.helped).toBe(2);
  });
});
