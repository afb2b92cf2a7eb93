// Headers that depend on the request or on the running environment: a Content-Security-Policy
// with a fresh nonce per request, and HSTS in production. The other security headers come from
// next.config.mjs; both lists are in lib/security-headers.mjs. Not an auth boundary: every page,
// action and route handler checks who is asking itself.
import { NextResponse, type NextRequest } from "next/server";
import { isProduction } from "@/lib/config";
import { contentSecurityPolicy, createNonce, CSP_HEADER, HSTS_HEADER } from "@/lib/security-headers.mjs";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const production = isProduction();
  const policy = contentSecurityPolicy({ nonce, production, nextDev: process.env.NODE_ENV === "development" });
  // On the request: Next reads the nonce from it and puts it on every script it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(CSP_HEADER, policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(CSP_HEADER, policy);
  if (production) response.headers.set(HSTS_HEADER.key, HSTS_HEADER.value);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but build output and optimised images (static files: next.config.mjs headers),
      // and prefetches (data for a later navigation, never a document).
      source: "/((?!_next/static|_next/image).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
