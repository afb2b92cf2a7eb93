// Who a session cookie belongs to, read straight from auth_sessions (lib/auth/session-store.ts),
// as next-auth's database sessions behave: unknown, expired and closed are nobody, an expired
// session is deleted, an active one is extended at most once a day, and the cookie's name
// follows the app's address.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "../../lib/config";
import { memberForSessionToken, sessionCookieName, SESSION_UPDATE_AGE_SECONDS } from "../../lib/auth/session-store";
import { useTestDatabase } from "../helpers/db";
import { createMember } from "../helpers/members";

const database = await useTestDatabase();
const prisma = database.prisma();
const DAY = 24 * 3600_000;

async function session(memberId: string, expiresInMs: number) {
  const sessionToken = randomBytes(24).toString("hex");
  await prisma.session.create({ data: { sessionToken, userId: memberId, expires: new Date(Date.now() + expiresInMs) } });
  return sessionToken;
}
const expiresOf = async (sessionToken: string) => (await prisma.session.findUnique({ where: { sessionToken } }))?.expires.getTime() ?? null;

describe("memberForSessionToken", () => {
  it("names the session's member, with their status and role as they are now", async () => {
    const m = await createMember(prisma, { name: "Ada Obi", role: "admin" });
    const token = await session(m.id, 20 * DAY);
    expect(await memberForSessionToken(token, prisma)).toEqual({ id: m.id, email: m.email, name: "Ada Obi", status: "active", role: "admin", profileDone: true });
    await prisma.user.update({ where: { id: m.id }, data: { status: "suspended", role: "member" } });
    expect(await memberForSessionToken(token, prisma)).toMatchObject({ status: "suspended", role: "member" });
  });

  it("knows nobody by an unknown, empty or overlong token", async () => {
    expect(await memberForSessionToken(randomBytes(24).toString("hex"), prisma)).toBeNull();
    expect(await memberForSessionToken("", prisma)).toBeNull();
    expect(await memberForSessionToken("x".repeat(201), prisma)).toBeNull();
    expect(await memberForSessionToken("' OR '1'='1", prisma)).toBeNull();
  });

  it("deletes an expired session and knows nobody by it", async () => {
    const m = await createMember(prisma);
    const token = await session(m.id, -1000);
    expect(await memberForSessionToken(token, prisma)).toBeNull();
    expect(await expiresOf(token)).toBeNull();
  });

  it("extends a session at most once a day, as next-auth does", async () => {
    const m = await createMember(prisma);
    // Last extended more than a day ago: pushed back to the full age from now.
    const due = await session(m.id, SESSION_MAX_AGE_SECONDS * 1000 - SESSION_UPDATE_AGE_SECONDS * 1000 - 60_000);
    const before = Date.now();
    await memberForSessionToken(due, prisma);
    expect(await expiresOf(due)).toBeGreaterThanOrEqual(before + SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    // Extended within the day: left as it is.
    const fresh = await session(m.id, SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    const kept = await expiresOf(fresh);
    await memberForSessionToken(fresh, prisma);
    expect(await expiresOf(fresh)).toBe(kept);
  });

  it("knows nobody by the session of a closed account", async () => {
    const m = await createMember(prisma);
    const token = await session(m.id, 20 * DAY);
    await prisma.user.update({ where: { id: m.id }, data: { status: "closed" } });
    expect(await memberForSessionToken(token, prisma)).toBeNull();
  });
});

describe("sessionCookieName", () => {
  it("is __Secure- when the app's address is https, plain when it is http", () => {
    expect(sessionCookieName("https://timebank.example.org", "http")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName("http://localhost:3000", "https")).toBe("authjs.session-token");
  });

  it("without an address, follows the forwarded protocol, https when none is given", () => {
    expect(sessionCookieName(undefined, "http")).toBe("authjs.session-token");
    expect(sessionCookieName(undefined, "https")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName(undefined, "https, http")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName(undefined, null)).toBe("__Secure-authjs.session-token");
  });
});
