// Certificates of hours given: the totals come from the ledger (checked against an independent
// query of it), in whole UK days; a reversed transfer, an unconfirmed exchange, help received and
// help confirmed just outside the period do not count. Only an active member issues one, for
// themselves; every refusal changes nothing; a certificate never changes; its PDF opens and says
// what the certificate says; the verification page's read returns only the certificate's words.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_PATTERN, newCertificateCode, normaliseCode } from "../../lib/certificates/code";
import { hoursGivenInPeriod, OTHER_HELP } from "../../lib/certificates/hours-given";
import { issueCertificate, writeCertificate } from "../../lib/certificates/issue-certificate";
import { renderCertificatePdf } from "../../lib/certificates/pdf";
import { getOwnCertificate, listMyCertificates, verifyCertificate } from "../../lib/certificates/queries";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import { isoDay } from "../../lib/format/date";
import { formatMinutes } from "../../lib/format/minutes";
import { backdateLedger } from "../../lib/ledger/backdate";
import { reverseTransfer } from "../../lib/ledger-admin/corrections";
import { bankToday } from "../../lib/listings/rules";
import { LEDGER_MINUTES_GIVEN_SQL, readPdf, type LedgerMinutes } from "../helpers/certificates";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const spc = await createSkill(prisma, "Statistical process control");
const mapping = await createSkill(prisma, "Process mapping");

/** The period the tests certify: April to June 2025, British Summer Time throughout. */
const PERIOD = { from: "2025-04-01", to: "2025-06-30" };
const JOINED = new Date("2025-01-06T09:00:00Z");

let helper: TestMember;
let admin: TestMember;
let projectTitle: string;

const certificateCount = () => prisma.certificate.count();

async function memberJoinedIn2025(options: Parameters<typeof createMember>[1] = {}): Promise<TestMember> {
  const m = await createMember(prisma, { balanceMinutes: 3000, ...options });
  await prisma.user.update({ where: { id: m.id }, data: { createdAt: JOINED } });
  return m;
}

/**
 * An exchange driven through the real steps to `stage`, its ledger rows stamped `at` (null: now).
 * `on` is the listing: an offer by the provider (the payer asks), or a request by the payer (the
 * provider offers to help).
 */
async function exchange(options: {
  provider: TestMember;
  payer: TestMember;
  skillId: string;
  minutes: number;
  at: string | null;
  kind?: "offer" | "request";
  projectId?: string;
  stage?: "accepted" | "delivered" | "confirmed";
}): Promise<{ id: string; transferId: bigint | null }> {
  const kind = options.kind ?? "offer";
  const owner = kind === "offer" ? options.provider : options.payer;
  const listing = await prisma.listing.create({
    data: {
      kind,
      ownerId: owner.id,
      title: `Help with ${options.minutes} minutes of work`,
      description: "Some help for the certificate tests.",
      skillId: options.skillId,
      estimatedMinutes: options.minutes,
      projectId: options.projectId ?? null,
    },
  });
  const proposer = kind === "offer" ? options.payer : options.provider;
  const accepter = kind === "offer" ? options.provider : options.payer;
  if (options.at) await backdateLedger(prisma, new Date(options.at));
  try {
    const { id } = await proposeExchange(proposer.id, { listingId: listing.id, minutes: options.minutes, requestKey: randomUUID() }, prisma);
    await acceptExchange(accepter.id, { exchangeId: id }, prisma);
    if (options.stage !== "accepted") await deliverExchange(options.provider.id, { exchangeId: id, minutesGiven: options.minutes }, prisma);
    if ((options.stage ?? "confirmed") === "confirmed") await confirmExchange(options.payer.id, { exchangeId: id }, prisma);
    const row = await prisma.exchange.findUniqueOrThrow({ where: { id }, select: { transferId: true } });
    return { id, transferId: row.transferId };
  } finally {
    if (options.at) await backdateLedger(prisma, null);
  }
}

