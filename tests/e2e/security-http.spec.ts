// The security checks that need the real server (`npm start`, as the browser tests run it): a
// sample of the authorisation matrix called over HTTP exactly as a browser calls a server action
// (POST with the Next-Action header and React's encoded arguments), cross-origin POSTs, GETs that
// must change nothing, and the sign-in link raced by 50 requests through next-auth itself.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { PORT } from "../../playwright.config";
import { CALLER_KINDS, callerFor, changedTables, connectWorld, fingerprint, member, type Outcome, type World } from "../security/harness";
import { MATRIX, type ActionEntry, type Expect, type RouteEntry } from "../security/matrix";
import { recordSummary } from "../security/summary";
import { BASE, outcomeOfResponse, postAction, sessionCookie as sessionFor, sessionSetBy } from "./http-actions";
import { E2E_DATABASE_URL, linkFrom, waitForMail } from "./support";

let world: World;
const violations: string[] = [];
const figures = {
  cellsOverHttp: 0,
  crossOriginRefused: 0,
  getRequestsChecked: 0,
  signInLinkRace: { requests: 0, sessions: 0 },
  signInFlood: { requests: 0, sent: 0, limited: 0, delivered: 0 },
};

test.beforeAll(async () => {
  world = await connectWorld(E2E_DATABASE_URL, { pool: 8 });
});

test.afterAll(async () => {
  recordSummary("http", { ...figures, violations });
  await world?.close();
});

/** A session for this member, as next-auth stores one; the cookie that carries it. */
const sessionCookie = (memberId: string | null) => sessionFor(world.prisma, memberId);

function classify(outcome: Outcome): Expect | "broken" {
  if (outcome.kind === "ok" || outcome.kind === "redirect") return "allowed";
  if (outcome.kind === "refused" || outcome.kind === "rule") return "refused";
  return "broken";
}

/**
 * Every table, as in the direct matrix, but for two the demo server's own background work changes
 * while a test runs: sessions (each cell signs in a new one) and notifications (the scheduled
 * reminders write rows for the demo members, and the email outbox marks rows sent). Notifications
 * are compared only for the members this test created (since `since`), without the outbox's columns.
 */
async function httpFingerprint(since: Date): Promise<Record<string, string>> {
  const all = await fingerprint(world);
  delete all.auth_sessions;
  delete all.notifications;
  const mine = await world.pg.query<{ h: string }>(
    `SELECT count(*) || ':' || coalesce(md5(string_agg(n.id::text || n.kind || coalesce(n.read_at::text, '-'), ',' ORDER BY n.id)), '') AS h
       FROM notifications n JOIN members m ON m.id = n.member_id WHERE m.created_at >= $1`,
    [since],
  );
  return { ...all, "notifications (this test's members)": mine.rows[0]!.h };
}

/** The bank at rest: background work (the email outbox) has finished with the last call. */
async function settled(since: Date): Promise<Record<string, string>> {
  let last = await httpFingerprint(since);
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await httpFingerprint(since);
    if (changedTables(last, next).length === 0) return next;
    last = next;
  }
  return last;
}

async function dbNow(): Promise<Date> {
  return (await world.pg.query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0]!.now;
}

const sampled = MATRIX.filter((e): e is ActionEntry | RouteEntry => e.kind !== "http-only" && e.http === true);

