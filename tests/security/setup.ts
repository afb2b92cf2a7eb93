// Server actions and route handlers called directly, outside Next: everything real (zod, the
// domain, the ledger, PostgreSQL, the audit log) except the three things only a Next request
// supplies, which come from the calling test instead (tests/security/caller.ts):
// - who is signed in: next-auth's `auth()` answers with the caller's member id, and the session
//   member is then read from the database as in production (status and role checked fresh);
// - the request's headers and cookies (client address, browser, origin);
// - Next's cache (revalidatePath is a no-op; there is no page cache here).
// redirect() and unstable_rethrow() are Next's own.
import { vi } from "vitest";

vi.mock("../../lib/auth/index.ts", async () => {
  const { currentCaller, recordAuthCall } = await import("./caller");
  return {
    auth: async () => {
      const caller = currentCaller();
      return caller.memberId ? { user: { id: caller.memberId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
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
