// Where a request came from, for the audit log: the client's address and browser. Server actions
// and route handlers capture it from the request's headers once (captureRequestContext) and run
// their work inside it, so the domain code that writes audit rows does not need to be handed it,
// and tests can set it (withRequestContext) without a request.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  /** The page or route the request was made from, when known (for refused requests). */
  path?: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(context: RequestContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

export function requestContext(): RequestContext {
  return storage.getStore() ?? { ip: null, userAgent: null };
}

const MAX_HEADER = 300;

/**
 * The client's address from the request headers. `next start` sets X-Forwarded-For from the
 * socket when no proxy did; behind a load balancer the first address is the client's (the
 * deployment guide says to let only the balancer set it).
 */
export function contextFromHeaders(headers: Headers): RequestContext {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || null;
  const ip = forwarded ? forwarded.replace(/^::ffff:/, "").slice(0, 64) : null;
  const userAgent = headers.get("user-agent")?.slice(0, MAX_HEADER) ?? null;
  let path: string | null = null;
  const referer = headers.get("referer");
  if (referer) {
    try {
      path = new URL(referer).pathname.slice(0, MAX_HEADER);
    } catch {
      path = null;
    }
  }
  return { ip, userAgent, path };
}

/** The current request's context, from next/headers; outside a request, no context. */
export async function captureRequestContext(): Promise<RequestContext> {
  try {
    const { headers } = await import("next/headers");
    return contextFromHeaders(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}
