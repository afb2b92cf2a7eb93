// next-auth answers POST /api/auth/signin/<provider> (with its CSRF token) by emailing a sign-in
// link, which would go around the sign-in rate limits that app/signin/actions.ts applies first.
// The app never posts there: its action calls signIn() on the server, which hands Auth.js a
// Request in-process (next-auth/lib/actions.js) without going through this route. So that POST is
// refused; GET (the callback from the emailed link, the session, the CSRF token) and every other
// POST go on to next-auth.

const AUTH_BASE_PATH = "/api/auth";

/** Auth.js's action for a path: the first non-empty segment after its base path (as @auth/core reads it). */
function authAction(pathname: string): string | null {
  if (!pathname.startsWith(AUTH_BASE_PATH)) return null;
  return pathname.slice(AUTH_BASE_PATH.length).split("/").filter(Boolean)[0] ?? null;
}

/** A 405 for a POST that would send a sign-in email directly; null for anything else. */
export function refuseDirectSignIn(request: Request): Response | null {
  if (request.method !== "POST" || authAction(new URL(request.url).pathname) !== "signin") return null;
  return Response.json(
    { error: "Ask for a sign-in link on the sign-in page: /signin." },
    { status: 405, headers: { Allow: "GET", "Cache-Control": "no-store" } },
  );
}
