// Notification email goes through the outbox to a real SMTP listener: once per notification,
// never for kinds the member turned off, never twice when two senders run at once, and retried
// a bounded number of times when the mail server is down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverPendingEmails, MAX_EMAIL_ATTEMPTS } from "../../lib/notifications/outbox";
import { notify } from "../../lib/notifications/notify";
import { sendEmail } from "../../lib/email/send";
import { useTestDatabase } from "../helpers/db";
import { createMember } from "../helpers/members";
import { startSmtpListener, type SmtpListener } from "../helpers/smtp";

const database = await useTestDatabase();
const prisma = database.prisma({ max: 6 });
let smtp: SmtpListener;

beforeAll(async () => {
  smtp = await startSmtpListener();
  process.env.SMTP_URL = smtp.url;
  process.env.EMAIL_FROM = "Test Bank <bank@test.invalid>";
  process.env.APP_URL = "http://bank.test";
});
afterEach(() => {
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

async function pendingFor(memberId: string) {
  return prisma.notification.findMany({ where: { memberId }, orderBy: { createdAt: "asc" } });
}

describe("the email outbox", () => {
  it("sends one email per notification, with a link into the app, and marks it sent", async () => {
    const ann = await createMember(prisma, { name: "Ann Example" });
    await prisma.$transaction((tx) =>
      notify(tx, { memberId: ann.id, kind: "exchange.proposed", title: "Bo proposes an exchange", body: "Bo asks for 1 h of SPC help.", link: "/exchanges/abc" }),
    );
    const before = smtp.messages.length;
    const result = await deliverPendingEmails(prisma);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mail = await smtp.waitFor((m) => m.to.includes(ann.email), { since: before });
    expect(mail.subject).toBe("Bo proposes an exchange");
    expect(mail.text).toContain("Hello Ann,");
    expect(mail.text).toContain("http://bank.test/exchanges/abc");
    expect(mail.from).toBe("bank@test.invalid");
    const [n] = await pendingFor(ann.id);
    expect(n?.emailPending).toBe(false);
    expect(n?.emailedAt).not.toBeNull();

    await deliverPendingEmails(prisma);
    expect(smtp.messages.slice(before).filter((m) => m.to.includes(ann.email))).toHaveLength(1);
  });

  it("keeps the in-app notification but sends no email for a kind the member turned off", async () => {
    const bo = await createMember(prisma);
    await prisma.user.update({ where: { id: bo.id }, data: { emailOptOut: ["message.received"] } });
    await prisma.$transaction((tx) => notify(tx, { memberId: bo.id, kind: "message.received", title: "New message", body: "Hi" }));
    const before = smtp.messages.length;
    await deliverPendingEmails(prisma);
    expect(smtp.messages.slice(before).filter((m) => m.to.includes(bo.email))).toHaveLength(0);
    const [n] = await pendingFor(bo.id);
    expect(n?.emailPending).toBe(false);
    expect(n?.readAt).toBeNull();
  });

  it("never sends one notification twice when two senders run at once", async () => {
    const cy = await createMember(prisma);
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await notify(tx, { memberId: cy.id, kind: "exchange.accepted", title: `Accepted ${i}`, body: "ok" });
    });
    const before = smtp.messages.length;
    const other = database.prisma({ max: 2 });
    const [a, b] = await Promise.all([deliverPendingEmails(prisma), deliverPendingEmails(other)]);
    expect(a.sent + b.sent).toBe(30);
    const subjects = smtp.messages.slice(before).filter((m) => m.to.includes(cy.email)).map((m) => m.subject);
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
  });

  it("leaves an email another sender has just claimed, and takes over a claim whose sender died", async () => {
    const ed = await createMember(prisma);
    await prisma.$transaction(async (tx) => {
      await notify(tx, { memberId: ed.id, kind: "exchange.accepted", title: "Claimed just now", body: "ok" });
      await notify(tx, { memberId: ed.id, kind: "exchange.accepted", title: "Claimed long ago", body: "ok" });
    });
    await prisma.$executeRaw`UPDATE notifications SET email_claimed_at = now() - interval '1 minute' WHERE member_id = ${ed.id}::uuid AND title = 'Claimed just now'`;
    await prisma.$executeRaw`UPDATE notifications SET email_claimed_at = now() - interval '10 minutes' WHERE member_id = ${ed.id}::uuid AND title = 'Claimed long ago'`;
    const before = smtp.messages.length;
    await deliverPendingEmails(prisma);
    const subjects = smtp.messages.slice(before).filter((m) => m.to.includes(ed.email)).map((m) => m.subject);
    expect(subjects).toEqual(["Claimed long ago"]);
  });

  it("retries when the mail server is down, then gives up after a bounded number of attempts", async () => {
    const di = await createMember(prisma);
    await prisma.$transaction((tx) => notify(tx, { memberId: di.id, kind: "exchange.confirmed", title: "Confirmed", body: "ok" }));
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      const r = await deliverPendingEmails(prisma);
      expect(r.failed).toBeGreaterThanOrEqual(1);
      const [n] = await pendingFor(di.id);
      expect(n?.emailAttempts).toBe(attempt);
      expect(n?.emailPending).toBe(attempt < MAX_EMAIL_ATTEMPTS);
    }
  });
});

describe("sendEmail without SMTP", () => {
  it("keeps the email in the development mailbox outside production", async () => {
    delete process.env.SMTP_URL;
    await sendEmail({ to: "someone@test.invalid", subject: "Dev mail", text: "Hello" }, prisma);
    const kept = await prisma.devMail.findFirst({ where: { subject: "Dev mail" } });
    expect(kept?.to).toBe("someone@test.invalid");
  });

  it("refuses in production instead of dropping the email", async () => {
    delete process.env.SMTP_URL;
    process.env.APP_ENV = "production";
    try {
      await expect(sendEmail({ to: "x@test.invalid", subject: "Prod", text: "Hello" }, prisma)).rejects.toThrow(/SMTP_URL/);
      expect(await prisma.devMail.count({ where: { subject: "Prod" } })).toBe(0);
    } finally {
      delete process.env.APP_ENV;
    }
  });
});
