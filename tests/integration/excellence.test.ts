// Reports of excellence: writing one (about an active member, optionally tied to a confirmed
// exchange between the two), the recipient's choice to show it on their profile, who may read a
// report, and the admins' themes. Every refusal changes nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptExchange } from "../../lib/exchanges/accept-exchange";
import { confirmExchange } from "../../lib/exchanges/confirm-exchange";
import { deliverExchange } from "../../lib/exchanges/deliver-exchange";
import { proposeExchange } from "../../lib/exchanges/propose-exchange";
import {
  excellenceThemes,
  getRecognitionTarget,
  getReportForViewer,
  listMyReports,
  listProfileReports,
  myReportForExchange,
} from "../../lib/excellence/queries";
import { setReportShown } from "../../lib/excellence/set-report-shown";
import { writeReport } from "../../lib/excellence/write-report";
import { useTestDatabase } from "../helpers/db";
import { createMember, createSkill, type TestMember } from "../helpers/members";
import { expectRefusal } from "../helpers/refusal";

const database = await useTestDatabase();
const prisma = database.prisma();
const skill = await createSkill(prisma, "Run charts");

/** What a refused call must leave as it was, beyond the usual counts. */
const reportsState = async () => ({
  reports: await prisma.excellenceReport.findMany({ orderBy: { id: "asc" } }),
  notifications: await prisma.notification.count(),
});

type Stage = "proposed" | "delivered" | "confirmed";

/** An exchange on the provider's offer, proposed by the payer, driven to `stage`. */
async function exchangeBetween(provider: TestMember, payer: TestMember, stage: Stage = "confirmed"): Promise<string> {
  const offer = await prisma.listing.create({
    data: { kind: "offer", ownerId: provider.id, title: "Run chart coaching", description: "An hour on run charts", skillId: skill.id, estimatedMinutes: 60 },
  });
  const { id } = await proposeExchange(payer.id, { listingId: offer.id, minutes: 60, requestKey: randomUUID() }, prisma);
  if (stage === "proposed") return id;
  await acceptExchange(provider.id, { exchangeId: id }, prisma);
  await deliverExchange(provider.id, { exchangeId: id, minutesGiven: 60 }, prisma);
  if (stage === "confirmed") await confirmExchange(payer.id, { exchangeId: id }, prisma);
  return id;
}

function reportInput(recipientId: string, overrides: Record<string, unknown> = {}) {
  return {
    recipientId,
    whatTheyDid: "Built an SPC chart of our falls data with me, step by step.",
    whyItMattered: "I can now show the board that the fall in falls is real.",
    themes: ["measurement", "sharing_learning"],
    requestKey: randomUUID(),
    ...overrides,
  };
}

async function pair() {
  const author = await createMember(prisma, { name: "Priya Shah", balanceMinutes: 600 });
  const recipient = await createMember(prisma, { name: "Sam Okoro" });
  return { author, recipient };
}