test.describe("the authorisation matrix over HTTP (a sample)", () => {
  for (const entry of sampled) {
    test(`${entry.id}`, async () => {
      const found: string[] = [];
      for (const kind of CALLER_KINDS) {
        const since = await dbNow();
        const party = await member(world);
        const target = await entry.setup(world, party);
        const callerId = await callerFor(world, kind, party.id);
        const cookie = await sessionCookie(callerId);
        const before = await settled(since);
        let outcome: Outcome;
        if (entry.kind === "action") {
          outcome = await outcomeOfResponse(await postAction(entry.id, target as FormData, { cookie }));
        } else {
          const { url } = target as { url: string };
          const response = await fetch(url.replace("http://localhost:3000", BASE), { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
          const body = await response.text();
          outcome = response.ok ? { kind: "ok", data: body.length } : [401, 403, 404].includes(response.status) ? { kind: "refused", code: String(response.status), message: body.slice(0, 200) } : { kind: "internal", message: `${response.status}` };
        }
        const changed = changedTables(before, await settled(since));
        figures.cellsOverHttp++;
        const expected = entry.expect[kind];
        const got = classify(outcome);
        const where = `${entry.id} as ${kind} over HTTP`;
        if (expected === "noop" ? got !== "allowed" || changed.length > 0 : got !== expected) found.push(`${where}: expected ${expected}, got ${JSON.stringify(outcome)}`);
        if (expected === "refused" && changed.length > 0) found.push(`${where}: refused but changed ${changed.join(", ")}`);
      }
      violations.push(...found);
      expect(found).toEqual([]);
    });
  }
});

test.describe("cross-origin requests", () => {
  test("a server action posted from another origin is refused and changes nothing, with a valid session cookie", async () => {
    const since = await dbNow();
    const giver = await member(world);
    const taker = await member(world);
    const cookie = await sessionCookie(giver.id);
    const found: string[] = [];
    for (const origin of ["https://evil.example", "null", `http://localhost:${PORT + 1}`, "http://localhost.evil.example"]) {
      const before = await settled(since);
      const response = await postAction(
        "app/dashboard/donate/actions.ts#donateAction",
        (() => {
          const f = new FormData();
          for (const [k, v] of Object.entries({ to: taker.id, hours: "1", mins: "0", requestKey: randomUUID() })) f.append(k, v);
          return f;
        })(),
        { cookie, origin },
      );
      const outcome = await outcomeOfResponse(response);
      const changed = changedTables(before, await settled(since));
      if (classify(outcome) === "allowed" || changed.length > 0) found.push(`Origin ${origin}: ${JSON.stringify(outcome)}, changed ${changed.join(", ")}`);
      else figures.crossOriginRefused++;
    }
    // The same request from the app's own origin goes through: the refusals above were the origin's.
    const same = await outcomeOfResponse(
      await postAction("app/dashboard/donate/actions.ts#donateAction", (() => {
        const f = new FormData();
        for (const [k, v] of Object.entries({ to: taker.id, hours: "1", mins: "0", requestKey: randomUUID() })) f.append(k, v);
        return f;
      })(), { cookie }),
    );
    violations.push(...found);
    expect(found).toEqual([]);
    expect(same.kind).toBe("ok");
  });

  test("GET requests change nothing: every page and download, as a member and as an admin", async () => {
    const since = await dbNow();
    const someone = await member(world);
    const admin = await member(world, { role: "admin" });
    const ex = await world.prisma.exchange.findFirstOrThrow({ select: { id: true } });
    const listing = await world.prisma.listing.findFirstOrThrow({ where: { status: "open" }, select: { id: true } });
    const memberPages = ["/", "/browse", "/browse?q=sepsis", `/listings/${listing.id}`, "/listings", "/dashboard", "/exchanges", `/exchanges/${ex.id}`, "/notifications", "/profile", "/settings", `/members/${someone.id}`, "/api/my-data", "/signin", "/join", "/api/health", "/impact", "/projects", "/campaigns", "/methods", "/excellence", "/certificates", "/verify"];
    const adminPages = ["/admin", "/admin/members", "/admin/members/pending", "/admin/disputes", "/admin/ledger", "/admin/audit", "/admin/reports", "/admin/settings", "/admin/ledger/export", "/admin/audit/export", "/admin/reports/hours-per-month/csv", "/admin/reports/hours-by-stage/csv", "/admin/hubs", "/admin/excellence"];
    const found: string[] = [];
    for (const [who, pages] of [[someone.id, memberPages], [admin.id, adminPages]] as const) {
      const cookie = await sessionCookie(who);
      for (const page of pages) {
        const before = await settled(since);
        const response = await fetch(`${BASE}${page}`, { headers: { Cookie: cookie! }, redirect: "manual" });
        await response.arrayBuffer();
        const changed = changedTables(before, await settled(since));
        figures.getRequestsChecked++;
        if (response.status >= 500) found.push(`GET ${page}: HTTP ${response.status}`);
        if (changed.length > 0) found.push(`GET ${page} changed ${changed.join(", ")}`);
      }
    }
    violations.push(...found);
    expect(found).toEqual([]);
  });

  test("hostile search parameters on every page with filters are answered without a server error", async () => {
    const admin = await member(world, { role: "admin" });
    const cookie = await sessionCookie(admin.id);
    const hostile = ["%00", "0000-01-01", "9999-99-99", "%27%3B--", "%E2%80%AE", "-1", "1e400", "NaN", "x".repeat(3000)];
    const pages = ["/browse?q=", "/browse?skill=", "/browse?kind=", "/browse?page=", "/exchanges?state=", "/dashboard?before=", "/notifications?page=",
      "/admin/members?q=", "/admin/members?page=", "/admin/ledger?member=", "/admin/ledger?from=", "/admin/ledger?to=", "/admin/ledger?min=", "/admin/ledger?after=",
      "/admin/ledger/accounts?q=", "/admin/audit?actor=", "/admin/audit?from=", "/admin/audit?targetId=", "/admin/audit?ip=", "/admin/reports?months=",
      "/admin/ledger/export?from=", "/admin/audit/export?actor=", "/admin/audit/export?from="];
    const found: string[] = [];
    for (const page of pages) {
      for (const value of hostile) {
        const response = await fetch(`${BASE}${page}${value}`, { headers: { Cookie: cookie! }, redirect: "manual" });
        const body = await response.text();
        figures.getRequestsChecked++;
        if (response.status >= 500) found.push(`GET ${page}${value.slice(0, 20)}: HTTP ${response.status}`);
        else if (/\n\s+at\s|node_modules|PrismaClient/.test(body)) found.push(`GET ${page}${value.slice(0, 20)}: internals in the answer`);
      }
    }
    violations.push(...found);
    expect(found).toEqual([]);
  });
});

test("a sign-in link raced by 50 requests through next-auth signs in exactly once", async () => {
  const someone = await member(world);
  const asked = Date.now();
  const form = new FormData();
  form.append("email", someone.email);
  const sent = await outcomeOfResponse(await postAction("app/signin/actions.ts#requestSignInLink", form, { ip: "198.51.100.23" }));
  expect(sent.kind, JSON.stringify(sent)).toBe("redirect");
  const mail = await waitForMail((m) => m.to.includes(someone.email.toLowerCase()), { after: asked });
  const link = linkFrom(mail, "/api/auth/callback/nodemailer");
  const responses = await Promise.all(Array.from({ length: 50 }, () => fetch(link, { redirect: "manual" })));
  const sessions = responses.filter((r) => sessionSetBy(r) !== undefined);
  figures.signInLinkRace = { requests: responses.length, sessions: sessions.length };
  const stored = await world.prisma.session.count({ where: { userId: someone.id } });
  if (sessions.length !== 1 || stored !== 1) violations.push(`sign-in link race: ${sessions.length} session cookies, ${stored} sessions stored`);
  expect(sessions).toHaveLength(1);
  expect(stored).toBe(1);
});

test.describe("rate limits over HTTP", () => {
  test("50 sign-in requests at once for one address send exactly the limit's emails; the rest are told when to try again", async () => {
    const email = `flood-${randomUUID().slice(0, 8)}@nhs.test`;
    const asked = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const form = new FormData();
        form.append("email", email);
        return postAction("app/signin/actions.ts#requestSignInLink", form, { ip: `203.0.113.${i + 1}` }).then(outcomeOfResponse);
      }),
    );
    const sent = outcomes.filter((o) => o.kind === "redirect").length;
    const limited = outcomes.filter((o) => o.kind === "rule" && o.code === "rate_limited" && /try again in \d+ minutes?\./i.test(o.message)).length;
    // Each allowed request is one email to the address: wait for them, then make sure no more come.
    for (let n = 0; n < sent; n++) await waitForMail((m) => m.to.includes(email) && m.at >= asked, { after: asked });
    await new Promise((r) => setTimeout(r, 1500));
    const { mails } = await import("./support");
    const delivered = mails().filter((m) => m.at >= asked && m.to.includes(email)).length;
    figures.signInFlood = { requests: outcomes.length, sent, limited, delivered };
    if (sent !== 5 || limited !== 45 || delivered !== 5) violations.push(`sign-in flood: ${sent} sent, ${limited} limited, ${delivered} emails delivered`);
    expect({ sent, limited, delivered }).toEqual({ sent: 5, limited: 45, delivered: 5 });
  });

  test("next-auth's own sign-in POST is refused: links are sent only by the rate-limited action", async () => {
    const csrf = await fetch(`${BASE}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const email = `direct-${randomUUID().slice(0, 8)}@nhs.test`;
    const response = await fetch(`${BASE}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: BASE },
      body: new URLSearchParams({ csrfToken, email, callbackUrl: "/dashboard" }),
      redirect: "manual",
    });
    expect(response.status).toBe(405);
    expect(await world.prisma.verificationToken.count({ where: { identifier: email } })).toBe(0);
  });
});
