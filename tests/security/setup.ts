// Server actions and route handlers called directly, outside Next: everything real (zod, the
// domain, the ledger, PostgreSQL, the audit log) except the three things only a Next request
// supplies, which come from the calling test instead (tests/security/caller.ts):
// - who is signed in: the caller's session cookie is read as in production (lib/auth/session.ts)
//   and names the caller's member id, whose row is then read from the database as in production
//   (status and role checked fresh, a closed member is nobody); the sessions table is left out;
// - the request's headers and cookies (client address, browser, origin);
// - Next's cache (revalidatePath is a no-op; there is no page cache here).
// redirect() and unstable_rethrow() are Next's own.
import { vi } from "vitest";

vi.mock("../../lib/auth/session-store.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lib/auth/session-store")>();
  const { CALLER_TOKEN_PREFIX } = await import("./caller");
  const { db } = await import("../../lib/db/client");
  return {
    ...real,
    memberForSessionToken: async (token: string) => {
      if (!token.startsWith(CALLER_TOKEN_PREFIX)) return null;
      const member = await db().user.findUnique({
        where: { id: token.slice(CALLER_TOKEN_PREFIX.length) },
        select: { id: true, email: true, name: true, status: true, role: true, profileDoneAt: true },
      });
      if (!member || member.status === "closed") return null;
      return { id: member.id, email: member.email, name: member.name, status: member.status, role: member.role, profileDone: member.profileDoneAt !== null };
    },
  };
});

vi.mock("../../lib/auth/index.ts", async () => {
  const { recordAuthCall } = await import("./caller");
  return {
    auth: async () => {
      throw new Error("auth() is not how the app reads the session: lib/auth/session.ts reads the cookie");
    },
    signIn: async (provider: string, options: unknown) => {
      recordAuthCall("signIn", provider, options);
      return undefined;
    },
    signOut: async (options: unknown) => {
      recordAuthCall("signOut", "session", options);
      const { redirect } = await import("next/navigation");
      redirect((options as { redirectTo?: string } | undefined)?.redirectTo ?? "/");
    },
    handlers: {
      GET: async () => new Response("not in tests", { status: 404 }),
      POST: async () => new Response("not in tests", { status: 404 }),
    },
  };
});

vi.mock("next/headers", async () => {
  const { currentCaller } = await import("./caller");
  return {
    headers: async () => currentCaller().headers,
    cookies: async () => currentCaller().cookies,
  };
});

vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  unstable_cache: <T>(fn: T) => fn,
}));