describe("writing a report of excellence", () => {
  it("records a report about another active member and tells them, with a link to it", async () => {
    const { author, recipient } = await pair();
    const report = await writeReport(author.id, reportInput(recipient.id), prisma);
    expect(report).toMatchObject({ authorId: author.id, recipientId: recipient.id, exchangeId: null, shownOnProfile: false });
    const row = await prisma.excellenceReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(row.themes).toEqual(["measurement", "sharing_learning"]);
    expect(row.whatTheyDid).toBe("Built an SPC chart of our falls data with me, step by step.");
    const notes = await prisma.notification.findMany({ where: { memberId: recipient.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "excellence.received", link: `/excellence/${report.id}`, emailPending: true });
    expect(notes[0]!.title).toBe("Priya wrote a report of excellence about your work");
  });

  it("trims the texts, takes one theme as a single value and drops repeated themes", async () => {
    const { author, recipient } = await pair();
    const one = await writeReport(author.id, reportInput(recipient.id, { whatTheyDid: "   Led the huddle every day.   ", themes: "leadership" }), prisma);
    expect(await prisma.excellenceReport.findUniqueOrThrow({ where: { id: one.id } })).toMatchObject({ whatTheyDid: "Led the huddle every day.", themes: ["leadership"] });
    const two = await writeReport(author.id, reportInput(recipient.id, { themes: ["safety", "safety", "kindness"] }), prisma);
    expect((await prisma.excellenceReport.findUniqueOrThrow({ where: { id: two.id } })).themes).toEqual(["safety", "kindness"]);
  });

  it("ties a report to a confirmed exchange, by either party about the other, once each", async () => {
    const { author: payer, recipient: provider } = await pair();
    const exchangeId = await exchangeBetween(provider, payer);
    const byPayer = await writeReport(payer.id, reportInput(provider.id, { exchangeId }), prisma);
    const byProvider = await writeReport(provider.id, reportInput(payer.id, { exchangeId }), prisma);
    expect(byPayer.exchangeId).toBe(exchangeId);
    expect(byProvider.exchangeId).toBe(exchangeId);
    expect(await myReportForExchange(payer.id, exchangeId, prisma)).toBe(byPayer.id);

    await expectRefusal(prisma, () => writeReport(payer.id, reportInput(provider.id, { exchangeId }), prisma), {
      code: "conflict",
      message: /already written a report of excellence about this exchange/,
      unchanged: reportsState,
    });
  });

  it("returns the first report when the same form is sent again, and tells the recipient once", async () => {
    const { author, recipient } = await pair();
    const input = reportInput(recipient.id);
    const first = await writeReport(author.id, input, prisma);
    const again = await writeReport(author.id, input, prisma);
    expect(again.id).toBe(first.id);
    expect(await prisma.excellenceReport.count({ where: { authorId: author.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { memberId: recipient.id } })).toBe(1);
  });

  it("writes one report when the same form is sent ten times at once", async () => {
    const { author, recipient } = await pair();
    const input = reportInput(recipient.id);
    const results = await Promise.all(Array.from({ length: 10 }, () => writeReport(author.id, input, prisma)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await prisma.excellenceReport.count({ where: { authorId: author.id } })).toBe(1);
  });

  it("refuses a form another member already used", async () => {
    const { author, recipient } = await pair();
    const input = reportInput(recipient.id);
    await writeReport(author.id, input, prisma);
    const someoneElse = await createMember(prisma);
    await expectRefusal(prisma, () => writeReport(someoneElse.id, input, prisma), { code: "conflict", message: /already used/, unchanged: reportsState });
  });

  it("lets an admin write one, like any active member", async () => {
    const admin = await createMember(prisma, { role: "admin" });
    const recipient = await createMember(prisma);
    await expect(writeReport(admin.id, reportInput(recipient.id), prisma)).resolves.toMatchObject({ authorId: admin.id });
  });

  describe("refuses, changing nothing,", () => {
    it("an author who is not signed in (unknown), pending or suspended", async () => {
      const recipient = await createMember(prisma);
      const pending = await createMember(prisma, { status: "pending" });
      const suspended = await createMember(prisma, { status: "suspended" });
      const unfinished = await createMember(prisma, { profileDone: false });
      await expectRefusal(prisma, () => writeReport(randomUUID(), reportInput(recipient.id), prisma), { code: "unauthenticated", unchanged: reportsState });
      await expectRefusal(prisma, () => writeReport(pending.id, reportInput(recipient.id), prisma), { code: "forbidden", unchanged: reportsState });
      await expectRefusal(prisma, () => writeReport(suspended.id, reportInput(recipient.id), prisma), { code: "forbidden", message: /suspended/, unchanged: reportsState });
      await expectRefusal(prisma, () => writeReport(unfinished.id, reportInput(recipient.id), prisma), { code: "forbidden", unchanged: reportsState });
    });

    it("a report about oneself", async () => {
      const author = await createMember(prisma);
      const err = await expectRefusal(prisma, () => writeReport(author.id, reportInput(author.id), prisma), { code: "invalid", unchanged: reportsState });
      expect(err.fieldErrors?.recipientId).toBeDefined();
    });

    it("a recipient who is pending, suspended, has not finished their profile, or does not exist", async () => {
      const author = await createMember(prisma);
      for (const recipient of [
        await createMember(prisma, { status: "pending" }),
        await createMember(prisma, { status: "suspended" }),
        await createMember(prisma, { profileDone: false }),
      ]) {
        const err = await expectRefusal(prisma, () => writeReport(author.id, reportInput(recipient.id), prisma), { code: "invalid", message: /only an active member/, unchanged: reportsState });
        expect(err.fieldErrors?.recipientId).toBeDefined();
      }
      await expectRefusal(prisma, () => writeReport(author.id, reportInput(randomUUID()), prisma), { code: "invalid", unchanged: reportsState });
    });

    it("an exchange that is not confirmed yet", async () => {
      const { author: payer, recipient: provider } = await pair();
      for (const stage of ["proposed", "delivered"] as const) {
        const exchangeId = await exchangeBetween(provider, payer, stage);
        await expectRefusal(prisma, () => writeReport(payer.id, reportInput(provider.id, { exchangeId }), prisma), { code: "conflict", message: /once the help in it is confirmed/, unchanged: reportsState });
      }
    });

    it("an exchange the author was not a party to (as not found), even for an admin", async () => {
      const { author: payer, recipient: provider } = await pair();
      const exchangeId = await exchangeBetween(provider, payer);
      const outsider = await createMember(prisma);
      const admin = await createMember(prisma, { role: "admin" });
      await expectRefusal(prisma, () => writeReport(outsider.id, reportInput(provider.id, { exchangeId }), prisma), { code: "not_found", unchanged: reportsState });
      await expectRefusal(prisma, () => writeReport(admin.id, reportInput(provider.id, { exchangeId }), prisma), { code: "not_found", unchanged: reportsState });
      await expectRefusal(prisma, () => writeReport(payer.id, reportInput(provider.id, { exchangeId: randomUUID() }), prisma), { code: "not_found", unchanged: reportsState });
    });

    it("an exchange whose other party is not the recipient", async () => {
      const { author: payer, recipient: provider } = await pair();
      const exchangeId = await exchangeBetween(provider, payer);
      const third = await createMember(prisma);
      const err = await expectRefusal(prisma, () => writeReport(payer.id, reportInput(third.id, { exchangeId }), prisma), { code: "invalid", unchanged: reportsState });
      expect(err.fieldErrors?.exchangeId).toBeDefined();
    });

    it("bad input, naming each field", async () => {
      const { author, recipient } = await pair();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ whatTheyDid: "Too short" }, "whatTheyDid", /at least 10 characters/],
        [{ whatTheyDid: "x".repeat(1001) }, "whatTheyDid", /1000 characters or fewer/],
        [{ whyItMattered: "         " }, "whyItMattered", /at least 10 characters/],
        [{ whyItMattered: undefined }, "whyItMattered", /why it mattered/],
        [{ themes: [] }, "themes", /at least one theme/],
        [{ themes: ["teamwork", "safety", "kindness", "leadership"] }, "themes", /at most 3 themes/],
        [{ themes: ["bravery"] }, "themes", /from the list/],
        [{ recipientId: "not-a-member" }, "recipientId", /Choose the member/],
        [{ exchangeId: "12345" }, "exchangeId", /not found/],
        [{ requestKey: "short" }, "requestKey", /./],
      ];
      for (const [overrides, field, message] of cases) {
        const err = await expectRefusal(prisma, () => writeReport(author.id, reportInput(recipient.id, overrides), prisma), { code: "invalid", unchanged: reportsState });
        expect(err.fieldErrors?.[field]?.join(" "), field).toMatch(message);
      }
    });
  });
});

