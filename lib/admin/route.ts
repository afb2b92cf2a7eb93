// The frame of every admin download (a route handler is a public endpoint, so it checks the caller
// itself): 401 for a visitor, 403 for a member who is not an active admin, each refusal recorded in
// the audit log with where it came from; 429 with Retry-After past the adminExports rate limit;
// then the download, whose own domain call re-checks the admin in its transaction. An AppError from
// that call becomes a JSON error with its status.
import "server-only";
import { contextFromHeaders, withRequestContext } from "../audit/context";
import { recordRefusal } from "../audit/write";
import { currentMember, type SessionMember } from "../auth/session";
import { AppError, type AppErrorCode } from "../errors";
import { limitAdminExport } from "../rate-limit/admin-exports";
import { RateLimitedError } from "../rate-limit/consume";
import { isAdmin } from "./page";

const STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  below_floor: 409,
  rate_limited: 429,
};

export function errorResponse(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function adminDownload(request: Request, what: string, download: (admin: SessionMember, url: URL) => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  return withRequestContext({ ...contextFromHeaders(request.headers), path: url.pathname }, async () => {
    const member = await currentMember();
    if (!member) {
      await recordRefusal(null, "not signed in", { code: "unauthenticated" });
      return errorResponse(401, "Please sign in first.");
    }
    if (!isAdmin(member)) {
      await recordRefusal(member.id, "not an admin", { code: "forbidden" });
      return errorResponse(403, `Only the bank's admins can download ${what}.`);
    }
    try {
      await limitAdminExport(member.id);
      return await download(member, url);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err instanceof RateLimitedError) {
        return errorResponse(429, err.message, { retryAfterSeconds: err.retryAfterSeconds }, { "Retry-After": String(err.retryAfterSeconds) });
      }
      // Demoted or suspended between the session check and the download's own check.
      if (err.code === "unauthenticated" || err.code === "forbidden") await recordRefusal(member.id, err.message, { code: err.code });
      return errorResponse(STATUS[err.code], err.message);
    }
  });
}