/** The same total, asked of the ledger another way. */
async function ledgerMinutesGiven(memberId: string, from: string, to: string): Promise<LedgerMinutes> {
  return (await prisma.$queryRawUnsafe<LedgerMinutes[]>(LEDGER_MINUTES_GIVEN_SQL, memberId, from, to))[0]!;
}

beforeAll(async () => {
  helper = await memberJoinedIn2025({ name: "Priya Natarajan" });
  admin = await createMember(prisma, { role: "admin" });
  const payers = await Promise.all(Array.from({ length: 9 }, () => memberJoinedIn2025()));
  const project = await prisma.project.create({
    data: { ownerId: payers[1]!.id, title: "Reducing delays to discharge", aim: "Half the delays to discharge by March.", measures: "Hours from decision to departure", setting: "Acute medical unit" },
  });
  projectTitle = project.title;
  // 31 March 2025 23:30 UTC is 00:30 on 1 April in the UK (summer time): inside.
  await exchange({ provider: helper, payer: payers[0]!, skillId: spc.id, minutes: 90, at: "2025-03-31T23:30:00Z" });
  // A request that belongs to a project: the helper offered to help.
  await exchange({ provider: helper, payer: payers[1]!, skillId: mapping.id, minutes: 120, at: "2025-05-10T10:00:00Z", kind: "request", projectId: project.id });
  // Confirmed inside the period, then reversed by an admin: counts nothing.
  const reversed = await exchange({ provider: helper, payer: payers[2]!, skillId: spc.id, minutes: 60, at: "2025-05-20T10:00:00Z" });
  await reverseTransfer(admin.id, { transferId: String(reversed.transferId), reason: "Recorded against the wrong member." }, prisma);
  // 30 June 22:59 UTC is 23:59 in the UK: inside.
  await exchange({ provider: helper, payer: payers[3]!, skillId: mapping.id, minutes: 45, at: "2025-06-30T22:59:00Z" });
  // 30 June 23:30 UTC is 00:30 on 1 July in the UK: just outside.
  await exchange({ provider: helper, payer: payers[4]!, skillId: spc.id, minutes: 30, at: "2025-06-30T23:30:00Z" });
  // 31 March 22:30 UTC is 23:30 on 31 March in the UK: just outside.
  await exchange({ provider: helper, payer: payers[5]!, skillId: spc.id, minutes: 75, at: "2025-03-31T22:30:00Z" });
  // Help the helper received, not gave: counts nothing.
  await exchange({ provider: payers[6]!, payer: helper, skillId: spc.id, minutes: 60, at: "2025-05-01T10:00:00Z" });
  // Help that no longer belongs to a listing: counted under "Other help".
  const orphan = await exchange({ provider: helper, payer: payers[7]!, skillId: spc.id, minutes: 50, at: "2025-06-01T10:00:00Z" });
  await prisma.exchange.update({ where: { id: orphan.id }, data: { listingId: null } });
  // Agreed and recorded but never confirmed: counts nothing.
  await exchange({ provider: helper, payer: payers[8]!, skillId: spc.id, minutes: 40, at: "2025-06-02T10:00:00Z", stage: "delivered" });
});

afterAll(async () => {
  await backdateLedger(prisma, null);
});