describe("showing a report on the recipient's profile", () => {
  it("lets the recipient show it, and hide it again", async () => {
    const { author, recipient } = await pair();
    const report = await writeReport(author.id, reportInput(recipient.id), prisma);
    expect(await setReportShown(recipient.id, { reportId: report.id, shown: "true" }, prisma)).toMatchObject({ shownOnProfile: true });
    expect(await listProfileReports(author.id, recipient.id, prisma)).toHaveLength(1);
    expect(await setReportShown(recipient.id, { reportId: report.id, shown: false }, prisma)).toMatchObject({ shownOnProfile: false });
    expect(await listProfileReports(author.id, recipient.id, prisma)).toHaveLength(0);
  });

  it("refuses the author (forbidden), anyone else and admins (not found), and a suspended recipient, changing nothing", async () => {
    const { author, recipient } = await pair();
    const report = await writeReport(author.id, reportInput(recipient.id), prisma);
    const outsider = await createMember(prisma);
    const admin = await createMember(prisma, { role: "admin" });
    const input = { reportId: report.id, shown: "true" };
    await expectRefusal(prisma, () => setReportShown(author.id, input, prisma), { code: "forbidden", unchanged: reportsState });
    await expectRefusal(prisma, () => setReportShown(outsider.id, input, prisma), { code: "not_found", unchanged: reportsState });
    await expectRefusal(prisma, () => setReportShown(admin.id, input, prisma), { code: "not_found", unchanged: reportsState });
    await expectRefusal(prisma, () => setReportShown(randomUUID(), input, prisma), { code: "unauthenticated", unchanged: reportsState });
    await prisma.user.update({ where: { id: recipient.id }, data: { status: "suspended" } });
    await expectRefusal(prisma, () => setReportShown(recipient.id, input, prisma), { code: "forbidden", unchanged: reportsState });
    await prisma.user.update({ where: { id: recipient.id }, data: { status: "pending" } });
    await expectRefusal(prisma, () => setReportShown(recipient.id, input, prisma), { code: "forbidden", unchanged: reportsState });
  });

  it("refuses bad input and an unknown report, changing nothing", async () => {
    const { author, recipient } = await pair();
    const report = await writeReport(author.id, reportInput(recipient.id), prisma);
    const bad = await expectRefusal(prisma, () => setReportShown(recipient.id, { reportId: report.id, shown: "maybe" }, prisma), { code: "invalid", unchanged: reportsState });
    expect(bad.fieldErrors?.shown).toBeDefined();
    await expectRefusal(prisma, () => setReportShown(recipient.id, { reportId: "nope", shown: "true" }, prisma), { code: "invalid", unchanged: reportsState });
    await expectRefusal(prisma, () => setReportShown(recipient.id, { reportId: randomUUID(), shown: "true" }, prisma), { code: "not_found", unchanged: reportsState });
  });
});

