// Where a request came from, for the audit log: the client's address and browser. Server actions
// and route handlers capture it from the request's headers once (captureRequestContext) and run
// their work inside it, so the domain code that writes audit rows does not need to be handed it,
// and tests can set it (withRequestContext) without a request.
import { AsyncLocalStorage } from "node:async_hooks";
import { readEnv } from "../env";

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
 * The client's address from X-Forwarded-For. A client can send that header itself, and `next
 * start` only fills it in (from the socket) when it is missing, so the address is read from the
 * right: each trusted proxy in front of the app appends the address it saw, and the entry
 * TIMEBANK_TRUSTED_PROXIES (default 1: one load balancer) from the end is the one that proxy saw.
 * Without a proxy a client could still name any address; docs/ADMIN.md says to run behind one.
 */
export function trustedProxies(): number {
  return readEnv().TIMEBANK_TRUSTED_PROXIES ?? 1;
}

export function contextFromHeaders(headers: Headers): RequestContext {
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  const forwarded = chain.at(-Math.min(trustedProxies(), chain.length)) || headers.get("x-real-ip")?.trim() || null;
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