describe("hours given in a period", () => {
  it("counts confirmed, unreversed exchange transfers credited to the member, by UK day, by skill and by project", async () => {
    const totals = await hoursGivenInPeriod(prisma, helper.id, PERIOD);
    expect(totals).toEqual({
      minutesGiven: 90 + 120 + 45 + 50,
      exchangeCount: 4,
      skills: [
        { name: "Process mapping", minutes: 165 },
        { name: "Statistical process control", minutes: 90 },
        { name: OTHER_HELP, minutes: 50 },
      ],
      projects: [{ title: projectTitle, minutes: 120 }],
    });
  });

  it("agrees with an independent query of the ledger, for the period and around it", async () => {
    for (const [from, to] of [
      [PERIOD.from, PERIOD.to],
      ["2025-03-31", "2025-07-01"],
      ["2025-04-02", "2025-06-30"],
      ["2025-01-06", isoDay(bankToday())],
    ] as const) {
      const ours = await hoursGivenInPeriod(prisma, helper.id, { from, to });
      const ledger = await ledgerMinutesGiven(helper.id, from, to);
      expect({ minutes: ours.minutesGiven, transfers: ours.exchangeCount }, `${from} to ${to}`).toEqual(ledger);
      expect(ours.skills.reduce((n, s) => n + s.minutes, 0)).toBe(ours.minutesGiven);
    }
    // The whole history includes both just-outside exchanges (30 + 75 minutes).
    expect((await hoursGivenInPeriod(prisma, helper.id, { from: "2025-01-06", to: isoDay(bankToday()) })).minutesGiven).toBe(305 + 30 + 75);
  });
});

describe("issuing a certificate", () => {
  let issuedId: string;

  it("snapshots the member's name and the ledger's totals under a new verification code", async () => {
    const before = await certificateCount();
    const issued = await issueCertificate(helper.id, { from: ` ${PERIOD.from} `, to: PERIOD.to }, prisma);
    expect(issued.replayed).toBe(false);
    expect(issued.code).toMatch(CODE_PATTERN);
    issuedId = issued.id;
    expect(await certificateCount()).toBe(before + 1);
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: issued.id } });
    const ledger = await ledgerMinutesGiven(helper.id, PERIOD.from, PERIOD.to);
    expect(row).toMatchObject({
      code: issued.code,
      memberId: helper.id,
      memberName: "Priya Natarajan",
      minutesGiven: ledger.minutes,
      exchangeCount: ledger.transfers,
      skills: [
        { name: "Process mapping", minutes: 165 },
        { name: "Statistical process control", minutes: 90 },
        { name: OTHER_HELP, minutes: 50 },
      ],
      projects: [{ title: projectTitle, minutes: 120 }],
    });
    expect(isoDay(row.periodStart)).toBe(PERIOD.from);
    expect(isoDay(row.periodEnd)).toBe(PERIOD.to);
  });

  it("returns the same certificate when the same period is issued again with nothing changed", async () => {
    const before = await certificateCount();
    const again = await issueCertificate(helper.id, PERIOD, prisma);
    expect(again).toMatchObject({ id: issuedId, replayed: true });
    expect(await certificateCount()).toBe(before);
  });

  it("issues one certificate when the same form is sent several times at once", async () => {
    const period = { from: "2025-05-01", to: "2025-06-30" };
    const before = await certificateCount();
    const results = await Promise.all(Array.from({ length: 5 }, () => issueCertificate(helper.id, period, prisma)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await certificateCount()).toBe(before + 1);
  });

  it("lists the member's own certificates, newest first, and no one else's", async () => {
    const mine = await listMyCertificates(helper.id, prisma);
    expect(mine.length).toBe(2);
    expect(mine.every((c) => c.memberName === "Priya Natarajan")).toBe(true);
    expect(await listMyCertificates(admin.id, prisma)).toEqual([]);
    expect(await getOwnCertificate(issuedId, admin.id, prisma)).toBeNull();
    expect(await getOwnCertificate("not-a-uuid", helper.id, prisma)).toBeNull();
    expect((await getOwnCertificate(issuedId, helper.id, prisma))?.minutesGiven).toBe(305);
  });

  it("draws another code when the first one drawn is already taken", async () => {
    const taken = (await prisma.certificate.findUniqueOrThrow({ where: { id: issuedId } })).code;
    const fresh = newCertificateCode();
    const codes = [taken, fresh];
    const result = await prisma.$transaction((tx) =>
      writeCertificate(tx, { memberId: helper.id, memberName: "Priya Natarajan", period: { from: "2025-06-01", to: "2025-06-30" }, issuedAt: new Date(), newCode: () => codes.shift()! }),
    );
    expect(result).toMatchObject({ code: fresh, replayed: false });
  });
});