describe("who may read a report", () => {
  it("shows it to its author, its recipient and admins; to other members only once it is on the recipient's profile", async () => {
    const { author: payer, recipient: provider } = await pair();
    const exchangeId = await exchangeBetween(provider, payer);
    const report = await writeReport(payer.id, reportInput(provider.id, { exchangeId }), prisma);
    const outsider = await createMember(prisma);
    const admin = await createMember(prisma, { role: "admin" });

    expect(await getReportForViewer(payer.id, report.id, prisma)).toMatchObject({ isAuthor: true, isRecipient: false, exchange: { id: exchangeId } });
    expect(await getReportForViewer(provider.id, report.id, prisma)).toMatchObject({ isAuthor: false, isRecipient: true, exchange: { id: exchangeId } });
    expect(await getReportForViewer(admin.id, report.id, prisma)).toMatchObject({ isAuthor: false, isRecipient: false, exchange: null });
    expect(await getReportForViewer(outsider.id, report.id, prisma)).toBeNull();
    expect(await getReportForViewer(null, report.id, prisma)).toBeNull();

    await setReportShown(provider.id, { reportId: report.id, shown: true }, prisma);
    // On the profile: other members read it, but not which exchange it came from.
    expect(await getReportForViewer(outsider.id, report.id, prisma)).toMatchObject({ id: report.id, exchange: null });
    expect(await listProfileReports(outsider.id, provider.id, prisma)).toHaveLength(1);

    // A suspended recipient's profile is hidden from others, and so are its reports.
    await prisma.user.update({ where: { id: provider.id }, data: { status: "suspended" } });
    expect(await getReportForViewer(outsider.id, report.id, prisma)).toBeNull();
    expect(await listProfileReports(outsider.id, provider.id, prisma)).toEqual([]);
    expect(await getReportForViewer(payer.id, report.id, prisma)).not.toBeNull();
    await prisma.user.update({ where: { id: provider.id }, data: { status: "active" } });
  });

  it("lists reports about me and by me, newest first, and nothing for a malformed id", async () => {
    const { author, recipient } = await pair();
    const first = await writeReport(author.id, reportInput(recipient.id), prisma);
    const second = await writeReport(author.id, reportInput(recipient.id, { themes: ["kindness"] }), prisma);
    const mine = await listMyReports(recipient.id, prisma);
    expect(mine.received.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(mine.written).toEqual([]);
    expect((await listMyReports(author.id, prisma)).written.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(await getReportForViewer(author.id, "nope", prisma)).toBeNull();
  });
});

describe("who a new report is about", () => {
  it("takes a member, or the other party of a confirmed exchange of mine", async () => {
    const { author: payer, recipient: provider } = await pair();
    expect(await getRecognitionTarget(payer.id, { memberId: provider.id }, prisma)).toMatchObject({ ok: true, recipient: { id: provider.id, name: "Sam Okoro" }, exchange: null });
    const exchangeId = await exchangeBetween(provider, payer);
    expect(await getRecognitionTarget(payer.id, { exchangeId }, prisma)).toMatchObject({ ok: true, recipient: { id: provider.id }, exchange: { id: exchangeId }, alreadyWrittenId: null });
    expect(await getRecognitionTarget(provider.id, { exchangeId }, prisma)).toMatchObject({ ok: true, recipient: { id: payer.id } });
    const report = await writeReport(payer.id, reportInput(provider.id, { exchangeId }), prisma);
    expect(await getRecognitionTarget(payer.id, { exchangeId }, prisma)).toMatchObject({ ok: true, alreadyWrittenId: report.id });
  });

  it("explains why not: myself, nobody, an inactive member, someone else's or an unconfirmed exchange", async () => {
    const { author: payer, recipient: provider } = await pair();
    const outsider = await createMember(prisma);
    const suspended = await createMember(prisma, { status: "suspended" });
    expect(await getRecognitionTarget(payer.id, { memberId: payer.id }, prisma)).toMatchObject({ ok: false });
    expect(await getRecognitionTarget(payer.id, {}, prisma)).toMatchObject({ ok: false });
    expect(await getRecognitionTarget(payer.id, { memberId: suspended.id }, prisma)).toMatchObject({ ok: false, reason: /not an active member/ });
    expect(await getRecognitionTarget(payer.id, { memberId: "x" }, prisma)).toMatchObject({ ok: false });
    const confirmed = await exchangeBetween(provider, payer);
    expect(await getRecognitionTarget(outsider.id, { exchangeId: confirmed }, prisma)).toMatchObject({ ok: false, reason: /not found/ });
    const proposed = await exchangeBetween(provider, payer, "proposed");
    expect(await getRecognitionTarget(payer.id, { exchangeId: proposed }, prisma)).toMatchObject({ ok: false, reason: /confirmed/ });
  });
});

describe("themes across reports (admins)", () => {
  it("counts themes, reports per month and themes by the recipient's profession in the period", async () => {
    const { excellenceReport } = prisma;
    const admin = await createMember(prisma, { role: "admin" });
    const before = await excellenceThemes(admin.id, { months: 6, until: new Date() }, prisma);
    const { author, recipient } = await pair();
    await prisma.user.update({ where: { id: recipient.id }, data: { profession: "Physiotherapist" } });
    await writeReport(author.id, reportInput(recipient.id, { themes: ["teamwork", "safety"] }), prisma);
    await writeReport(author.id, reportInput(recipient.id, { themes: ["teamwork"] }), prisma);
    // One written long before the period: left out.
    const old = await writeReport(author.id, reportInput(recipient.id, { themes: ["teamwork"] }), prisma);
    await excellenceReport.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 400 * 86_400_000) } });

    const after = await excellenceThemes(admin.id, { months: 6, until: new Date() }, prisma);
    expect(after.totalReports - before.totalReports).toBe(2);
    const count = (r: typeof after, theme: string) => r.themes.find((t) => t.theme === theme)!.reports;
    expect(count(after, "teamwork") - count(before, "teamwork")).toBe(2);
    expect(count(after, "safety") - count(before, "safety")).toBe(1);
    expect(after.themes).toHaveLength(8);
    expect(after.perMonth).toHaveLength(6);
    expect(after.perMonth.at(-1)!.reports - before.perMonth.at(-1)!.reports).toBe(2);
    const physio = after.byProfession.find((p) => p.profession === "Physiotherapist")!;
    expect(physio.reports).toBe(2);
    expect(physio.counts[0]).toBe(2); // teamwork
    expect(physio.counts[7]).toBe(1); // safety
    expect(after.recent.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses anyone but an active admin", async () => {
    const member = await createMember(prisma);
    const suspendedAdmin = await createMember(prisma, { role: "admin", status: "suspended" });
    for (const viewer of [member.id, suspendedAdmin.id, randomUUID(), "nope"]) {
      await expect(excellenceThemes(viewer, { months: 12, until: new Date() }, prisma)).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});