describe("refusals change nothing", () => {
  const unchanged = () => prisma.certificate.findMany({ orderBy: { id: "asc" } });

  it("refuses someone who is not a member", async () => {
    await expectRefusal(prisma, () => issueCertificate(randomUUID(), PERIOD, prisma), { code: "unauthenticated", unchanged });
  });

  it("refuses pending and suspended members, even for hours they gave", async () => {
    for (const status of ["pending", "suspended"] as const) {
      const m = await memberJoinedIn2025();
      await exchange({ provider: m, payer: await memberJoinedIn2025(), skillId: spc.id, minutes: 30, at: "2025-05-05T10:00:00Z" });
      await prisma.user.update({ where: { id: m.id }, data: { status } });
      await expectRefusal(prisma, () => issueCertificate(m.id, PERIOD, prisma), { code: "forbidden", unchanged });
    }
  });

  it("refuses a period in which the member gave no hours", async () => {
    await expectRefusal(prisma, () => issueCertificate(admin.id, { from: isoDay(bankToday()), to: isoDay(bankToday()) }, prisma), {
      code: "conflict",
      message: /You gave no hours/,
      unchanged,
    });
    await expectRefusal(prisma, () => issueCertificate(helper.id, { from: "2025-07-02", to: "2025-07-31" }, prisma), { code: "conflict", unchanged });
  });

  it("refuses bad periods with a message on the field", async () => {
    const today = isoDay(bankToday());
    const tomorrow = isoDay(new Date(bankToday().getTime() + 86_400_000));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ to: PERIOD.to }, "from", /Enter the first day/],
      [{ from: "", to: PERIOD.to }, "from", /Enter the first day/],
      [{ from: PERIOD.from }, "to", /Enter the last day/],
      [{ from: "1/4/2025", to: PERIOD.to }, "from", /like 2026-03-31/],
      [{ from: "2025-02-30", to: PERIOD.to }, "from", /real date/],
      [{ from: "1999-12-31", to: PERIOD.to }, "from", /between 2000 and 2999/],
      [{ from: ["2025-04-01", "2025-05-01"], to: PERIOD.to }, "from", /./],
      [{ from: "2025-06-30", to: "2025-04-01" }, "to", /on or after the first day/],
      [{ from: today, to: tomorrow }, "to", /cannot end in the future/],
      [{ from: "2025-01-06", to: "2030-01-06" }, "to", /./],
      [{ from: "2024-12-31", to: PERIOD.to }, "from", /You joined the bank on 6 Jan 2025/],
    ];
    for (const [input, field, message] of cases) {
      const err = await expectRefusal(prisma, () => issueCertificate(helper.id, input, prisma), { code: "invalid", unchanged });
      expect(err.fieldErrors?.[field]?.join(" "), JSON.stringify(input)).toMatch(message);
    }
  });

  it("refuses a period longer than five years", async () => {
    const m = await createMember(prisma);
    await prisma.user.update({ where: { id: m.id }, data: { createdAt: new Date("2019-01-01T09:00:00Z") } });
    const err = await expectRefusal(prisma, () => issueCertificate(m.id, { from: "2020-01-01", to: "2025-01-01" }, prisma), { code: "invalid", unchanged });
    expect(err.fieldErrors?.to?.[0]).toMatch(/at most 5 years/);
  });
});

describe("a certificate never changes", () => {
  it("refuses UPDATE and DELETE in the database itself", async () => {
    const row = await prisma.certificate.findFirstOrThrow({ where: { memberId: helper.id } });
    const client = await database.pgClient();
    await expect(client.query(`UPDATE certificates SET minutes_given = minutes_given + 60 WHERE id = $1`, [row.id])).rejects.toThrow(/cannot be changed/);
    await expect(client.query(`UPDATE certificates SET member_name = 'Someone else' WHERE id = $1`, [row.id])).rejects.toThrow(/cannot be changed/);
    await expect(client.query(`DELETE FROM certificates WHERE id = $1`, [row.id])).rejects.toThrow(/cannot be changed/);
    await expect(client.query(`INSERT INTO certificates (code, member_id, member_name, period_start, period_end, minutes_given, exchange_count) VALUES ('abcd-efgh-jkmn', $1, 'x', '2025-01-01', '2025-01-02', 1, 1)`, [helper.id])).rejects.toThrow(/certificates_code_format/);
    expect(await prisma.certificate.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe("the PDF", () => {
  it("opens, has a page, and holds the member's name, the total hours and the verification code", async () => {
    const cert = (await listMyCertificates(helper.id, prisma)).find((c) => c.period.from === PERIOD.from && c.period.to === PERIOD.to)!;
    const pdf = await renderCertificatePdf(cert, { bankName: "QI Time Bank", verifyUrl: `http://localhost:3000/verify/${cert.code}` });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await readPdf(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    const compact = text;
    expect(compact).toContain("Priya Natarajan");
    expect(compact).toContain("Certificate of hours given");
    expect(compact).toContain(formatMinutes(305));
    expect(compact).toContain(cert.code);
    expect(compact).toContain(projectTitle);
    expect(compact).toContain(`/verify/${cert.code}`);
  });

  it("prints names outside the standard fonts' letters without their accents", async () => {
    const pdf = await renderCertificatePdf(
      { code: "ABCD-EFGH-JK23", memberName: "Łucja Dąbrowska", period: PERIOD, minutesGiven: 60, exchangeCount: 1, skills: [{ name: "Café ✓ mapping", minutes: 60 }], projects: [], issuedAt: new Date() },
      { bankName: "QI Time Bank", verifyUrl: "http://localhost:3000/verify/ABCD-EFGH-JK23" },
    );
    const { text } = await readPdf(pdf);
    expect(text).toContain("Lucja Dabrowska");
    expect(text).toContain("Café ? mapping");
  });
});

describe("the public verification read", () => {
  it("returns only what the certificate says, for the code however it is typed", async () => {
    const row = await prisma.certificate.findFirstOrThrow({ where: { memberId: helper.id }, orderBy: { issuedAt: "asc" } });
    const typed = [row.code, row.code.toLowerCase(), row.code.replaceAll("-", ""), ` ${row.code.replaceAll("-", " ").toLowerCase()} `];
    for (const t of typed) {
      const v = await verifyCertificate(t, prisma);
      expect(v, t).not.toBeNull();
      expect(Object.keys(v!).sort()).toEqual(["bankName", "code", "exchangeCount", "issuedAt", "memberName", "minutesGiven", "period", "projects", "skills"]);
      expect(v).toMatchObject({ code: row.code, memberName: "Priya Natarajan", minutesGiven: 305, exchangeCount: 4, period: PERIOD, bankName: "QI Time Bank" });
      expect(JSON.stringify(v)).not.toContain(helper.id);
      expect(JSON.stringify(v)).not.toContain(helper.email);
    }
  });

  it("finds nothing for an unknown or malformed code", async () => {
    for (const t of ["ABCD-EFGH-JK23", "ABCD-EFGH-JK2", "ABCD-EFGH-JK230", "ABCD-EFGH-JKI0", "", "' OR 1=1 --", "x".repeat(500)]) {
      expect(await verifyCertificate(t, prisma), t).toBeNull();
    }
  });

  it("reads codes made of the alphabet only, in groups of four", () => {
    for (let i = 0; i < 200; i++) expect(newCertificateCode()).toMatch(CODE_PATTERN);
    expect(normaliseCode("abcd efgh jk23")).toBe("ABCD-EFGH-JK23");
    expect(normaliseCode("ABCD–EFGH–JK23")).toBe("ABCD-EFGH-JK23");
    expect(normaliseCode("ABCD-EFGH-JK2O")).toBeNull();
  });
});
